package broadsheet.core.render;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.render.PageRevision;

import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;

import broadsheet.core.listing.Listings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns articles and listings into pages. Rendering is deterministic: the same input and
 * templates give byte-identical pages.
 */
public interface Pages {

    /** The article page, stored under {@link #articlePageKey}. */
    RenderedPage articlePage(Article article);

    /**
     * The article page of any article, draft or scheduled included, for an editor's preview: a
     * visible "Preview" banner, {@code noindex}, not cacheable. Never uploaded to the bucket.
     */
    RenderedPage previewPage(Article article);

    /**
     * The page left at an article's old key ({@code fromSection}/{@code fromSlug}) when it moved:
     * it redirects to {@code to}'s page, in its body (meta refresh, canonical link, a plain link)
     * and in {@link RenderedPage#redirectLocation()} (the site path of the new page).
     */
    RenderedPage redirectPage(String fromSection, String fromSlug, Article to);

    /** The bucket key of an article's page, e.g. {@code world/some-slug/index.html}. */
    String articlePageKey(String section, String slug);

    /**
     * Every page rendered from one listing item: for {@code home} the home page, the site Atom and
     * RSS feeds, {@code sitemap.xml} and robots.txt; for a section front the front page and the
     * section's Atom and RSS feeds; for a month head (its day counts) its archive month page and,
     * for a section, its month sitemap index; for an author or tag front its front page.
     */
    List<RenderedPage> listingPages(ListingId id, Listing listing);

    /**
     * Pages {@code fromPage..toPage} of one day of a month listing, {@link #dayPageSize()} entries
     * a page numbered from the oldest (a page past the last holds no entries), and for a section
     * month the sitemap of each of those pages. {@code entries} (oldest first) are the day's
     * entries from position {@code firstPosition} (0-based, from the oldest) on, at least those
     * of the pages asked for; the day holds {@code total} entries.
     */
    List<RenderedPage> dayPages(ListingId month, LocalDate day, List<ListingEntry> entries, int firstPosition,
                                int total, int fromPage, int toPage);

    /** Entries on one page of an archive day. */
    int dayPageSize();

    /** Entries each front (and home) keeps for its page and its feeds: what a front or home view is read with. */
    FrontSizes frontSizes();

    /**
     * Every page of a listing given in full, as a whole-site rendering or a check sees it: for a
     * month listing ({@link Listings#monthView}: all its entries and its hour counts) the pages of
     * its head and every page of each of its days; for any other listing {@link #listingPages}.
     */
    default List<RenderedPage> allPages(ListingId id, Listing listing) {
        if (!id.kind().isMonth()) {
            return listingPages(id, listing);
        }
        List<RenderedPage> all = new ArrayList<>(listingPages(id, new Listing(List.of(), listing.monthCounts())));
        Map<LocalDate, List<ListingEntry>> byDay = new TreeMap<>();
        listing.entries().stream().sorted(Listings.OLDEST_FIRST)
                .forEach(e -> byDay.computeIfAbsent(Listings.dayOf(e.publishAt()), d -> new ArrayList<>()).add(e));
        Listings.dayCounts(listing).forEach((day, count) -> {
            List<ListingEntry> entries = byDay.getOrDefault(day, List.of());
            all.addAll(dayPages(id, day, entries, 0, entries.size(), 1, Listings.pagesOf(entries.size(), dayPageSize())));
        });
        return all;
    }

    /**
     * The Google News sitemap ({@code news-sitemap.xml}) of the given entries, which the caller
     * has already limited to the articles of the last two days (rendering reads no clock).
     */
    RenderedPage newsSitemap(List<ListingEntry> recent);

    /** Pages that do not depend on articles: the 404 page, the stylesheet, robots.txt. */
    List<RenderedPage> fixedPages();

    /**
     * The render generation of these templates and site config (at least 1): every page is put
     * with {@link PageRevision#of}{@code (generation(), version)}, so a page of a newer generation
     * replaces the page an older one rendered from the same version.
     */
    int generation();
}
