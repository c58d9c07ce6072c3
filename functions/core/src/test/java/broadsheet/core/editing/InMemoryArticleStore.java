package broadsheet.core.editing;

import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.editing.StaleVersionException;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link ArticleStore} in memory, for tests, the export command and benchmarks. Thread-safe:
 * every operation holds the store's lock, so each write is one atomic check of the version.
 *
 * <p>The store sets the version (1 on create, +1 on update) and keeps the times it is given
 * ({@link Editing} sets them); an update without a {@code createdAt} keeps the stored one.
 *
 * <p>{@link #list} orders like the table's indexes: by publish time, newest first, when only
 * published articles are asked for (the {@code published} index), otherwise by last update,
 * newest first (the {@code by-section} index); equal times by slug, descending. The cursor names
 * the last article returned, so a page boundary does not move when articles are added.
 */
public final class InMemoryArticleStore implements ArticleStore {

    private record Idempotent(String requestHash, Article firstResult) {
    }

    private record Position(Instant time, String slug) {
    }

    private final Map<String, Article> articles = new HashMap<>();
    private final Map<String, Idempotent> idempotencyKeys = new HashMap<>();
    private final Map<String, TreeMap<Long, Article>> revisions = new HashMap<>();

    @Override
    public synchronized Article create(Article article) {
        if (articles.containsKey(article.slug())) {
            throw new ArticleAlreadyExistsException("an article with slug " + article.slug() + " exists already");
        }
        Article stored = article.withVersion(1);
        articles.put(stored.slug(), stored);
        return stored;
    }

    @Override
    public synchronized Article create(Article article, String idempotencyKey, String requestHash) {
        Idempotent seen = idempotencyKeys.get(idempotencyKey);
        if (seen != null) {
            if (!seen.requestHash().equals(requestHash)) {
                throw new IdempotencyConflictException("idempotency key " + idempotencyKey + " was used for another request");
            }
            return seen.firstResult();
        }
        Article stored = create(article);
        idempotencyKeys.put(idempotencyKey, new Idempotent(requestHash, stored));
        return stored;
    }

    @Override
    public synchronized Optional<Article> find(String slug) {
        return Optional.ofNullable(articles.get(slug));
    }

    @Override
    public synchronized Article update(Article article, long expectedVersion) {
        Article current = existing(article.slug(), expectedVersion);
        keep(current);
        Article next = article.withVersion(expectedVersion + 1);
        // an article given without a creation time keeps the stored one, as in the table; the creator never changes
        Article stored = (next.createdAt() != null ? next : next.withTimes(current.createdAt(), next.updatedAt()))
                .withCreatedBy(current.createdBy());
        articles.put(stored.slug(), stored);
        return stored;
    }

    @Override
    public synchronized void delete(String slug, long expectedVersion) {
        keep(existing(slug, expectedVersion));
        articles.remove(slug);
    }

    private void keep(Article replaced) {
        revisions.computeIfAbsent(replaced.slug(), s -> new TreeMap<>()).put(replaced.version(), replaced);
    }

    @Override
    public synchronized List<Revision> revisions(String slug) {
        long current = Optional.ofNullable(articles.get(slug)).map(Article::version).orElse(Long.MAX_VALUE);
        return revisions.getOrDefault(slug, new TreeMap<>()).descendingMap().values().stream()
                .filter(a -> a.version() < current)
                .map(a -> new Revision(a.version(), a.updatedAt(), a.headline()))
                .toList();
    }

    @Override
    public synchronized Optional<Article> revision(String slug, long version) {
        long current = Optional.ofNullable(articles.get(slug)).map(Article::version).orElse(Long.MAX_VALUE);
        return version >= current ? Optional.empty()
                : Optional.ofNullable(revisions.getOrDefault(slug, new TreeMap<>()).get(version));
    }

    @Override
    public synchronized List<Article> due(Instant now, int limit) {
        return articles.values().stream()
                .filter(a -> a.status() == Status.SCHEDULED && a.publishAt() != null && !a.publishAt().isAfter(now))
                .sorted(Comparator.comparing(Article::publishAt).thenComparing(Article::slug))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized ResultPage list(ArticleQuery query) {
        if (query.limit() < 1) {
            throw new IllegalArgumentException("limit must be positive: " + query.limit());
        }
        boolean byPublishTime = query.status().equals(Optional.of(Status.PUBLISHED));
        Comparator<Position> newestFirst = Comparator.comparing(Position::time, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Position::slug, Comparator.reverseOrder());
        Optional<Position> after = query.cursor().map(InMemoryArticleStore::decodeCursor);

        List<Article> matching = articles.values().stream()
                .filter(a -> query.section().map(a.section()::equals).orElse(true))
                .filter(a -> query.status().map(s -> s == a.status()).orElse(true))
                .filter(query::headlineMatches)
                .filter(a -> after.map(c -> newestFirst.compare(position(a, byPublishTime), c) > 0).orElse(true))
                .sorted(Comparator.comparing(a -> position(a, byPublishTime), newestFirst))
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new ResultPage(matching, Optional.empty());
        }
        List<Article> page = matching.subList(0, query.limit());
        return new ResultPage(List.copyOf(page), Optional.of(encodeCursor(position(page.get(page.size() - 1), byPublishTime))));
    }

    private Article existing(String slug, long expectedVersion) {
        Article current = articles.get(slug);
        if (current == null) {
            throw new ArticleNotFoundException("no article with slug " + slug);
        }
        if (current.version() != expectedVersion) {
            throw new StaleVersionException("article " + slug + " is at version " + current.version()
                    + ", not " + expectedVersion);
        }
        return current;
    }

    private static Position position(Article article, boolean byPublishTime) {
        return new Position(byPublishTime ? article.publishAt() : article.updatedAt(), article.slug());
    }

    private static String encodeCursor(Position position) {
        String text = (position.time() == null ? "" : position.time().toString()) + "#" + position.slug();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int hash = text.indexOf('#');
            if (hash < 0) {
                throw new InvalidCursorException("not a cursor: " + cursor);
            }
            String time = text.substring(0, hash);
            return new Position(time.isEmpty() ? null : Instant.parse(time), text.substring(hash + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidCursorException("not a cursor: " + cursor, e);
        }
    }
}
