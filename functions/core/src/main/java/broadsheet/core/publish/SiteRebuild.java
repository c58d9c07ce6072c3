package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.publish.ArticleStore.ArticlePage;
import broadsheet.core.publish.ArticleStore.ArticleQuery;
import broadsheet.core.publish.ListingStore.Versioned;
import broadsheet.core.render.RenderedPage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Re-renders the whole site from the stores into the bucket: every live article's page, then the
 * pages of every listing those articles are in (read from the listing store, so they show what
 * the publishers wrote), the news sitemap and the fixed pages.
 *
 * <p>Work goes in batches: one page of the article list ({@code batchSize} articles of one
 * section), rendered and uploaded on the given pool, then a {@link Checkpoint}; then the listings,
 * {@code batchSize} at a time, each batch again followed by a checkpoint. A rebuild started from
 * a saved checkpoint carries on after the last finished batch, so an interrupted rebuild can be
 * resumed. Every upload goes through {@link SiteBucket#put} with revision
 * {@link PageRevision#of}{@code (pages.generation(), version)}, the version being the article's or
 * the listing's: a rebuild never replaces a page a publisher wrote from a newer version, and
 * unchanged pages are not uploaded again (a second rebuild uploads nothing). After a template
 * change (a higher generation) every re-rendered page outranks the stored page of the same
 * version, so the rebuild replaces every page whose bytes changed and raises the revision of the
 * others.
 */
public final class SiteRebuild {

    /**
     * Where a rebuild stands: the next page of articles to read ({@code sectionIndex} into the
     * sections, {@code cursor} within it), the listings the articles read so far are in, how many
     * of those listings are done, and how many pages were uploaded so far.
     */
    public record Checkpoint(int sectionIndex, Optional<String> cursor, SortedSet<ListingId> listings,
                             int listingsDone, long articles, long uploads) {

        public static final Checkpoint START = new Checkpoint(0, Optional.empty(), new TreeSet<>(), 0, 0, 0);

        public Checkpoint {
            Objects.requireNonNull(cursor, "cursor");
            listings = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(listings));
        }

        public boolean articlesDone(int sectionCount) {
            return sectionIndex >= sectionCount;
        }

        /** Plain text, one value a line, then one listing id a line. */
        public String encode() {
            StringBuilder s = new StringBuilder();
            s.append(sectionIndex).append('\n').append(cursor.orElse("")).append('\n').append(listingsDone).append('\n')
                    .append(articles).append('\n').append(uploads).append('\n');
            listings.forEach(id -> s.append(id.value()).append('\n'));
            return s.toString();
        }

        public static Checkpoint decode(String text) {
            String[] lines = text.split("\n", -1);
            SortedSet<ListingId> ids = new TreeSet<>();
            for (int i = 5; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    ids.add(new ListingId(lines[i]));
                }
            }
            return new Checkpoint(Integer.parseInt(lines[0]), lines[1].isEmpty() ? Optional.empty() : Optional.of(lines[1]),
                    ids, Integer.parseInt(lines[2]), Long.parseLong(lines[3]), Long.parseLong(lines[4]));
        }
    }

    private final ArticleStore articles;
    private final ListingStore listings;
    private final SiteBucket bucket;
    private final Pages pages;
    private final Clock clock;
    private final List<String> sections;
    private final int batchSize;
    private final ExecutorService pool;

    public SiteRebuild(ArticleStore articles, ListingStore listings, SiteBucket bucket, Pages pages, Clock clock,
                       List<String> sections, int batchSize, ExecutorService pool) {
        this.articles = Objects.requireNonNull(articles, "articles");
        this.listings = Objects.requireNonNull(listings, "listings");
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
     * Runs the rebuild from {@code from} to the end, or until {@code maxBatches} batches are done
     * (to pace or test an interruption), handing every checkpoint to {@code saved} as soon as its
     * batch is done.
     *
     * @return the last checkpoint: finished when {@link #isFinished} says so
     */
    public Checkpoint run(Checkpoint from, Consumer<Checkpoint> saved, int maxBatches) {
        Checkpoint at = from;
        int batches = 0;
        while (!at.articlesDone(sections.size()) && batches < maxBatches) {
            at = articleBatch(at);
            saved.accept(at);
            batches++;
        }
        List<ListingId> ids = new ArrayList<>(at.listings());
        while (at.articlesDone(sections.size()) && at.listingsDone() < ids.size() && batches < maxBatches) {
            at = listingBatch(at, ids);
            saved.accept(at);
            batches++;
        }
        if (isFinished(at) && batches < maxBatches) {
            Instant now = clock.instant();
            Map<ListingId, String> fronts = new LinkedHashMap<>();
            sections.forEach(s -> fronts.put(ListingId.sectionFront(s), s));
            List<Listing> read = new ArrayList<>();
            listings.getAll(fronts.keySet()).values().forEach(v -> read.add(v.value()));
            long home = listings.get(ListingId.home()).map(Versioned::version).orElse(0L);
            long uploads = 0;
            if (home > 0 && bucket.put(pages.newsSitemap(Listings.recent(read, now)), revision(home))) {
                uploads++;
            }
            for (RenderedPage page : pages.fixedPages()) {
                uploads += bucket.put(page, revision(1)) ? 1 : 0;
            }
            at = new Checkpoint(at.sectionIndex(), at.cursor(), at.listings(), at.listingsDone(), at.articles(),
                    at.uploads() + uploads);
        }
        return at;
    }

    /** True when every article and every listing of the checkpoint has been rebuilt. */
    public boolean isFinished(Checkpoint at) {
        return at.articlesDone(sections.size()) && at.listingsDone() >= at.listings().size();
    }

    private Checkpoint articleBatch(Checkpoint at) {
        String section = sections.get(at.sectionIndex());
        ArticlePage page = articles.list(new ArticleQuery(Optional.of(section), Optional.of(Status.PUBLISHED),
                at.cursor(), batchSize));
        Instant now = clock.instant();
        SortedSet<ListingId> ids = new TreeSet<>(at.listings());
        List<Callable<Long>> work = new ArrayList<>();
        long live = 0;
        for (Article article : page.articles()) {
            if (!article.isLive(now)) {
                continue;
            }
            live++;
            ids.addAll(Listings.monthListingsOf(article));
            Listings.collectionsOf(article).forEach(c -> ids.add(c.front()));
            if (sections.contains(article.section())) {
                ids.add(ListingId.home());
            }
            work.add(() -> bucket.put(pages.articlePage(article), revision(article.version())) ? 1L : 0L);
        }
        long uploads = runAll(work);
        boolean sectionDone = page.nextCursor().isEmpty();
        return new Checkpoint(sectionDone ? at.sectionIndex() + 1 : at.sectionIndex(),
                sectionDone ? Optional.empty() : page.nextCursor(), ids, at.listingsDone(), at.articles() + live,
                at.uploads() + uploads);
    }

    private Checkpoint listingBatch(Checkpoint at, List<ListingId> ids) {
        List<ListingId> batch = ids.subList(at.listingsDone(), Math.min(ids.size(), at.listingsDone() + batchSize));
        Map<ListingId, Versioned<Listing>> found = listings.getAll(batch);
        List<Callable<Long>> work = new ArrayList<>();
        found.forEach((id, listing) -> work.add(() -> {
            long uploaded = 0;
            for (RenderedPage page : pages.listingPages(id, listing.value())) {
                uploaded += bucket.put(page, revision(listing.version())) ? 1 : 0;
            }
            return uploaded;
        }));
        long uploads = runAll(work);
        return new Checkpoint(at.sectionIndex(), at.cursor(), at.listings(), at.listingsDone() + batch.size(),
                at.articles(), at.uploads() + uploads);
    }

    /** The revision a page rendered from {@code version} is put with. */
    private long revision(long version) {
        return PageRevision.of(pages.generation(), version);
    }

    /** Runs the batch's uploads on the pool and waits for all of them; the number actually uploaded. */
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
            throw new IllegalStateException("rebuild batch failed", e.getCause());
        }
        return uploaded;
    }
}
