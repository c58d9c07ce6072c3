package broadsheet.core.editing;

/** Thrown by a store when the stored version is not the expected one. */
public final class StaleVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String message) {
        super(message);
    }
}
