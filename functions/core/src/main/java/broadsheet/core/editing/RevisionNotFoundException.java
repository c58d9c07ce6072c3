package broadsheet.core.editing;

/** Thrown when an article has no kept earlier version with the number asked for. */
public final class RevisionNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RevisionNotFoundException(String message) {
        super(message);
    }
}
