package broadsheet.core.publish;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.ChangePlan;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingContentionException;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.Pages;
import broadsheet.core.publish.SiteBucket;

import broadsheet.core.publish.ChangePlan.MonthEdit;
import broadsheet.core.listing.ListingStore.Versioned;
import broadsheet.core.render.RenderedPage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one article change: renders the article page, edits the month listings the change
 * touches (one per collection of the article before and after: section, authors, tags),
 * recomputes the fronts of those months and home, and uploads the
 * pages of every listing it wrote. The collections of one change share no listing, so they are
 * published in parallel (with the article page); home follows once their fronts are written. Several publishers may run at once: every listing write is
 * conditional on the version read, and fronts and home are recomputed from listings read after
 * their own version (see {@code docs/design-publishing.md} for why they converge).
 *
 * <p>Applying the same change again writes nothing new: unchanged month listings are not
 * rewritten and unchanged pages are not uploaded. Failures are thrown; the caller retries the
 * whole change.
 */
public final class Publisher {

    /** Conditional write attempts on one listing before giving up with {@link ListingContentionException}. */
    public static final int MAX_ATTEMPTS = 20;

    /** Threads that publish the collections of one change in parallel (the work is I/O-bound). */
    static final int WORKERS = 8;

    private final ListingStore listings;
    private final SiteBucket bucket;
    private final Pages pages;
    private final Clock clock;
    private final List<String> sections;
    private final int frontSize;
    private final EdgeCache edge;
    private final ListingUpdates updates;
    private final ExecutorService workers = new ThreadPoolExecutor(0, WORKERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Publisher::workerThread, new ThreadPoolExecutor.CallerRunsPolicy());

    /**
     * @param sections  the site's sections, whose fronts make up home
     * @param frontSize entries a front and home keep: the site's {@code SiteConfig.frontSize()}
     */
    public Publisher(ListingStore listings, SiteBucket bucket, Pages pages, Clock clock, List<String> sections,
                     int frontSize) {
        this(listings, bucket, pages, clock, sections, frontSize, EdgeCache.NONE);
    }

    /** A publisher that invalidates the pages its changes overwrite or delete at the {@code edge}. */
    public Publisher(ListingStore listings, SiteBucket bucket, Pages pages, Clock clock, List<String> sections,
                     int frontSize, EdgeCache edge) {
        this.edge = Objects.requireNonNull(edge, "edge");
        this.updates = new ListingUpdates(listings, sections, frontSize, pages.dayPageSize());
        this.listings = Objects.requireNonNull(listings, "listings");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sections = List.copyOf(sections);
        if (frontSize < 1) {
            throw new IllegalArgumentException("frontSize must be positive: " + frontSize);
        }
        this.frontSize = frontSize;
    }

    /**
     * Publishes the change, then invalidates at the edge the pages it overwrote or deleted
     * ({@link EdgePaths}). Safe to run again (and to run concurrently with other changes).
     *
     * @throws ListingContentionException when a listing stayed contended; retry the change
     * @throws EdgeCacheException when the edge refused the invalidation; retry the change
     */
    public void apply(ArticleChange change) {
        PublishBatch batch = batch();
        batch.apply(change);
        batch.invalidate();
    }

    /** A batch of changes whose stale edge paths are invalidated together. */
    public PublishBatch batch() {
        return new PublishBatch(this::publish, clock, pages, sections, edge);
    }

    /** Publishes the change at {@code now}: every bucket write of its plan. */
    private void publish(ArticleChange change, Instant now) {
        ChangePlan plan = ChangePlan.of(change, now);

        List<Runnable> work = new ArrayList<>();
        plan.pageToRender().ifPresent(article ->
                work.add(() -> bucket.put(pages.articlePage(article), revision(article.version()))));
        plan.redirect().ifPresent(r -> work.add(() ->
                bucket.put(pages.redirectPage(r.from().section(), r.from().slug(), r.to()),
                        revision(r.to().version()))));
        Map<String, Long> sectionFronts = new java.util.concurrent.ConcurrentHashMap<>();
        work.addAll(collectionWork(plan, sectionFronts));
        runAll(work);

        if (plan.recomputeHome()) {
            Map<String, Listing> fronts = new LinkedHashMap<>();
            updates.recomputeHome(sectionFronts, fronts).ifPresent(home -> {
                publishListing(ListingId.home(), home);
                bucket.put(pages.newsSitemap(Listings.recent(fronts.values(), now)), revision(home.version()));
            });
        }
        // Last, so that listings stop linking to the page before it disappears.
        plan.pageToDelete().ifPresent(ref -> formerAddresses(ref).forEach(bucket::delete));
    }

