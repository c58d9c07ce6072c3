package broadsheet.core.publish;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which pages and listings one article change touches: a pure function of the change and the
 * time, so the publisher's work is known before any I/O. It is bounded whatever the size of the
 * site: at most one article page to render and one to delete or turn into a redirect, and the
 * month listings and fronts of the collections (section, authors, tags) of the article before
 * and after the change: at most {@link #MAX_MONTH_EDITS} month edits and as many fronts, and home.
 *
 * @param pageToRender  the article whose page is rendered (the article after the change, when it
 *                      is live); its version is the page revision
 * @param pageToDelete  the page of the article before the change, when it is no longer served
 *                      (unpublished, deleted, rescheduled into the future, back to draft)
 * @param redirect      when a live article moves to another section (or slug) and stays live: its
 *                      old key gets a page redirecting to the new one, in place of a delete
 * @param monthEdits    the month listing edits, removals first
 * @param fronts        the fronts to recompute (by front listing id: section, author and tag
 *                      fronts), each with the months of that collection whose listings the
 *                      change edits
 * @param recomputeHome whether home is recomputed (true when any listing is edited)
 */
public record ChangePlan(
        Optional<Article> pageToRender,
        Optional<ArticleRef> pageToDelete,
        Optional<Redirect> redirect,
        List<MonthEdit> monthEdits,
        SortedMap<ListingId, SortedSet<YearMonth>> fronts,
        boolean recomputeHome) {

    /** Collections one article is listed in: its section, at most 10 authors and 20 tags. */
    public static final int MAX_COLLECTIONS = 1 + ArticleValidator.MAX_AUTHORS + ArticleValidator.MAX_TAGS;

    /** A removal from each collection before the change and an upsert into each after it. */
    public static final int MAX_MONTH_EDITS = 2 * MAX_COLLECTIONS;

    /** Where an article's page lives. */
    public record ArticleRef(String section, String slug) {
    }

    /**
     * The page at {@code from} now redirects to the page of {@code to}; its revision is
     * {@code to.version()}, newer than the page it replaces. Moving back renders the article page
     * there at a newer revision still, which replaces the redirect.
     */
    public record Redirect(ArticleRef from, Article to) {
    }

    /** One edit of one month listing: one entry item, named by its publish time and slug. */
    public sealed interface MonthEdit {
        ListingId listing();

        Instant publishAt();

        String slug();

        /** The listing after the edit, on a listing in full (its entries); equal to the input when it changes nothing. */
        Listing applyTo(Listing listing);

        /** The day of the month whose entries (and pages) the edit changes. */
        default LocalDate day() {
            return Listings.dayOf(publishAt());
        }
    }

    /** Take the article's entry item (at the publish time it was listed with) out of a month listing. */
    public record Remove(ListingId listing, Instant publishAt, String slug) implements MonthEdit {
        @Override
        public Listing applyTo(Listing current) {
            return Listings.remove(current, slug);
        }
    }

    /** Put the article's entry into a month listing, replacing its item of the same publish time and slug. */
    public record Upsert(ListingId listing, ListingEntry entry) implements MonthEdit {
        @Override
        public Instant publishAt() {
            return entry.publishAt();
        }

        @Override
        public String slug() {
            return entry.slug();
        }

        @Override
        public Listing applyTo(Listing current) {
            return Listings.upsert(current, entry);
        }
    }

    public ChangePlan {
        Objects.requireNonNull(pageToRender, "pageToRender");
        Objects.requireNonNull(pageToDelete, "pageToDelete");
        Objects.requireNonNull(redirect, "redirect");
        monthEdits = List.copyOf(monthEdits);
        SortedMap<ListingId, SortedSet<YearMonth>> copy = new TreeMap<>();
        fronts.forEach((front, months) -> copy.put(front, Collections.unmodifiableSortedSet(new TreeSet<>(months))));
        fronts = Collections.unmodifiableSortedMap(copy);
    }

    /** The plan for one change, judged at {@code now} (an article is listed while it is live). */
    public static ChangePlan of(ArticleChange change, Instant now) {
        Optional<Article> before = change.before().filter(a -> a.isLive(now));
        Optional<Article> after = change.after().filter(a -> a.isLive(now));

        Optional<ArticleRef> moved = before
                .filter(b -> after.isEmpty() || !ref(after.get()).equals(ref(b)))
                .map(ChangePlan::ref);
        Optional<ArticleRef> pageToDelete = after.isEmpty() ? moved : Optional.empty();
        Optional<Redirect> redirect = after.isPresent() ? moved.map(from -> new Redirect(from, after.get()))
                : Optional.empty();

        // An upsert replaces the entry item of the same publish time and slug, so a month listing
        // the article stays in under the same key needs no removal; every other month listing of
        // before loses the item it was listed under (a new publish time is a new item).
        SortedSet<ListingId> afterMonths = after.map(Listings::monthListingsOf).orElse(new TreeSet<>());
        List<MonthEdit> edits = new ArrayList<>();
        before.ifPresent(b -> {
            boolean sameKey = after.isPresent() && after.get().slug().equals(b.slug())
                    && after.get().publishAt().equals(b.publishAt());
            for (ListingId month : Listings.monthListingsOf(b)) {
                if (!sameKey || !afterMonths.contains(month)) {
                    edits.add(new Remove(month, b.publishAt(), b.slug()));
                }
            }
        });
        after.ifPresent(a -> afterMonths.forEach(month -> edits.add(new Upsert(month, Listings.entryOf(a)))));

        SortedMap<ListingId, SortedSet<YearMonth>> fronts = new TreeMap<>();
        for (MonthEdit edit : edits) {
            ListingId id = edit.listing();
            fronts.computeIfAbsent(id.front().orElseThrow(), f -> new TreeSet<>()).add(id.month().orElseThrow());
        }
        return new ChangePlan(after, pageToDelete, redirect, edits, fronts, !edits.isEmpty());
    }

    /** Nothing to render, delete or list: e.g. an edit of a draft. */
    public boolean isEmpty() {
        return pageToRender.isEmpty() && pageToDelete.isEmpty() && redirect.isEmpty() && monthEdits.isEmpty();
    }

    private static ArticleRef ref(Article article) {
        return new ArticleRef(article.section(), article.slug());
    }
}
