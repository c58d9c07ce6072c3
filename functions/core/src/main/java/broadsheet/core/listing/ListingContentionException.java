package broadsheet.core.listing;

/**
 * Thrown when a listing could not be written because other publishers kept changing it: the
 * change is not lost, the caller (the change feed) retries the whole change later.
 */
public final class ListingContentionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListingContentionException(String message) {
        super(message);
    }

    public ListingContentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
