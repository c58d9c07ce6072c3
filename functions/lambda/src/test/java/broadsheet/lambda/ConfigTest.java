package broadsheet.lambda;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void readsEveryVariableAndDefaultsTheEditorGroup() {
        Config config = Config.from(Map.of("TABLE_NAME", "broadsheet", "BUCKET_NAME", "site-bucket",
                "SITE_BASE_URL", "https://news.example/"));
        assertThat(config).isEqualTo(new Config("broadsheet", "site-bucket", "https://news.example",
                "cognito:groups", "editors", false));
    }

    @Test
    void takesTheConfiguredGroupClaimAndGroup() {
        Config config = Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example",
                "EDITOR_GROUP_CLAIM", "groups", "EDITOR_GROUP", "newsroom"));
        assertThat(config.editorPolicy()).isEqualTo(new EditorPolicy("groups", "newsroom"));
        assertThat(Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example",
                "S3_FORCE_PATH_STYLE", "true")).s3PathStyle()).isTrue();
    }

    @Test
    void namesEveryMissingVariable() {
        assertThatThrownBy(() -> Config.from(Map.of("BUCKET_NAME", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TABLE_NAME")
                .hasMessageContaining("BUCKET_NAME")
                .hasMessageContaining("SITE_BASE_URL");
    }
}
