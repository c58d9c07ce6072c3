package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.util.List;
import java.util.Optional;

/**
 * Where articles live. Every write is a single-item conditional write on the article's version:
 * a stale write is refused with {@link StaleVersionException}, never silently applied.
 */
public interface ArticleStore {

    /**
     * Stores a new article as version 1.
     *
     * @throws ArticleAlreadyExistsException when the slug is taken
     */
    Article create(Article article);

    /**
     * Stores a new article once per idempotency key: the same key with the same request hash
     * returns the first result again (even after later updates of the article, the first
     * result is what is returned); the same key with another request hash throws
     * {@link IdempotencyConflictException}.
     */
    Article create(Article article, String idempotencyKey, String requestHash);

    /** A strongly consistent read. */
    Optional<Article> find(String slug);

    /**
     * Replaces the article stored under {@code article.slug()} when its version is still
     * {@code expectedVersion}; the stored result has version {@code expectedVersion + 1}.
     *
     * @throws StaleVersionException    when the stored version differs
     * @throws ArticleNotFoundException when there is no such article
     */
    Article update(Article article, long expectedVersion);

    /**
     * Deletes the article when its version is still {@code expectedVersion}.
     *
     * @throws StaleVersionException    when the stored version differs
     * @throws ArticleNotFoundException when there is no such article
     */
    void delete(String slug, long expectedVersion);

    /** Lists articles, newest first, filtered by section and/or status; the cursor is opaque. */
    ArticlePage list(ArticleQuery query);

    record ArticleQuery(Optional<String> section, Optional<Status> status, Optional<String> cursor, int limit) {
    }

    record ArticlePage(List<Article> articles, Optional<String> nextCursor) {
    }
}
