package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.publish.ChangePlan.ArticleRef;
import broadsheet.core.render.Pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which cached pages one article change makes stale at the edge: a pure function of the change
 * and the time, like {@link ChangePlan}, so a redelivered change names the same paths whether or
 * not its bucket writes already happened (the bucket skips a page it already holds, so "what was
 * written this time" would forget the paths of a change whose invalidation failed).
 *
 * <p>Only keys that held a page before the change and hold another one, or none, after it:
 * <ul>
 *   <li>unpublish, delete, reschedule into the future: the article page and every redirect page
 *       earlier moves left at its slug (the keys the publisher deletes: one per section);</li>
 *   <li>a move (section or slug changed, live before and after): the old key, now a redirect, and
 *       the new key, where a redirect from an earlier move the other way may be cached (left
 *       there, it would send readers back and forth between the two until it expires);</li>
 *   <li>an edit of a live article (a correction): its page, unless the article is unchanged (a
 *       redelivery or the scheduler's no-op write).</li>
 * </ul>
 * A new article's page is a new key and is not invalidated; listing pages (fronts, archives,
 * feeds, sitemaps) are not invalidated either: they change with every publish and are kept fresh
 * by their short {@code max-age} ({@code docs/design-publishing.md}, "Freshness at the edge").
 *
 * <p>An edge path is {@code /} and the bucket key: the viewer-request function rewrites
 * {@code /world/x/} to {@code /world/x/index.html} before the cache lookup, so that is the
 * path CloudFront caches the page under.
 */
public final class EdgePaths {

    private EdgePaths() {
    }

    /** The path the edge caches the object of a bucket key under. */
    public static String of(String key) {
        return "/" + key;
    }

    /** The edge paths the change makes stale, judged at {@code now} (the instant it was published at). */
    public static SortedSet<String> stale(ArticleChange change, Instant now, Pages pages, List<String> sections) {
        ChangePlan plan = ChangePlan.of(change, now);
        SortedSet<String> paths = new TreeSet<>();
        plan.pageToDelete().ifPresent(ref -> formerAddresses(ref, pages, sections).forEach(key -> paths.add(of(key))));
        plan.redirect().ifPresent(redirect -> {
            paths.add(of(pages.articlePageKey(redirect.from().section(), redirect.from().slug())));
            paths.add(of(pages.articlePageKey(redirect.to().section(), redirect.to().slug())));
        });
        Optional<Article> before = change.before().filter(a -> a.isLive(now));
        if (before.isPresent() && plan.redirect().isEmpty()) {
            plan.pageToRender()
                    .filter(after -> !after.equals(before.get()))
                    .ifPresent(after -> paths.add(of(pages.articlePageKey(after.section(), after.slug()))));
        }
        return paths;
    }

    /**
     * The keys a taken-down article may occupy: its page, and the redirect pages earlier moves
     * left at the same slug in other sections (a published article keeps its slug, so a move
     * only ever changes the section). Bounded by the number of sections.
     */
    public static SortedSet<String> formerAddresses(ArticleRef ref, Pages pages, List<String> sections) {
        SortedSet<String> keys = new TreeSet<>();
        keys.add(pages.articlePageKey(ref.section(), ref.slug()));
        for (String section : sections) {
            keys.add(pages.articlePageKey(section, ref.slug()));
        }
        return keys;
    }

    /**
     * One line naming a change: the article before and after it, each by section, slug, version
     * and update time (an article deleted and created again starts at version 1 again, with a
     * new update time).
     */
    public static String identity(ArticleChange change) {
        return describe(change.before()) + " -> " + describe(change.after());
    }

    /**
     * The reference of an invalidation: a hex SHA-256 of the identities of the changes and of the
     * paths. A redelivered batch gives the same reference with the same paths (the edge then
     * returns its earlier invalidation instead of making a new one); any other batch, including a
     * later correction of the same article, gives another.
     */
    public static String reference(Collection<String> changeIdentities, Collection<String> paths) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String identity : new TreeSet<>(changeIdentities)) {
                digest.update((identity + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update("paths\n".getBytes(StandardCharsets.UTF_8));
            for (String path : new TreeSet<>(paths)) {
                digest.update((path + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String describe(Optional<Article> article) {
        return article.map(a -> a.section() + "/" + a.slug() + " v" + a.version() + " " + a.updatedAt()).orElse("none");
    }
}