    /**
     * The listing work of each collection (section, author, tag) the plan touches: its month edits
     * in plan order, then its front. Collections share no listing, so their work runs in parallel;
     * home, which reads the section fronts, runs after all of them.
     */
    private List<Runnable> collectionWork(ChangePlan plan, Map<String, Long> sectionFronts) {
        Map<ListingId.Collection, List<MonthEdit>> edits = new TreeMap<>();
        for (MonthEdit edit : plan.monthEdits()) {
            edits.computeIfAbsent(edit.listing().collection().orElseThrow(), c -> new ArrayList<>()).add(edit);
        }
        Map<ListingId.Collection, SortedSet<YearMonth>> fronts = new TreeMap<>();
        plan.fronts().forEach((front, touched) -> fronts.put(front.collection().orElseThrow(), touched));

        Set<ListingId.Collection> collections = new TreeSet<>(edits.keySet());
        collections.addAll(fronts.keySet());
        List<Runnable> work = new ArrayList<>();
        for (ListingId.Collection collection : collections) {
            Map<ListingId, List<MonthEdit>> byMonth = new LinkedHashMap<>();
            edits.getOrDefault(collection, List.of())
                    .forEach(edit -> byMonth.computeIfAbsent(edit.listing(), m -> new ArrayList<>()).add(edit));
            SortedSet<YearMonth> touched = fronts.get(collection);
            work.add(() -> {
                SortedMap<YearMonth, Long> written = new TreeMap<>();
                byMonth.forEach((month, monthEdits) -> {
                    ListingUpdates.MonthWrite write = updates.editMonth(month, monthEdits);
                    publishMonth(month, write);
                    written.put(month.month().orElseThrow(), write.head().version());
                });
                if (touched != null) {
                    Optional<Versioned<Listing>> front = updates.recomputeFront(collection.front(), written);
                    front.ifPresent(f -> publishListing(collection.front(), f));
                    if (collection.type() == ListingId.Collection.Type.SECTION) {
                        sectionFronts.put(collection.slug(), front.map(Versioned::version)
                                .orElseGet(() -> listings.get(collection.front()).orElseThrow().version()));
                    }
                }
            });
        }
        return work;
    }

    /** Runs the tasks on the worker pool (the last on the calling thread) and rethrows the first failure. */
    private void runAll(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<Future<?>> started = new ArrayList<>();
        for (Runnable task : tasks.subList(0, tasks.size() - 1)) {
            started.add(workers.submit(task));
        }
        RuntimeException failure = null;
        try {
            tasks.get(tasks.size() - 1).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> future : started) {
            try {
                future.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r
                        ? r : new IllegalStateException("publishing task failed", e.getCause());
                failure = failure == null ? cause : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ListingContentionException("interrupted while publishing", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Uploads the pages of a month head write: the month's own pages, and the day pages it must put. */
    private void publishMonth(ListingId month, ListingUpdates.MonthWrite write) {
        publishListing(month, write.head());
        long revision = revision(write.head().version());
        write.days().forEach((day, read) -> {
            for (RenderedPage page : pages.dayPages(month, day, read.entries(), read.firstPosition(), read.total(),
                    read.fromPage(), read.toPage())) {
                bucket.put(page, revision);
            }
        });
    }

    /** Uploads the pages of a listing version; a listing that was never written has no pages. */
    private void publishListing(ListingId id, Versioned<Listing> listing) {
        if (listing.version() == 0) {
            return;
        }
        for (RenderedPage page : pages.listingPages(id, listing.value())) {
            bucket.put(page, revision(listing.version()));
        }
    }

    /** The revision a page rendered from {@code version} is put with. */
    private long revision(long version) {
        return PageRevision.of(pages.generation(), version);
    }

    /** The keys a taken-down article may occupy ({@link EdgePaths#formerAddresses}). */
    private Set<String> formerAddresses(ChangePlan.ArticleRef ref) {
        return EdgePaths.formerAddresses(ref, pages, sections);
    }

    private static Thread workerThread(Runnable task) {
        Thread thread = new Thread(task, "broadsheet-publisher");
        thread.setDaemon(true);
        return thread;
    }
}
