package broadsheet.core.publish;

/**
 * The edge did not accept an invalidation (too many in progress, throttled, unreachable). The
 * pages are in the bucket; the batch of changes is retried, and its invalidation with it.
 */
public class EdgeCacheException extends RuntimeException {

    public EdgeCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
