package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.editing.ArticleStore.Revision;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * What an editor does with articles: create, replace, delete, and restore an earlier version,
 * over an {@link ArticleStore}. This is the one place that sets the server-side times:
 * {@code createdAt} at creation, {@code updatedAt} at every write (from the injected clock, to the
 * millisecond), and a published article's {@code publishAt}, when the editor gave none, to the
 * time of its first publication (kept by later edits). The store keeps what it is given and sets
 * only the version.
 *
 * <p>Conditional writes take the versions the editor's precondition accepts (an HTTP
 * {@code If-Match}, for example) as a {@link LongPredicate}. Outcomes other than success are the
 * store's exceptions: {@link ArticleNotFoundException}, {@link StaleVersionException},
 * {@link ArticleAlreadyExistsException}, {@link IdempotencyConflictException}, and
 * {@link RevisionNotFoundException} for an earlier version that was never kept.
 */
public final class Editing {

    private final ArticleStore store;
    private final Clock clock;

    public Editing(ArticleStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The article as {@link #create} would store it now, without writing it (version 0). */
    public Article asCreated(Article draft) {
        Instant now = now();
        return stamped(draft, draft.slug(), now, now, null);
    }

    /** Stores a new article as version 1. */
    public Article create(Article draft) {
        return store.create(asCreated(draft));
    }

    /**
     * Stores a new article once per idempotency key: a retry with the same key and request hash
     * answers the first result again.
     */
    public Article create(Article draft, String idempotencyKey, String requestHash) {
        return store.create(asCreated(draft), idempotencyKey, requestHash);
    }

    /** The current version of an article (a strongly consistent read). */
    public Optional<Article> find(String slug) {
        return store.find(slug);
    }

    /**
     * A page of articles, newest first.
     *
     * @throws InvalidCursorException when the query's cursor is not one the store returned for it
     */
    public ResultPage list(ArticleQuery query) {
        return store.list(query);
    }

    /**
     * Replaces the article's content with {@code edited} when its current version is one that
     * {@code accepted} takes. The slug, the creation time and (for an article published without a
     * publish time) the first publication time stay as they were.
     */
    public Article replace(String slug, Article edited, LongPredicate accepted) {
        Article current = current(slug, accepted);
        Article next = stamped(edited, slug, current.createdAt(), now(), current.publishAt());
        return store.update(next, current.version());
    }

    /** Deletes the article when its version is still {@code expectedVersion}. */
    public void delete(String slug, long expectedVersion) {
        store.delete(slug, expectedVersion);
    }

    /** Deletes the article when its current version is one that {@code accepted} takes. */
    public void delete(String slug, LongPredicate accepted) {
        store.delete(slug, current(slug, accepted).version());
    }

    /**
     * The kept earlier versions of an article, newest first.
     *
     * @throws ArticleNotFoundException when there is no such article and nothing was kept of it
     */
    public List<Revision> revisions(String slug) {
        List<Revision> revisions = store.revisions(slug);
        if (revisions.isEmpty() && store.find(slug).isEmpty()) {
            throw new ArticleNotFoundException("no article with slug " + slug);
        }
        return revisions;
    }

    /** One kept earlier version of an article, as it was stored. */
    public Article revision(String slug, long version) {
        return store.revision(slug, version).orElseThrow(() -> new RevisionNotFoundException(
                "article " + slug + " has no kept version " + version));
    }

    /**
     * Writes an earlier version's content as the next version, when the current version is one
     * that {@code accepted} takes. Its publish time is the one that version had (now, for a
     * published version that had none).
     */
    public Article restore(String slug, long version, LongPredicate accepted) {
        Article current = current(slug, accepted);
        Article kept = revision(slug, version);
        Article restored = stamped(kept, slug, current.createdAt(), now(), kept.publishAt());
        return store.update(restored, current.version());
    }

    private Article current(String slug, LongPredicate accepted) {
        Article current = store.find(slug)
                .orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
        if (!accepted.test(current.version())) {
            throw new StaleVersionException("article " + slug + " is at version " + current.version()
                    + ", which the precondition does not accept");
        }
        return current;
    }

    /**
     * The article with its server-set fields: the slug, the times, and for a published article
     * without a publish time the previous one, or now. The owner ({@link Article#createdBy()}) is
     * the one {@code a} names: the caller's, set by the API at creation; on updates the store keeps
     * the stored one.
     */
    private static Article stamped(Article a, String slug, Instant createdAt, Instant updatedAt,
                                   Instant previousPublishAt) {
        Instant publishAt = a.publishAt();
        if (publishAt == null && a.status() == Status.PUBLISHED) {
            publishAt = previousPublishAt != null ? previousPublishAt : updatedAt;
        }
        return new Article(a.section(), slug, a.headline(), a.standfirst(), a.body(), a.image(), a.authors(),
                a.tags(), a.source(), a.status(), publishAt, createdAt, updatedAt, a.version(), a.createdBy());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
