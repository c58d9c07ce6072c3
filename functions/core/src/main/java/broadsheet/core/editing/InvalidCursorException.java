package broadsheet.core.editing;

/** Thrown by {@link ArticleStore#list} when the cursor is not one this store returned for that query. */
public final class InvalidCursorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCursorException(String message) {
        super(message);
    }

    public InvalidCursorException(String message, Throwable cause) {
        super(message, cause);
    }
}
