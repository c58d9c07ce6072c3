package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where articles live. Every write is a single-item conditional write on the article's version:
 * a stale write is refused with {@link StaleVersionException}, never silently applied. A store
 * sets the version and keeps the other fields, times included, as it is given them ({@link Editing}
 * sets the times).
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
     * {@code expectedVersion}; the stored result has version {@code expectedVersion + 1}. An
     * article without a {@code createdAt} keeps the stored one. The creator
     * ({@link Article#createdBy()}) is kept from the stored article, whatever {@code article}
     * holds: an article's owner is set once, at creation.
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

    /**
     * The earlier versions of an article, newest first: every update and delete keeps the version
     * it replaced. Versions at or above the current one are not listed (a write that stopped
     * between keeping the old version and replacing it leaves a copy of the current version).
     */
    List<Revision> revisions(String slug);

    /** One earlier version of an article, as it was stored. */
    Optional<Article> revision(String slug, long version);

    /**
     * Scheduled articles whose {@code publishAt} is at or before {@code now}, oldest first, at most
     * {@code limit}. May be eventually consistent (an index): callers write conditionally on the
     * version they got.
     */
    List<Article> due(Instant now, int limit);

    /**
     * Lists articles, newest first, filtered by section and/or status and/or a headline search;
     * the cursor is opaque. A page may hold fewer than {@code limit} articles (even none) while
     * it still has a next cursor: a store may stop after a bounded amount of reading. Following
     * the cursors to the end returns every matching article exactly once.
     *
     * @throws InvalidCursorException when the cursor is not one this store returned for such a query
     */
    ResultPage list(ArticleQuery query);

    /**
     * What {@link #list} returns: the articles of {@code section} and {@code status} (when given)
     * whose headline contains {@code headline} (when given, as the editor typed it), both compared
     * in {@link #searchForm}.
     */
    record ArticleQuery(Optional<String> section, Optional<Status> status, Optional<String> headline,
                        Optional<String> cursor, int limit) {

        private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

        /** A query without a headline search. */
        public ArticleQuery(Optional<String> section, Optional<Status> status, Optional<String> cursor, int limit) {
            this(section, status, Optional.empty(), cursor, limit);
        }

        /**
         * The form in which headlines are searched: compatibility-decomposed (NFKD), without
         * combining marks (accents), lower-cased by Unicode rules in {@link Locale#ROOT}. So
         * {@code cafe} finds {@code Café}, and {@code İZMIR} finds {@code İzmir}.
         */
        public static String searchForm(String text) {
            return COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                    .toLowerCase(Locale.ROOT);
        }

        /** Whether {@code article}'s headline matches this query's search (true without one). */
        public boolean headlineMatches(Article article) {
            return headline.map(h -> searchForm(article.headline()).contains(searchForm(h))).orElse(true);
        }
    }

    /** One kept version of an article. */
    record Revision(long version, Instant updatedAt, String headline) {
    }

    /** One page of a {@link #list} query's results (articles, not a rendered page) and the cursor of the next. */
    record ResultPage(List<Article> articles, Optional<String> nextCursor) {
    }
}
