package broadsheet.core.editing;

/** Thrown by a store when the idempotency key was used with a different request. */
public final class IdempotencyConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
