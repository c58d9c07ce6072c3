package broadsheet.core.rebuild;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listings;

import broadsheet.core.listing.ListingId;

import broadsheet.core.listing.Listing;

import broadsheet.core.TestArticles;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.render.PageRevision;
import broadsheet.core.publish.Publisher;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.WatchedBucket;
import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.RebuildQueue;
import broadsheet.core.rebuild.SiteRebuild;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteRebuildTest {

    private static final SiteConfig SITE = SiteConfig.load();
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "politics", "business");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final MustachePages pages = new MustachePages(SITE);
    private final InMemoryArticleStore articles = new InMemoryArticleStore();
    private final InMemoryListingStore listings = new InMemoryListingStore();
    private final InMemorySiteBucket published = new InMemorySiteBucket();
    private ExecutorService pool;

    @BeforeEach
    void publishASite() {
        pool = Executors.newFixedThreadPool(3);
        Publisher publisher = new Publisher(listings, published, pages, clock, SITE.sectionSlugs(), FrontSizes.of(SITE));
        for (int i = 0; i < 23; i++) {
            Article a = TestArticles.published(SECTIONS.get(i % 3), "story-" + i, NOW.minus(Duration.ofDays(3L * i)));
            if (i % 4 == 1) {
                a = TestArticles.withPeople(a, List.of("Ann Smith", "Bo Li"), List.of("news", "climate"));
            }
            publisher.apply(ArticleChange.created(articles.create(a)));
        }
        Article draft = articles.create(TestArticles.draft("world", "not-yet"));
        publisher.apply(ArticleChange.created(draft));
        Article scheduled = articles.create(TestArticles.next(TestArticles.published("world", "tomorrow", NOW), "world",
                NOW.plus(Duration.ofDays(1)), Status.PUBLISHED));
        publisher.apply(ArticleChange.created(scheduled));
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void rebuildsIntoAnEmptyBucketExactlyThePagesThePublishersWrote() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 5, pool);

        CheckpointedRebuild.Checkpoint end = runAll(rebuild);

        assertThat(new CheckpointedRebuild(rebuild).isFinished(end)).isTrue();
        assertThat(end.articles()).isEqualTo(23);
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
        assertThat(end.uploads()).isEqualTo(rebuilt.puts());
    }

    @Test
    void anInterruptedRebuildResumesFromItsLastCheckpoint() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 4, pool);
        List<String> saved = new ArrayList<>();

        CheckpointedRebuild.Checkpoint stopped = new CheckpointedRebuild(rebuild).run(CheckpointedRebuild.Checkpoint.START, c -> saved.add(c.encode()), 3);
        assertThat(new CheckpointedRebuild(rebuild).isFinished(stopped)).isFalse();
        assertThat(saved).hasSize(3);
        long uploadedBefore = rebuilt.puts();
        assertThat(uploadedBefore).isPositive().isLessThan(contents(published).size());

        CheckpointedRebuild.Checkpoint resumed = CheckpointedRebuild.Checkpoint.decode(saved.get(saved.size() - 1));
        assertThat(resumed).isEqualTo(stopped);
        CheckpointedRebuild.Checkpoint end = new CheckpointedRebuild(rebuild).run(resumed, c -> saved.add(c.encode()), Integer.MAX_VALUE);

        assertThat(new CheckpointedRebuild(rebuild).isFinished(end)).isTrue();
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
        assertThat(end.uploads()).isEqualTo(rebuilt.puts());
    }

    @Test
    void aPageWrittenFromANewerVersionIsNotReplaced() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        Article story = articles.find("story-0").orElseThrow();
        RenderedPage newer = new RenderedPage(pages.articlePageKey(story.section(), story.slug()), MustachePages.HTML,
                MustachePages.ARTICLE_CACHE, "newer".getBytes(StandardCharsets.UTF_8));
        rebuilt.put(newer, PageRevision.of(SITE.generation(), story.version() + 1));

        runAll(new SiteRebuild(articles, listings, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 10, pool));

        assertThat(new String(rebuilt.get(newer.key()).orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("newer");
    }

    @Test
    void anArticleUnpublishedBetweenTheRebuildsReadAndItsUploadStaysOffTheSite() {
        Article story = articles.find("story-0").orElseThrow();
        String key = pages.articlePageKey(story.section(), story.slug());
        Publisher publisher = new Publisher(listings, published, pages, clock, SITE.sectionSlugs(), FrontSizes.of(SITE));
        // the rebuild has read story-0 as published; before it uploads the page, an editor
        // unpublishes it and the publisher deletes the page
        Runnable unpublish = () -> {
            Article draft = articles.update(TestArticles.next(story, story.section(), story.publishAt(), Status.DRAFT),
                    story.version());
            publisher.apply(ArticleChange.updated(story, draft));
        };
        SiteBucket racing = WatchedBucket.onceBefore(published, key, unpublish);

        runAll(new SiteRebuild(articles, listings, listings, racing, pages, clock, SITE.sectionSlugs(), 5, pool));

        assertThat(articles.find("story-0").orElseThrow().status()).isEqualTo(Status.DRAFT);
        assertThat(published.get(key)).as("the unpublished article's page").isEmpty();
    }

    @Test
    void rebuildingAgainUploadsNothing() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 6, pool);
        runAll(rebuild);
        long puts = rebuilt.puts();

        CheckpointedRebuild.Checkpoint again = runAll(rebuild);

        assertThat(rebuilt.puts()).isEqualTo(puts);
        assertThat(again.uploads()).isZero();
    }

    @Test
    void aRebuildAtANewGenerationReplacesEveryPageOnceAndTheOldTemplatesCannotUndoIt() {
        SiteConfig renamed = new SiteConfig(SITE.name() + " Daily", SITE.description(), SITE.baseUrl(),
                SITE.language(), SITE.sections(), SITE.pageSize(), SITE.feedEntries(), SITE.generation() + 1);
        MustachePages newTemplates = new MustachePages(renamed);
        InMemorySiteBucket expected = new InMemorySiteBucket();
        runAll(new SiteRebuild(articles, listings, listings, expected, newTemplates, clock, SITE.sectionSlugs(), 7, pool));
        assertThat(contents(expected)).isNotEqualTo(withFixedPages(contents(published)));
        long before = published.puts();

        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, published, newTemplates, clock, SITE.sectionSlugs(),
                7, pool);
        CheckpointedRebuild.Checkpoint end = runAll(rebuild);

        assertThat(contents(published)).isEqualTo(contents(expected));
        assertThat(published.keys("")).allSatisfy(key -> assertThat(PageRevision.generation(
                published.get(key).orElseThrow().revision())).as(key).isEqualTo(renamed.generation()));
        assertThat(end.uploads()).isPositive().isEqualTo(published.puts() - before);

        long afterRebuild = published.puts();
        assertThat(runAll(rebuild).uploads())
                .as("a second rebuild at the same generation").isZero();
        assertThat(runAll(new SiteRebuild(articles, listings, listings, published, pages, clock, SITE.sectionSlugs(), 7, pool)).uploads())
                .as("a rebuild with the old templates, of the same versions").isZero();
        assertThat(published.puts()).isEqualTo(afterRebuild);
        assertThat(contents(published)).isEqualTo(contents(expected));
    }

    @Test
    void listingsNoLiveArticleIsInAnyMoreAreRebuiltToo() {
        Article gone = articles.find("story-1").orElseThrow();
        articles.delete(gone.slug(), gone.version());
        new Publisher(listings, published, pages, clock, SITE.sectionSlugs(), FrontSizes.of(SITE)).apply(ArticleChange.deleted(gone));
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();

        CheckpointedRebuild.Checkpoint end = runAll(new SiteRebuild(articles, listings, listings, rebuilt, pages, clock,
                SITE.sectionSlugs(), 5, pool));

        // story-1 was the only article of its author and tag months: their empty pages are rebuilt as well
        assertThat(end.articles()).isEqualTo(22);
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
    }

    @Test
    void refusesToStartARebuildWithoutAListingSegment() {
        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, published, pages, clock, SITE.sectionSlugs(), 5, pool);

        assertThatThrownBy(() -> rebuild.units(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listingSegments");
    }

    @Test
    void aFanOutThroughAQueueWithSeveralWorkersRebuildsTheSamePagesAndAgainUploadsNothing() throws Exception {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, listings, rebuilt, pages, clock, SITE.sectionSlugs(),
                4, pool);
        UnitQueue queue = new UnitQueue();
        RebuildFanOut fanOut = new RebuildFanOut(rebuild, queue);

        List<SiteRebuild.Unit> started = fanOut.start(3);
        List<SiteRebuild.Done> done = queue.drain(fanOut, 3);

        assertThat(started).hasSize(SITE.sectionSlugs().size() + 3 + 1);
        assertThat(done).allSatisfy(d -> assertThat(d.articles() + d.listings()).isLessThanOrEqualTo(4));
        assertThat(done.stream().mapToLong(SiteRebuild.Done::articles).sum()).isEqualTo(23);
        assertThat(done.stream().filter(d -> d.next().isPresent()).count())
                .as("one message more for each continuation").isEqualTo(done.size() - started.size());
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
        assertThat(done.stream().mapToLong(SiteRebuild.Done::uploads).sum()).isEqualTo(rebuilt.puts());

        long puts = rebuilt.puts();
        fanOut.start(2);
        List<SiteRebuild.Done> again = queue.drain(fanOut, 2);
        assertThat(again.stream().mapToLong(SiteRebuild.Done::uploads).sum()).isZero();
        assertThat(rebuilt.puts()).isEqualTo(puts);
    }

    /** A queue in memory, drained by worker threads until it is empty and no unit is being run. */
    private static final class UnitQueue implements RebuildQueue {
        private final java.util.concurrent.LinkedBlockingQueue<SiteRebuild.Unit> units =
                new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void send(List<SiteRebuild.Unit> sent) {
            units.addAll(sent);
        }

        List<SiteRebuild.Done> drain(RebuildFanOut fanOut, int workers) throws Exception {
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            List<SiteRebuild.Done> done = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(workers);
            try {
                List<java.util.concurrent.Future<?>> loops = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    loops.add(threads.submit(() -> {
                        while (true) {
                            running.incrementAndGet();
                            try {
                                SiteRebuild.Unit unit = units.poll();
                                if (unit != null) {
                                    done.add(fanOut.work(unit));
                                    continue;
                                }
                            } finally {
                                running.decrementAndGet();
                            }
                            if (units.isEmpty() && running.get() == 0) {
                                return;
                            }
                            Thread.yield();
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> loop : loops) {
                    loop.get();
                }
            } finally {
                threads.shutdownNow();
            }
            return done;
        }
    }

    private Map<String, String> withFixedPages(Map<String, String> contents) {
        Map<String, String> all = new TreeMap<>(contents);
        pages.fixedPages().forEach(p -> all.put(p.key(), p.text()));
        return all;
    }

    private static Map<String, String> contents(InMemorySiteBucket bucket) {
        Map<String, String> contents = new TreeMap<>();
        for (String key : bucket.keys("")) {
            contents.put(key, new String(bucket.get(key).orElseThrow().body(), StandardCharsets.UTF_8));
        }
        return contents;
    }

    @Test
    void aRebuildConvertsAMonthStoredByAnEarlierReleaseAndRendersEveryDayOfIt() {
        InMemoryListingStore old = new InMemoryListingStore();
        ListingId month = ListingId.sectionMonth("world", java.time.YearMonth.of(2026, 10));
        List<broadsheet.core.listing.ListingEntry> entries = List.of(
                Listings.entryOf(TestArticles.published("world", "late", Instant.parse("2026-10-21T09:00:00Z"))),
                Listings.entryOf(TestArticles.published("world", "early", Instant.parse("2026-10-03T09:00:00Z"))));
        for (long version = 0; version < 3; version++) {
            assertThat(old.put(month, new Listing(entries, java.util.Map.of()), version)).isTrue();
        }
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();

        runAll(new SiteRebuild(new InMemoryArticleStore(), old, old, rebuilt, pages, clock, SITE.sectionSlugs(), 5, pool));

        assertThat(old.get(month).orElseThrow().value().entries()).as("the old item is now a head").isEmpty();
        assertThat(old.get(month).orElseThrow().version()).isEqualTo(4);
        assertThat(old.newest(month, 10)).extracting(broadsheet.core.listing.ListingEntry::slug)
                .containsExactly("late", "early");
        assertThat(rebuilt.get("world/archive/2026/10/index.html").orElseThrow().revision())
                .isEqualTo(PageRevision.of(pages.generation(), 4));
        assertThat(new String(rebuilt.get("world/archive/2026/10/03/index.html").orElseThrow().body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("/world/early/");
        assertThat(new String(rebuilt.get("world/archive/2026/10/21/index.html").orElseThrow().body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("/world/late/");
    }

    private static CheckpointedRebuild.Checkpoint runAll(SiteRebuild rebuild) {
        return new CheckpointedRebuild(rebuild).run(CheckpointedRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);
    }
}
