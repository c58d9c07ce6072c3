package broadsheet.lambda;

import broadsheet.aws.EventBridgePublishSchedule;
import broadsheet.core.editing.EditorPolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the functions read from their environment. This is the only class that reads
 * environment variables; endpoints come from the standard {@code AWS_ENDPOINT_URL*} variables,
 * which the SDK reads itself.
 *
 * @param tableName        {@code TABLE_NAME}: the single DynamoDB table
 * @param bucketName       {@code BUCKET_NAME}: the site bucket
 * @param siteBaseUrl      {@code SITE_BASE_URL}: the public base URL of the site, no trailing slash
 * @param editorGroupClaim {@code EDITOR_GROUP_CLAIM}: the JWT claim listing the caller's groups
 * @param editorGroup      {@code EDITOR_GROUP}: the group whose members are editors (may do everything)
 * @param contributorGroup {@code CONTRIBUTOR_GROUP}: the group whose members are contributors (write
 *                         and submit their own drafts; see {@link broadsheet.core.editing.Permissions})
 * @param s3PathStyle      {@code S3_FORCE_PATH_STYLE=true}: address the bucket by path (local S3 servers)
 * @param sdk              how the SDK clients find their region and credentials
 * @param schedules        where one-time publish schedules go: {@code SCHEDULE_GROUP},
 *                         {@code SCHEDULE_FUNCTION_ARN}, {@code SCHEDULER_ROLE_ARN}, {@code SCHEDULE_DLQ_ARN}
 *                         (all four or none; none: no per-article schedules, the periodic sweep
 *                         alone publishes scheduled articles)
 * @param rebuildQueueUrl  {@code REBUILD_QUEUE_URL}: the SQS queue of the rebuild's units (the
 *                         rebuild start and worker functions only)
 * @param distributionId   {@code DISTRIBUTION_ID}: the CloudFront distribution whose cached pages
 *                         the publisher invalidates when a change makes them stale (none: no
 *                         invalidations, as locally)
 * @param failuresBucket   {@code FAILURES_BUCKET}: the bucket of the publisher's stream mapping's
 *                         on-failure destination, which the replay function republishes from
 */
public record Config(String tableName, String bucketName, String siteBaseUrl, String editorGroupClaim,
                     String editorGroup, String contributorGroup, boolean s3PathStyle, Sdk sdk,
                     Optional<EventBridgePublishSchedule.Target> schedules, Optional<String> rebuildQueueUrl,
                     Optional<String> distributionId, Optional<String> failuresBucket) {

    /** Where the SDK clients' credentials come from. */
    public enum Credentials {
        /** {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are set (Lambda without SnapStart, local runs). */
        ENVIRONMENT,
        /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} is set instead (Lambda with SnapStart hands the role's credentials so). */
        CONTAINER,
        /** Neither: the SDK's default provider chain looks for them. */
        DEFAULT_CHAIN
    }

    /**
     * What the SDK would otherwise work out by walking its provider chains on every client build.
     *
     * @param region      {@code AWS_REGION} (Lambda always sets it); empty: the SDK's region chain
     * @param credentials which credentials provider the variables present call for
     */
    public record Sdk(Optional<String> region, Credentials credentials) {

        /** Nothing known: the SDK's default region and credentials chains. */
        public static final Sdk DEFAULT_CHAINS = new Sdk(Optional.empty(), Credentials.DEFAULT_CHAIN);

        public Sdk {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(credentials, "credentials");
        }

        static Sdk from(Map<String, String> env) {
            Credentials credentials = present(env, "AWS_ACCESS_KEY_ID") && present(env, "AWS_SECRET_ACCESS_KEY")
                    ? Credentials.ENVIRONMENT
                    : present(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI") ? Credentials.CONTAINER : Credentials.DEFAULT_CHAIN;
            return new Sdk(present(env, "AWS_REGION") ? Optional.of(env.get("AWS_REGION").strip()) : Optional.empty(),
                    credentials);
        }
    }

    static final List<String> SCHEDULE_VARIABLES =
            List.of("SCHEDULE_GROUP", "SCHEDULE_FUNCTION_ARN", "SCHEDULER_ROLE_ARN", "SCHEDULE_DLQ_ARN");

    public static final String DEFAULT_EDITOR_GROUP_CLAIM = "cognito:groups";
    public static final String DEFAULT_EDITOR_GROUP = "editors";
    public static final String DEFAULT_CONTRIBUTOR_GROUP = EditorPolicy.DEFAULT_CONTRIBUTOR_GROUP;

    public Config {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(siteBaseUrl, "siteBaseUrl");
        Objects.requireNonNull(editorGroupClaim, "editorGroupClaim");
        Objects.requireNonNull(editorGroup, "editorGroup");
        Objects.requireNonNull(contributorGroup, "contributorGroup");
        Objects.requireNonNull(sdk, "sdk");
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(rebuildQueueUrl, "rebuildQueueUrl");
        Objects.requireNonNull(distributionId, "distributionId");
        Objects.requireNonNull(failuresBucket, "failuresBucket");
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
        long scheduleVariables = SCHEDULE_VARIABLES.stream().filter(n -> present(env, n)).count();
        if (scheduleVariables > 0 && scheduleVariables < SCHEDULE_VARIABLES.size()) {
            SCHEDULE_VARIABLES.forEach(n -> required(env, n, missing));
        }
        if (missing.length() > 0) {
            throw new IllegalStateException("missing environment variables:" + missing);
        }
        Optional<EventBridgePublishSchedule.Target> schedules = scheduleVariables == 0 ? Optional.empty()
                : Optional.of(new EventBridgePublishSchedule.Target(env.get("SCHEDULE_GROUP").strip(),
                        env.get("SCHEDULE_FUNCTION_ARN").strip(), env.get("SCHEDULER_ROLE_ARN").strip(),
                        env.get("SCHEDULE_DLQ_ARN").strip()));
        return new Config(table, bucket, baseUrl,
                optional(env, "EDITOR_GROUP_CLAIM", DEFAULT_EDITOR_GROUP_CLAIM),
                optional(env, "EDITOR_GROUP", DEFAULT_EDITOR_GROUP),
                optional(env, "CONTRIBUTOR_GROUP", DEFAULT_CONTRIBUTOR_GROUP),
                Boolean.parseBoolean(optional(env, "S3_FORCE_PATH_STYLE", "false")), Sdk.from(env), schedules,
                Optional.ofNullable(optional(env, "REBUILD_QUEUE_URL", null)),
                Optional.ofNullable(optional(env, "DISTRIBUTION_ID", null)),
                Optional.ofNullable(optional(env, "FAILURES_BUCKET", null)));
    }

    /** The rebuild queue's URL, required by the rebuild functions. */
    public String requireRebuildQueueUrl() {
        return rebuildQueueUrl.orElseThrow(() -> new IllegalStateException("missing environment variables: REBUILD_QUEUE_URL"));
    }

    public EditorPolicy editorPolicy() {
        return new EditorPolicy(editorGroupClaim, editorGroup, contributorGroup);
    }

    private static String required(Map<String, String> env, String name, StringBuilder missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.append(' ').append(name);
            return null;
        }
        return value.strip();
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
