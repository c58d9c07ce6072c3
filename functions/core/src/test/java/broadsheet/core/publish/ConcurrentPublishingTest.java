package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.publish.ContendedListingStore;
import broadsheet.core.publish.CountingListingStore;
import broadsheet.core.publish.SiteCheck;
import broadsheet.core.TestArticles;
import broadsheet.core.publish.TextPages;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.listing.ListingContentionException;
import broadsheet.core.listing.ListingId;
import broadsheet.core.publish.Publisher;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several publishers at once, sharing one listing store and one bucket, each applying the changes
 * of its own articles in order (as the change feed delivers one article's changes in order).
 * Whatever the interleaving, once all have finished the site shows exactly what the live articles
 * say.
 */
class ConcurrentPublishingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final int PUBLISHERS = 8;
    private static final int FEED_SIZE = 20;

    private final InMemoryListingStore store = new InMemoryListingStore();
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final TextPages pages = new TextPages();

    @Test
    void fiftyArticlesPublishedByEightPublishersAtOnceConverge() throws Exception {
        List<Article> articles = fiftyWorldArticles();

        runConcurrently(createdByOwner(articles), List.of("world"), 0.0);

        SiteCheck.assertConverged(store, bucket, pages, articles, List.of("world"), FrontSizes.of(FEED_SIZE));
        assertThat(broadsheet.core.listing.NewestEntries.front(store, ListingId.sectionFront("world"),
                store.get(ListingId.sectionFront("world")).orElseThrow().value(), FEED_SIZE).entries()).hasSize(FEED_SIZE);
    }

    @Test
    void fiftyArticlesConvergeWhenListingWritesKeepConflicting() throws Exception {
        List<Article> articles = fiftyWorldArticles();

        List<CountingListingStore> counted = runConcurrently(createdByOwner(articles), List.of("world"), 0.3);

        SiteCheck.assertConverged(store, bucket, pages, articles, List.of("world"), FrontSizes.of(FEED_SIZE));
        assertThat(counted.stream().mapToLong(c -> c.failedWrites.get()).sum())
                .as("conflicting writes were retried").isPositive();
    }

    @Test
    void updatesMovesRetagsUnpublishesAndDeletesByConcurrentPublishersConverge() throws Exception {
        List<String> sections = List.of("world", "sport", "culture");
        Random random = new Random(20261129);
        List<List<ArticleChange>> byOwner = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            byOwner.add(new ArrayList<>());
        }
        List<Article> live = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            Article current = published(sections.get(i % 3), "story-" + i, publishTime(i));
            List<ArticleChange> changes = byOwner.get(i % PUBLISHERS);
            changes.add(ArticleChange.created(current));
            int steps = random.nextInt(4);
            for (int s = 0; s < steps; s++) {
                Article after = switch (random.nextInt(6)) {
                    case 0 -> retitled(current, current.headline() + " (updated)");
                    case 1 -> next(current, sections.get(random.nextInt(3)), current.publishAt(), Status.PUBLISHED);
                    case 2 -> next(current, current.section(), publishTime(random.nextInt(200)), Status.PUBLISHED);
                    case 3 -> next(current, current.section(), current.publishAt(), Status.DRAFT);
                    case 4 -> TestArticles.withPeople(next(current, current.section(), current.publishAt(),
                                    Status.PUBLISHED), List.of(AUTHORS.get(random.nextInt(3)), "Ann Smith"),
                            List.of(TAGS.get(random.nextInt(4)), TAGS.get(random.nextInt(4))));
                    default -> next(current, current.section(), current.publishAt(), Status.PUBLISHED);
                };
                changes.add(ArticleChange.updated(current, after));
                current = after;
            }
            if (random.nextInt(6) == 0) {
                changes.add(ArticleChange.deleted(current));
            } else if (current.isLive(NOW)) {
                live.add(current);
            }
        }

        runConcurrently(byOwner, sections, 0.2);

        SiteCheck.assertConverged(store, bucket, pages, live, sections, FrontSizes.of(FEED_SIZE));
    }

    private static final List<String> AUTHORS = List.of("Bo Li", "Cy Young", "Dee Okafor");
    private static final List<String> TAGS = List.of("NATO", "defence", "Défense", "summit");

    private static Instant publishTime(int i) {
        return NOW.minusSeconds(3600L * (7 * i + 1) + 60L * i);
    }

    private static List<Article> fiftyWorldArticles() {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            articles.add(published("world", "story-" + i, NOW.minusSeconds(3600L * 67 * i + 1)));
        }
        return articles;
    }

    private static List<List<ArticleChange>> createdByOwner(List<Article> articles) {
        List<List<ArticleChange>> byOwner = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            byOwner.add(new ArrayList<>());
        }
        for (int i = 0; i < articles.size(); i++) {
            byOwner.get(i % PUBLISHERS).add(ArticleChange.created(articles.get(i)));
        }
        return byOwner;
    }

    /** Runs one publisher per owner, all starting together; a contended change is retried as the feed would. */
    private List<CountingListingStore> runConcurrently(List<List<ArticleChange>> byOwner, List<String> sections,
                                                       double conflictRate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(byOwner.size());
        CountDownLatch start = new CountDownLatch(1);
        List<CountingListingStore> counted = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int p = 0; p < byOwner.size(); p++) {
                CountingListingStore listings = new CountingListingStore(new ContendedListingStore(store, p, conflictRate));
                counted.add(listings);
                Publisher publisher = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC),
                        sections, FrontSizes.of(FEED_SIZE));
                List<ArticleChange> changes = byOwner.get(p);
                running.add(pool.submit(() -> {
                    start.await();
                    for (ArticleChange change : changes) {
                        applyRetrying(publisher, change);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return counted;
    }

    private static void applyRetrying(Publisher publisher, ArticleChange change) {
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.apply(change);
                return;
            } catch (ListingContentionException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
