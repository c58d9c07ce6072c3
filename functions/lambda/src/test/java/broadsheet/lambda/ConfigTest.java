package broadsheet.lambda;

import broadsheet.core.editing.EditorPolicy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void readsEveryVariableAndDefaultsTheEditorAndContributorGroups() {
        Config config = Config.from(Map.of("TABLE_NAME", "broadsheet", "BUCKET_NAME", "site-bucket",
                "SITE_BASE_URL", "https://news.example/"));
        assertThat(config).isEqualTo(new Config("broadsheet", "site-bucket", "https://news.example",
                "cognito:groups", "editors", "contributors", false, Config.Sdk.DEFAULT_CHAINS, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
    }

    @Test
    void readsTheBucketOfFailedPublishesTheReplayFunctionRepublishesFrom() {
        Config config = Config.from(java.util.Map.of("TABLE_NAME", "broadsheet", "BUCKET_NAME", "site-bucket",
                "SITE_BASE_URL", "https://news.example", "FAILURES_BUCKET", " broadsheet-dev-publish-failures "));

        assertThat(config.failuresBucket()).contains("broadsheet-dev-publish-failures");
        assertThat(Config.from(java.util.Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example"))
                .failuresBucket()).isEmpty();
    }

    @Test
    void readsTheDistributionWhosePagesThePublisherInvalidates() {
        Config config = Config.from(java.util.Map.of("TABLE_NAME", "broadsheet", "BUCKET_NAME", "site-bucket",
                "SITE_BASE_URL", "https://news.example", "DISTRIBUTION_ID", " E2QWRUHEXAMPLE "));

        assertThat(config.distributionId()).contains("E2QWRUHEXAMPLE");
    }

    @Test
    void takesTheRegionAndTheCredentialsProviderFromWhatTheEnvironmentHolds() {
        Map<String, String> base = Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example");
        Map<String, String> lambda = new java.util.HashMap<>(base);
        lambda.putAll(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials"));
        assertThat(Config.from(lambda).sdk())
                .isEqualTo(new Config.Sdk(java.util.Optional.of("eu-west-1"), Config.Credentials.ENVIRONMENT));

        // With SnapStart, Lambda hands the role's credentials through the container endpoint, not the key variables.
        lambda.remove("AWS_ACCESS_KEY_ID");
        lambda.remove("AWS_SECRET_ACCESS_KEY");
        assertThat(Config.from(lambda).sdk().credentials()).isEqualTo(Config.Credentials.CONTAINER);

        assertThat(Config.from(base).sdk()).isEqualTo(Config.Sdk.DEFAULT_CHAINS);
    }

    @Test
    void theRebuildQueueIsOptionalExceptForTheRebuildFunctions() {
        Config without = Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example"));
        assertThatThrownBy(without::requireRebuildQueueUrl).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REBUILD_QUEUE_URL");

        Config with = Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example",
                "REBUILD_QUEUE_URL", " https://sqs.example/1/rebuild "));
        assertThat(with.requireRebuildQueueUrl()).isEqualTo("https://sqs.example/1/rebuild");
    }

    @Test
    void readsThePublishScheduleTargetWhenAllOfItIsThere() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b",
                "SITE_BASE_URL", "https://x.example", "SCHEDULE_GROUP", "g", "SCHEDULE_FUNCTION_ARN", "arn:f",
                "SCHEDULER_ROLE_ARN", "arn:r", "SCHEDULE_DLQ_ARN", "arn:q"));
        assertThat(Config.from(env).schedules()).contains(
                new broadsheet.aws.EventBridgePublishSchedule.Target("g", "arn:f", "arn:r", "arn:q"));

        env.remove("SCHEDULER_ROLE_ARN");
        assertThatThrownBy(() -> Config.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SCHEDULER_ROLE_ARN");
    }

    @Test
    void takesTheConfiguredGroupClaimAndGroup() {
        Config config = Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example",
                "EDITOR_GROUP_CLAIM", "groups", "EDITOR_GROUP", "newsroom"));
        assertThat(config.editorPolicy()).isEqualTo(new EditorPolicy("groups", "newsroom", "contributors"));
        Config writers = Config.from(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "SITE_BASE_URL", "https://x.example",
                "CONTRIBUTOR_GROUP", " writers "));
        assertThat(writers.editorPolicy()).isEqualTo(new EditorPolicy("cognito:groups", "editors", "writers"));
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
