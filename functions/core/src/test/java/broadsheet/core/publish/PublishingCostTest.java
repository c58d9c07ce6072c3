package broadsheet.core.publish;

import broadsheet.core.publish.CountingListingStore;
import broadsheet.core.TestArticles;
import broadsheet.core.publish.TextPages;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.publish.Publisher;
import broadsheet.core.site.SiteConfig;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static broadsheet.core.TestArticles.published;
import static org.assertj.core.api.Assertions.assertThat;

/** Publishing one article costs the same whatever the size of the site. */
class PublishingCostTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS =
            List.of("world", "politics", "business", "technology", "science", "culture", "sport", "opinion");

    private record Cost(long listingReadRequests, long listingWrites, long uploads, long deletes) {
    }

    @Test
    void publishingAndUnpublishingAnArticleCostTheSameOnASiteOfTenAndOfAHundredThousandArticles() {
        Site small = site(10);
        Site large = site(100_000);

        Cost publishOnSmall = small.publishOneNewArticle();
        Cost publishOnLarge = large.publishOneNewArticle();
        long listingsReadOnLarge = large.listings.listingsRead.get();
        Cost unpublishOnSmall = small.unpublishNewestArticle();
        Cost unpublishOnLarge = large.unpublishNewestArticle();

        assertThat(publishOnLarge).isEqualTo(publishOnSmall);
        assertThat(publishOnLarge).as("for each of section, author and tag: month read, front read, months read, "
                + "month and front written; home read twice and written; article page, 3 month pages, 3 front "
                + "pages, home, sitemap index and news sitemap uploaded")
                .isEqualTo(new Cost(3 * 3 + 2, 3 * 2 + 1, 1 + 3 + 3 + 3, 0));
        assertThat(listingsReadOnLarge).as("listings read on the large site: per collection its month, its front "
                + "and at most two months; home and every section front")
                .isLessThanOrEqualTo(3 * (1 + 1 + 2) + 1 + SECTIONS.size());
        assertThat(unpublishOnLarge).isEqualTo(unpublishOnSmall);
        assertThat(unpublishOnLarge).as("the same listings; 3 month pages, 3 front pages, home, sitemap index and "
                + "news sitemap uploaded; the article page deleted")
                .isEqualTo(new Cost(3 * 3 + 2, 3 * 2 + 1, 3 + 3 + 3, 1));
    }

    private static final class Site {
        final InMemoryArticleStore articles = new InMemoryArticleStore();
        final InMemoryListingStore store = new InMemoryListingStore();
        final CountingListingStore listings = new CountingListingStore(store);
        final InMemorySiteBucket bucket = new InMemorySiteBucket();
        final TextPages pages = new TextPages();
        final Publisher publisher = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS,
                SiteConfig.load().frontSize());

        Cost publishOneNewArticle() {
            Article created = articles.create(published("world", "breaking", NOW.minusSeconds(60)));
            return cost(() -> publisher.apply(ArticleChange.created(created)));
        }

        Cost unpublishNewestArticle() {
            Article newest = articles.list(new ArticleQuery(Optional.of("world"), Optional.of(Status.PUBLISHED),
                    Optional.empty(), 1)).articles().get(0);
            Article draft = articles.update(TestArticles.next(newest, "world", newest.publishAt(), Status.DRAFT),
                    newest.version());
            return cost(() -> publisher.apply(ArticleChange.updated(newest, draft)));
        }

        private Cost cost(Runnable publish) {
            long reads = listings.readRequests.get();
            long writes = listings.writes.get();
            long uploads = bucket.puts();
            long deletes = bucket.deletes();
            listings.listingsRead.set(0);
            publish.run();
            return new Cost(listings.readRequests.get() - reads, listings.writes.get() - writes,
                    bucket.puts() - uploads, bucket.deletes() - deletes);
        }
    }

    /** A site of {@code size} published articles spread over eight sections and five years, already listed. */
    private static Site site(int size) {
        Site site = new Site();
        long span = 5L * 365 * 24 * 3600;
        for (int i = 0; i < size; i++) {
            site.articles.create(published(SECTIONS.get(i % SECTIONS.size()), "story-" + i,
                    NOW.minusSeconds(3600 + span * i / size)));
        }
        List<Article> live = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ResultPage page = site.articles.list(new ArticleQuery(Optional.empty(), Optional.of(Status.PUBLISHED), cursor, 5000));
            live.addAll(page.articles());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertThat(live).hasSize(size);
        seedListings(site.store, live);
        return site;
    }

    /** The listings a publisher would have built for these articles. */
    private static void seedListings(InMemoryListingStore store, List<Article> live) {
        Map<String, Listing> fronts = new TreeMap<>();
        Map<String, List<Article>> bySection = live.stream().collect(Collectors.groupingBy(Article::section));
        bySection.forEach((section, ofSection) -> {
            Map<YearMonth, Listing> months = new TreeMap<>();
            ofSection.stream().collect(Collectors.groupingBy(a -> Listings.monthOf(a.publishAt())))
                    .forEach((month, inMonth) -> months.put(month, new Listing(
                            inMonth.stream().map(Listings::entryOf).sorted(Listings.NEWEST_FIRST).toList(), Map.of())));
            months.forEach((month, listing) -> assertThat(store.put(ListingId.sectionMonth(section, month), listing, 0)).isTrue());
            Listing front = Listings.front(Listing.EMPTY, months, SiteConfig.load().frontSize());
            assertThat(store.put(ListingId.sectionFront(section), front, 0)).isTrue();
            fronts.put(section, front);
        });
        assertThat(store.put(ListingId.home(), Listings.home(fronts, SiteConfig.load().frontSize()), 0)).isTrue();
    }
}
