package broadsheet.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.nio.file.Path;
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
        UnaryOperator<RequestHandler<DynamodbEvent, StreamsEventResponse>> publisherWrapper) {

    public static final int DEFAULT_PORT = 8080;
    /** The API handler's own body limit, enforced before the body is read into memory. */
    public static final int MAX_BODY_BYTES = broadsheet.lambda.ArticleApi.MAX_BODY_BYTES;

    public LocalSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(editorToken, "editorToken");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }

    /** The defaults of {@code local/run}: table {@code broadsheet}, bucket {@code broadsheet-site}, group claim as in AWS. */
    public static LocalSettings of(Path dataDir, int port, String editorToken) {
        return new LocalSettings(dataDir, "127.0.0.1", port, editorToken, "broadsheet", "broadsheet-site",
                "cognito:groups", "editors", RetryPolicy.DEFAULT, MAX_BODY_BYTES, UnaryOperator.identity());
    }

    public LocalSettings withRetry(RetryPolicy newRetry) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, newRetry, maxBodyBytes, publisherWrapper);
    }

    public LocalSettings withPublisherWrapper(UnaryOperator<RequestHandler<DynamodbEvent, StreamsEventResponse>> wrapper) {
        return new LocalSettings(dataDir, host, port, editorToken, tableName, bucketName, editorGroupClaim,
                editorGroup, retry, maxBodyBytes, wrapper);
    }

    public Path deadLetterFile() {
        return dataDir.resolve("dead-letters.jsonl");
    }
}
