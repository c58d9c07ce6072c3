package broadsheet.local;

import broadsheet.lambda.Config;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How one local stack runs.
 *
 * @param dataDir          dynalite's tables ({@code dynamodb/}), the bucket ({@code s3/}) and the
 *                         dead-letter file live here, and survive restarts
 * @param host             the interface the HTTP server listens on
 * @param port             the HTTP port; 0 picks a free one
 * @param editorToken      the bearer token the authorizer emulation accepts
 * @param publisherWrapper wraps the publisher handler (tests inject failures); identity normally
 * @param schedulerInterval how often the local scheduler publishes scheduled articles whose time
 *                          has come (EventBridge Scheduler and the five-minute sweep in AWS)
 * @param contributorToken a static bearer token standing for a contributor (scripts), or null
 * @param localUsers       who can sign in to the local OpenID Connect issuer
 */
public record LocalSettings(
        Path dataDir,
        String host,
        int port,
        String editorToken,
        String tableName,
        String bucketName,
        String editorGroupClaim,
        String editorGroup,
        RetryPolicy retry,
        int maxBodyBytes,
        UnaryOperator<RequestStreamHandler> publisherWrapper,
        Duration schedulerInterval,
        String contributorToken,
        LocalUsers localUsers) {

    public static final Duration DEFAULT_SCHEDULER_INTERVAL = Duration.ofSeconds(1);

    public static final int DEFAULT_PORT = 8080;
    /** The API handler's own body limit, enforced before the body is read into memory. */
    public static final int MAX_BODY_BYTES = broadsheet.lambda.http.ArticleApi.MAX_BODY_BYTES;

    public LocalSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(editorToken, "editorToken");
        Objects.requireNonNull(schedulerInterval, "schedulerInterval");
        Objects.requireNonNull(localUsers, "localUsers");
        if (schedulerInterval.isNegative() || schedulerInterval.isZero()) {
            throw new IllegalArgumentException("the scheduler interval must be positive, not " + schedulerInterval);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }

    /** The defaults of {@code local/run}: table {@code broadsheet}, bucket {@code broadsheet-site}, group claim as in AWS. */
    public static LocalSettings of(Path dataDir, int port, String editorToken) {
        return new LocalSettings(dataDir, "127.0.0.1", port, editorToken, "broadsheet", "broadsheet-site",
                Config.DEFAULT_EDITOR_GROUP_CLAIM, Config.DEFAULT_EDITOR_GROUP, RetryPolicy.DEFAULT, MAX_BODY_BYTES, UnaryOperator.identity(),
                DEFAULT_SCHEDULER_INTERVAL, null, LocalUsers.generated());
    }

    public LocalSettings withRetry(RetryPolicy newRetry) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, newRetry, maxBodyBytes, publisherWrapper, schedulerInterval, contributorToken, localUsers);
    }

    public LocalSettings withPublisherWrapper(UnaryOperator<RequestStreamHandler> wrapper) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, retry, maxBodyBytes, wrapper, schedulerInterval, contributorToken, localUsers);
    }

    public LocalSettings withSchedulerInterval(Duration interval) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, retry, maxBodyBytes, publisherWrapper, interval, contributorToken, localUsers);
    }

    public LocalSettings withContributorToken(String token) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, retry, maxBodyBytes, publisherWrapper, schedulerInterval, token, localUsers);
    }

    public LocalSettings withLocalUsers(LocalUsers users) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, retry, maxBodyBytes, publisherWrapper, schedulerInterval, contributorToken, users);
    }

    public Path deadLetterFile() {
        return dataDir.resolve("dead-letters.jsonl");
    }
}
