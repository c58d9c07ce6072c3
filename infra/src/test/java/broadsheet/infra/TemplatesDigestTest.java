package broadsheet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesDigestTest {

    @Test
    void changesWithAnyTemplateFileButNotWithTheBuildOutputOrThePom(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("site.json"), "{\"generation\": 1}");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/article.mustache"), "<h1>{{headline}}</h1>");
        String first = TemplatesDigest.of(dir);

        Files.createDirectories(dir.resolve("target/classes"));
        Files.writeString(dir.resolve("target/classes/x.txt"), "built");
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThat(TemplatesDigest.of(dir)).isEqualTo(first);

        Files.writeString(dir.resolve("pages/article.mustache"), "<h1 class=\"headline\">{{headline}}</h1>");
        String edited = TemplatesDigest.of(dir);
        assertThat(edited).isNotEqualTo(first).hasSize(64);

        Files.move(dir.resolve("pages/article.mustache"), dir.resolve("pages/story.mustache"));
        assertThat(TemplatesDigest.of(dir)).as("a renamed template").isNotEqualTo(edited);
    }

    @Test
    void refusesADirectoryWithoutTheSiteConfig(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplatesDigest.of(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site.json");
    }
}
