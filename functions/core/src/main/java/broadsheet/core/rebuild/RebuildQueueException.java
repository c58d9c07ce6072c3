package broadsheet.core.rebuild;

/** The rebuild queue refused units or could not be reached; nothing is known to be sent. */
public final class RebuildQueueException extends RuntimeException {

    public RebuildQueueException(String message, Throwable cause) {
        super(message, cause);
    }

    public RebuildQueueException(String message) {
        super(message);
    }
}
