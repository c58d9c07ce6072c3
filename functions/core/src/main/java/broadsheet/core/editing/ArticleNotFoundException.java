package broadsheet.core.editing;

/** Thrown by a store when there is no article with this slug. */
public final class ArticleNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArticleNotFoundException(String message) {
        super(message);
    }
}
