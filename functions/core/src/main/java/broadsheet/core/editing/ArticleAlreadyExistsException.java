package broadsheet.core.editing;

/** Thrown by a store when an article with this slug exists already. */
public final class ArticleAlreadyExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArticleAlreadyExistsException(String message) {
        super(message);
    }
}
