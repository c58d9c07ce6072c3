package broadsheet.core.publish;

import broadsheet.core.concurrent.Concurrently;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingContentionException;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.Pages;
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

/**
 * Publishes one article change: renders the article page, edits the month listings the change
 * touches (one per collection of the article before and after: section, authors, tags),
 * recomputes the fronts of those months and home, and uploads the
 * pages of every listing it wrote. The collections of one change share no listing, so they are
 * published at once (with the article page), each listing's pages uploaded as soon as it is
 * written; home follows once the section fronts are written. Several publishers may run at once: every listing write is
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

    private final ListingStore listings;
    private final SiteBucket bucket;
    private final Pages pages;
    private final Clock clock;
    private final List<String> sections;
    private final EdgeCache edge;
    private final ListingUpdates updates;
    /** Runs the listing work, reads and uploads of one change at once (the work is I/O-bound). */
    private final Concurrently concurrently;

    /**
     * @param sections  the site's sections, whose fronts make up home
     * @param frontSizes entries each front and home keep: the site's {@code FrontSizes.of(SiteConfig)}
     */
    public Publisher(ListingStore listings, SiteBucket bucket, Pages pages, Clock clock, List<String> sections,
                     FrontSizes frontSizes) {
        this(listings, bucket, pages, clock, sections, frontSizes, EdgeCache.NONE);
    }

    /** A publisher that invalidates the pages its changes overwrite or delete at the {@code edge}. */
    public Publisher(ListingStore listings, SiteBucket bucket, Pages pages, Clock clock, List<String> sections,
                     FrontSizes frontSizes, EdgeCache edge) {
        this(listings, bucket, pages, clock, sections, frontSizes, edge,
                Concurrently.pool("broadsheet-publisher", Concurrently.DEFAULT_THREADS));
    }

    /**
     * A publisher whose work runs on {@code concurrently} ({@link Concurrently#SEQUENTIAL}: one
     * request after the other, on the calling thread). The listing store and the bucket must be
     * safe for concurrent use unless it is sequential.
     */
    public Publisher(ListingStore listings, SiteBucket bucket, Pages pages, Clock clock, List<String> sections,
                     FrontSizes frontSizes, EdgeCache edge, Concurrently concurrently) {
        this.edge = Objects.requireNonNull(edge, "edge");
        this.concurrently = Objects.requireNonNull(concurrently, "concurrently");
        this.updates = new ListingUpdates(listings, sections, Objects.requireNonNull(frontSizes, "frontSizes"),
                pages.dayPageSize(), concurrently);
        this.listings = Objects.requireNonNull(listings, "listings");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sections = List.copyOf(sections);
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

    /**
     * Publishes the change at {@code now}: every bucket write of its plan. The article page, each
     * collection's listing work and every page upload run at once on the pool; home starts when
     * the section fronts of the change are written (it reads no other front). Everything is waited
     * for, and the first failure thrown, before the taken-down page (if any) is deleted.
     */
    private void publish(ArticleChange change, Instant now) {
        ChangePlan plan = ChangePlan.of(change, now);
        Concurrently.Group group = concurrently.group();
        // Home's version is read once a section front of this change is being recomputed, and before
        // any is written (they wait for it); or by home's own task when the change wrote none.
        Optional<Concurrently.Deferred<Versioned<Listing>>> home = plan.recomputeHome()
                ? Optional.of(concurrently.deferred(updates::readHome)) : Optional.empty();
        plan.pageToRender().ifPresent(article ->
                group.start(() -> bucket.put(pages.articlePage(article), revision(article.version()))));
        plan.redirect().ifPresent(r -> group.start(() ->
                bucket.put(pages.redirectPage(r.from().section(), r.from().slug(), r.to()), revision(r.to().version()))));
        Map<String, Concurrently.Pending<FrontWrite>> sectionFronts = collectionWork(plan, group, home);
        home.ifPresent(homeRead -> {
            Set<String> ours = Set.copyOf(sectionFronts.keySet());
            // Of the other fronts, the entries of the news sitemap's window; older ones only if
            // the fronts this change wrote leave room for them on home (ListingUpdates.recomputeHome).
            Instant newsSince = now.minus(Listings.NEWS_WINDOW);
            Concurrently.Pending<Map<String, Versioned<Listing>>> others =
                    group.start(() -> updates.sectionFronts(ours, Optional.of(newsSince)));
            group.start(() -> {
                Map<String, Long> written = new TreeMap<>();
                Map<String, Listing> wrote = new TreeMap<>();
                sectionFronts.forEach((section, front) -> {
                    FrontWrite write = front.join();
                    written.put(section, write.version());
                    write.view().ifPresent(view -> wrote.put(section, view));
                });
                Optional<ListingUpdates.HomeRead> first = wrote.size() == written.size()
                        ? Optional.of(new ListingUpdates.HomeRead(homeRead.join(), others.join(), wrote, Optional.of(newsSince)))
                        : Optional.empty();
                Map<String, Listing> fronts = new LinkedHashMap<>();
                updates.recomputeHome(written, first, fronts).ifPresent(homeWrite -> {
                    publishListing(ListingId.home(), homeWrite, group);
                    group.start(() -> bucket.put(pages.newsSitemap(Listings.recent(fronts.values(), now)),
                            revision(homeWrite.version())));
                });
            });
        });
        group.join();
        // Last, so that listings stop linking to the page before it disappears.
        plan.pageToDelete().ifPresent(ref -> formerAddresses(ref).forEach(bucket::delete));
    }

    /**
     * Starts the listing work of each collection (section, author, tag) the plan touches: its month
     * edits in plan order, then its front. Collections share no listing, so their work runs at
     * once; the pages of each listing version are uploaded as soon as it is written, alongside the
     * listing writes that follow.
     *
     * <p>A collection's front is read once its entry items are written, alongside the month
     * head's reads, and each head write waits for that read; home's version ({@code home}) is read
     * while a section front is recomputed, and the section front write waits for it. The first attempt
     * of the front and of home then takes what this change wrote as written instead of reading it
     * again ({@link ListingUpdates#recomputeFront}).
     *
     * @return for each section whose front the plan recomputes, the front this change wrote or
     *         found (what home must have read)
     */
    private Map<String, Concurrently.Pending<FrontWrite>> collectionWork(
            ChangePlan plan, Concurrently.Group group, Optional<Concurrently.Deferred<Versioned<Listing>>> home) {
        Map<ListingId.Collection, List<MonthEdit>> edits = new TreeMap<>();
        for (MonthEdit edit : plan.monthEdits()) {
            edits.computeIfAbsent(edit.listing().collection().orElseThrow(), c -> new ArrayList<>()).add(edit);
        }
        Map<ListingId.Collection, SortedSet<YearMonth>> fronts = new TreeMap<>();
        plan.fronts().forEach((front, touched) -> fronts.put(front.collection().orElseThrow(), touched));

        Set<ListingId.Collection> collections = new TreeSet<>(edits.keySet());
        collections.addAll(fronts.keySet());
        Map<String, Concurrently.Pending<FrontWrite>> sectionFronts = new LinkedHashMap<>();
        for (ListingId.Collection collection : collections) {
            Map<ListingId, List<MonthEdit>> byMonth = new LinkedHashMap<>();
            edits.getOrDefault(collection, List.of())
                    .forEach(edit -> byMonth.computeIfAbsent(edit.listing(), m -> new ArrayList<>()).add(edit));
            boolean recomputeFront = fronts.containsKey(collection);
            Optional<Concurrently.Deferred<Versioned<Listing>>> homeRead =
                    collection.type() == ListingId.Collection.Type.SECTION ? home : Optional.empty();
            Runnable beforeFrontWrite = () -> homeRead.ifPresent(Concurrently.Deferred::join);
            Concurrently.Pending<FrontWrite> work = group.start(() -> {
                Optional<Concurrently.Deferred<Versioned<Listing>>> frontRead = recomputeFront
                        ? Optional.of(concurrently.deferred(() -> updates.read(collection.front()))) : Optional.empty();
                Runnable afterEdits = () -> frontRead.ifPresent(Concurrently.Deferred::start);
                Runnable beforeHeadWrite = () -> frontRead.ifPresent(Concurrently.Deferred::join);
                SortedMap<YearMonth, Versioned<Listing>> written = new TreeMap<>();
                byMonth.forEach((month, monthEdits) -> {
                    ListingUpdates.MonthWrite write = updates.editMonth(month, monthEdits, afterEdits, beforeHeadWrite);
                    publishMonth(month, write, group);
                    written.put(month.month().orElseThrow(), write.head());
                });
                if (frontRead.isEmpty()) {
                    return null;
                }
                homeRead.ifPresent(Concurrently.Deferred::start);
                Optional<Versioned<Listing>> front = updates.recomputeFront(collection.front(), written,
                        frontRead.get().join(), beforeFrontWrite);
                front.ifPresent(f -> publishListing(collection.front(), f, group));
                return front.map(f -> new FrontWrite(f.version(), Optional.of(f.value())))
                        .orElseGet(() -> new FrontWrite(listings.get(collection.front()).orElseThrow().version(),
                                Optional.empty()));
            });
            if (recomputeFront && collection.type() == ListingId.Collection.Type.SECTION) {
                sectionFronts.put(collection.slug(), work);
            }
        }
        return sectionFronts;
    }

    /**
     * Starts the uploads of a month head write: the month's own pages, and the day pages it must
     * put. They are rendered on a task of their own, which starts their uploads, so the listing
     * work goes straight on to its next listing.
     */
    private void publishMonth(ListingId month, ListingUpdates.MonthWrite write, Concurrently.Group group) {
        publishListing(month, write.head(), group);
        long revision = revision(write.head().version());
        write.days().forEach((day, read) -> group.start(() -> {
            for (RenderedPage page : pages.dayPages(month, day, read.entries(), read.firstPosition(), read.total(),
                    read.fromPage(), read.toPage())) {
                group.start(() -> bucket.put(page, revision));
            }
        }));
    }

    /**
     * Starts the uploads of the pages of a listing version, rendered on a task of their own; a
     * listing that was never written has no pages.
     */
    private void publishListing(ListingId id, Versioned<Listing> listing, Concurrently.Group group) {
        if (listing.version() == 0) {
            return;
        }
        long revision = revision(listing.version());
        group.start(() -> {
            for (RenderedPage page : pages.listingPages(id, listing.value())) {
                group.start(() -> bucket.put(page, revision));
            }
        });
    }

    /**
     * A section front after this change's front recompute: its version, and the front as its pages
     * show it when this change wrote it (empty when a later write already covered this change's heads).
     */
    private record FrontWrite(long version, Optional<Listing> view) {
    }

    /** The revision a page rendered from {@code version} is put with. */
    private long revision(long version) {
        return PageRevision.of(pages.generation(), version);
    }

    /** The keys a taken-down article may occupy ({@link EdgePaths#formerAddresses}). */
    private Set<String> formerAddresses(ChangePlan.ArticleRef ref) {
        return EdgePaths.formerAddresses(ref, pages, sections);
    }

}
