package broadsheet.core.rebuild;

import broadsheet.core.editing.ArticleStore;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.LegacyMonths;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.Pages;
import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.publish.SiteBucket;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.listing.ListingStore.Versioned;
import broadsheet.core.render.RenderedPage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Re-renders the whole site from the stores into the bucket: every live article's page, the pages
 * of every stored listing (read from the listing store, so they show what the publishers wrote),
 * the news sitemap and the fixed pages.
 *
 * <p>The work is split into {@link Unit}s, each small and independent of the others: one page of
 * {@code batchSize} published articles of one section, one page of {@code batchSize} listings of
 * one segment of the listing scan, or the news sitemap and fixed pages. {@link #run(Unit)} renders
 * and uploads one unit on the given pool and returns the unit that carries on after it (the next
 * page of the same section or segment), if any. {@link #units} are the units a rebuild starts
 * from; running each of them and every continuation, in any order and in any number of places at
 * once, rebuilds the site. Two drivers do that: {@link CheckpointedRebuild} one unit after another
 * with a checkpoint after each (the local command, resumable), and {@link RebuildFanOut} through a
 * queue (in AWS, one function invocation per unit).
 *
 * <p>Every upload goes through {@link SiteBucket#put} with revision
 * {@link PageRevision#of}{@code (pages.generation(), version)}, the version being the article's or
 * the listing's: a rebuild never replaces a page a publisher wrote from a newer version, and
 * unchanged pages are not uploaded again (a second rebuild uploads nothing; a unit run twice
 * uploads nothing the second time). After a template change (a higher generation) every
 * re-rendered page outranks the stored page of the same version, so the rebuild replaces every
 * page whose bytes changed and raises the revision of the others.
 */
public final class SiteRebuild {

    /** One independent piece of a rebuild. */
    public sealed interface Unit permits SectionArticles, ListingSegment, Finish {

        /** Where within its section or segment the unit starts (empty: at the beginning). */
        Optional<String> cursor();

        /** The same unit, starting at {@code cursor}. */
        Unit from(Optional<String> cursor);

        /** For progress lines: what the unit covers. */
        String describe();
    }

    /** Up to {@code batchSize} published articles of {@code section}, after {@code cursor}. */
    public record SectionArticles(String section, Optional<String> cursor) implements Unit {

        public SectionArticles {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(cursor, "cursor");
        }

        @Override
        public Unit from(Optional<String> next) {
            return new SectionArticles(section, next);
        }

        @Override
        public String describe() {
            return "articles of " + section + (cursor.isEmpty() ? " from the start" : " continued");
        }
    }

    /** Up to {@code batchSize} listings of scan segment {@code segment} of {@code segments}, after {@code cursor}. */
    public record ListingSegment(int segment, int segments, Optional<String> cursor) implements Unit {

        public ListingSegment {
            ListingScan.checkSegment(segment, segments, 1);
            Objects.requireNonNull(cursor, "cursor");
        }

        @Override
        public Unit from(Optional<String> next) {
            return new ListingSegment(segment, segments, next);
        }

        @Override
        public String describe() {
            return "listings of segment " + segment + "/" + segments + (cursor.isEmpty() ? " from the start" : " continued");
        }
    }

    /** The news sitemap (from the section fronts) and the fixed pages. */
    public record Finish() implements Unit {

        @Override
        public Optional<String> cursor() {
            return Optional.empty();
        }

        @Override
        public Unit from(Optional<String> cursor) {
            return this;
        }

        @Override
        public String describe() {
            return "news sitemap and fixed pages";
        }
    }

    /**
     * What running one unit did: live articles rendered, listings rendered, pages uploaded, and the
     * unit that carries on after it.
     */
    public record Done(Unit unit, long articles, long listings, long uploads, Optional<Unit> next) {

        public Done {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(next, "next");
        }
    }

    private final ArticleStore articles;
    private final ListingStore listings;
    private final ListingScan listingScan;
    private final SiteBucket bucket;
    private final Pages pages;
    private final Clock clock;
    private final List<String> sections;
    private final int batchSize;
    private final ExecutorService pool;

    public SiteRebuild(ArticleStore articles, ListingStore listings, ListingScan listingScan, SiteBucket bucket,
                       Pages pages, Clock clock, List<String> sections, int batchSize, ExecutorService pool) {
        this.articles = Objects.requireNonNull(articles, "articles");
        this.listings = Objects.requireNonNull(listings, "listings");
        this.listingScan = Objects.requireNonNull(listingScan, "listingScan");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sections = List.copyOf(sections);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * The units a rebuild starts from: the articles of each section, {@code listingSegments}
     * segments of the listings (at least one: without, no listing page would be rendered), and
     * the news sitemap with the fixed pages.
     */
    public List<Unit> units(int listingSegments) {
        if (listingSegments < 1) {
            throw new IllegalArgumentException("listingSegments must be positive: " + listingSegments);
        }
        List<Unit> units = new ArrayList<>();
        sections.forEach(s -> units.add(new SectionArticles(s, Optional.empty())));
        for (int segment = 0; segment < listingSegments; segment++) {
            units.add(new ListingSegment(segment, listingSegments, Optional.empty()));
        }
        units.add(new Finish());
        return List.copyOf(units);
    }

    /** The render generation the pages are uploaded with. */
    public int generation() {
        return pages.generation();
    }

    /** Renders and uploads one unit; the returned {@link Done} names the unit that carries on, if any. */
    public Done run(Unit unit) {
        if (unit instanceof SectionArticles a) {
            return articles(a);
        }
        if (unit instanceof ListingSegment l) {
            return listings(l);
        }
        return finish((Finish) unit);
    }

    private Done articles(SectionArticles unit) {
        ResultPage page = articles.list(new ArticleQuery(Optional.of(unit.section()), Optional.of(Status.PUBLISHED),
                unit.cursor(), batchSize));
        Instant now = clock.instant();
        List<Callable<Long>> work = new ArrayList<>();
        for (Article article : page.articles()) {
            if (article.isLive(now)) {
                work.add(() -> articlePage(article, now));
            }
        }
        long uploads = runAll(work);
        return new Done(unit, work.size(), 0, uploads, page.nextCursor().map(c -> unit.from(Optional.of(c))));
    }

    /**
     * Puts the page of a live article as read; 1 when it was uploaded. A page that is gone is
     * created again (the rebuild fills an empty bucket), so an unpublish or delete whose publisher
     * deleted the page between this rebuild's read and its upload would be undone: after an upload
     * the article is read again (strongly consistent), and when it is no longer the version
     * rendered, its page is put from the article as it is now, or deleted when it is no longer
     * live at that address. Left open: a change of the article in the moment between that read and
     * that write.
     */
    private long articlePage(Article article, Instant now) {
        if (!bucket.put(pages.articlePage(article), revision(article.version()))) {
            return 0;
        }
        Optional<Article> current = articles.find(article.slug());
        if (current.isPresent() && current.get().version() == article.version()) {
            return 1;
        }
        String key = pages.articlePageKey(article.section(), article.slug());
        Optional<Article> live = current.filter(a -> a.isLive(now));
        if (live.isEmpty()) {
            bucket.delete(key);
        } else if (key.equals(pages.articlePageKey(live.get().section(), live.get().slug()))) {
            bucket.put(pages.articlePage(live.get()), revision(live.get().version()));
        }
        // moved to another section: the publisher of the move put a redirect page of a newer revision here
        return 1;
    }

    private Done listings(ListingSegment unit) {
        ListingScan.ScanPage page = listingScan.scan(unit.segment(), unit.segments(), unit.cursor(), batchSize);
        List<Callable<Long>> work = new ArrayList<>();
        page.listings().forEach((id, read) -> work.add(() -> {
            Versioned<Listing> listing = id.kind().isMonth() && LegacyMonths.isLegacy(read.value())
                    ? LegacyMonths.convert(listings, id, read) : read;
            Listing view = NewestEntries.view(listings, id, listing.value(), sections, pages.frontSizes());
            long uploaded = 0;
            for (RenderedPage rendered : pages.listingPages(id, view)) {
                uploaded += bucket.put(rendered, revision(listing.version())) ? 1 : 0;
            }
            if (id.kind().isMonth()) {
                for (var day : Listings.dayCounts(listing.value()).entrySet()) {
                    List<ListingEntry> entries = listings.day(id, day.getKey());
                    for (RenderedPage rendered : pages.dayPages(id, day.getKey(), entries, 0, entries.size(), 1,
                            Listings.pagesOf(entries.size(), pages.dayPageSize()))) {
                        uploaded += bucket.put(rendered, revision(listing.version())) ? 1 : 0;
                    }
                }
            }
            return uploaded;
        }));
        long uploads = runAll(work);
        return new Done(unit, 0, work.size(), uploads, page.nextCursor().map(c -> unit.from(Optional.of(c))));
    }

    private Done finish(Finish unit) {
        Instant now = clock.instant();
        Collection<Listing> read = NewestEntries.sectionFronts(listings, sections, pages.frontSizes().sectionFront()).values();
        long home = listings.get(ListingId.home()).map(Versioned::version).orElse(0L);
        long uploads = 0;
        if (home > 0 && bucket.put(pages.newsSitemap(Listings.recent(read, now)), revision(home))) {
            uploads++;
        }
        if (home == 0) {
            // A site with no home listing yet still gets home's pages, robots.txt among them, at
            // version 0: the first home write replaces them.
            for (RenderedPage page : pages.listingPages(ListingId.home(), Listing.EMPTY)) {
                uploads += bucket.put(page, revision(0)) ? 1 : 0;
            }
        }
        for (RenderedPage page : pages.fixedPages()) {
            uploads += bucket.put(page, revision(1)) ? 1 : 0;
        }
        return new Done(unit, 0, 0, uploads, Optional.empty());
    }

    /** The revision a page rendered from {@code version} is put with. */
    private long revision(long version) {
        return PageRevision.of(pages.generation(), version);
    }

    /** Runs the unit's uploads on the pool and waits for all of them; the number actually uploaded. */
    private long runAll(List<Callable<Long>> work) {
        long uploaded = 0;
        try {
            for (Future<Long> f : pool.invokeAll(work)) {
                uploaded += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("rebuild unit failed", e.getCause());
        }
        return uploaded;
    }
}
