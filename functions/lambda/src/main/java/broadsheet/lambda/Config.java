package broadsheet.lambda;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the functions read from their environment. This is the only class that reads
 * environment variables; endpoints come from the standard {@code AWS_ENDPOINT_URL*} variables,
 * which the SDK reads itself.
 *
 * @param tableName        {@code TABLE_NAME}: the single DynamoDB table
 * @param bucketName       {@code BUCKET_NAME}: the site bucket
 * @param siteBaseUrl      {@code SITE_BASE_URL}: the public base URL of the site, no trailing slash
 * @param editorGroupClaim {@code EDITOR_GROUP_CLAIM}: the JWT claim listing the caller's groups
 * @param editorGroup      {@code EDITOR_GROUP}: the group whose members may use the API
 * @param s3PathStyle      {@code S3_FORCE_PATH_STYLE=true}: address the bucket by path (local S3 servers)
 */
public record Config(String tableName, String bucketName, String siteBaseUrl, String editorGroupClaim,
                     String editorGroup, boolean s3PathStyle) {

    public static final String DEFAULT_EDITOR_GROUP_CLAIM = "cognito:groups";
    public static final String DEFAULT_EDITOR_GROUP = "editors";

    public Config {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(siteBaseUrl, "siteBaseUrl");
        Objects.requireNonNull(editorGroupClaim, "editorGroupClaim");
        Objects.requireNonNull(editorGroup, "editorGroup");
        siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
    }

    /** The configuration of this process, from {@link System#getenv()}. */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads the configuration from a map of environment variables.
     *
     * @throws IllegalStateException naming every required variable that is missing or blank
     */
    public static Config from(Map<String, String> env) {
        StringBuilder missing = new StringBuilder();
        String table = required(env, "TABLE_NAME", missing);
        String bucket = required(env, "BUCKET_NAME", missing);
        String baseUrl = required(env, "SITE_BASE_URL", missing);
        if (missing.length() > 0) {
            throw new IllegalStateException("missing environment variables:" + missing);
        }
        return new Config(table, bucket, baseUrl,
                optional(env, "EDITOR_GROUP_CLAIM", DEFAULT_EDITOR_GROUP_CLAIM),
                optional(env, "EDITOR_GROUP", DEFAULT_EDITOR_GROUP),
                Boolean.parseBoolean(optional(env, "S3_FORCE_PATH_STYLE", "false")));
    }

    public EditorPolicy editorPolicy() {
        return new EditorPolicy(editorGroupClaim, editorGroup);
    }

    private static String required(Map<String, String> env, String name, StringBuilder missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.append(' ').append(name);
            return null;
        }
        return value.strip();
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
