package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
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
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.SiteListings;
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

    private record Cost(long listingReadRequests, long listingWrites, long bytesWritten, long uploads, long deletes) {
    }

    @Test
    void publishingAndUnpublishingAnArticleCostTheSameWhateverTheSizeOfTheMonthAndOfTheSite() {
        Site small = site(60, ONE_MONTH);
        Site fullMonth = site(5_000, ONE_MONTH);
        Site large = site(100_000, FIVE_YEARS);

        Cost publishOnSmall = small.publishOneNewArticle();
        long readBefore = fullMonth.listings.entriesRead.get();
        Cost publishOnFullMonth = fullMonth.publishOneNewArticle();
        long entriesReadOnFullMonth = fullMonth.listings.entriesRead.get() - readBefore;
        Cost publishOnLarge = large.publishOneNewArticle();
        Cost unpublishOnSmall = small.unpublishNewestArticle();
        Cost unpublishOnFullMonth = fullMonth.unpublishNewestArticle();
        Cost unpublishOnLarge = large.unpublishNewestArticle();

        // Home reads the other section fronts' entries of the news window first; when the section's own
        // front does not fill home with newer entries (60 articles a month do not), it reads them whole.
        long wholeFronts = 1 + SECTIONS.size() - 1;
        assertThat(withoutBytes(publishOnFullMonth)).as("a month of 5,000 entries costs what a month of 60 does, "
                        + "less home's second read of the other fronts")
                .isEqualTo(withoutBytes(new Cost(publishOnSmall.listingReadRequests() - wholeFronts,
                        publishOnSmall.listingWrites(), 0, publishOnSmall.uploads(), publishOnSmall.deletes())));
        int frontSize = SiteConfig.load().frontSize();
        assertThat(entriesReadOnFullMonth).as("entry items read in a month of 5,000 (about 8 an hour): per "
                + "collection its own entry, the hour of the new article and the day page before, and the newest "
                + "of the front; the newest of each section for home")
                .isLessThanOrEqualTo(3 * (1 + 2 * TextPages.DAY_PAGE_SIZE + 10 + frontSize) + SECTIONS.size() * frontSize);
        assertThat(withoutBytes(publishOnLarge)).as("a site of 100,000 articles costs what a site of 60 does")
                .isEqualTo(withoutBytes(publishOnSmall));
        assertThat(publishOnFullMonth.bytesWritten()).as("bytes written: a month head counts at most 744 hours "
                + "(about 20 bytes each), whatever the number of its entries; 3 heads")
                .isBetween(publishOnSmall.bytesWritten(), publishOnSmall.bytesWritten() + 3 * 744 * 20);
        assertThat(publishOnLarge.bytesWritten()).as("bytes written grow with the months the site has counted "
                + "(a front's count of each of its months, at most ~6 bytes each, a year to a field; home "
                + "stores none) and the hours of a month a head counts (at most 744), not with its articles")
                .isLessThan(publishOnSmall.bytesWritten() + 3 * 61 * 6 + 3 * 744 * 20);
        assertThat(publishOnSmall).as("for each of section, author and tag: the entry item read and written, the "
                + "month head read and its day read, the head written; the front read, the newest entries read "
                + "(the month heads taken as written), the front written; home read, the other section fronts read "
                + "with their entries of the news window, then (the section's own front, taken as written, "
                + "leaving room) read again whole, home written; article "
                + "page, 3 month pages, 3 day pages, 3 front pages, home, sitemap and news sitemap uploaded")
                .extracting(Cost::listingReadRequests, Cost::listingWrites, Cost::uploads, Cost::deletes)
                .containsExactly(3L * 5 + 2 + SECTIONS.size() - 1 + wholeFronts, 3L * 3 + 1, 1L + 3 + 3 + 3 + 3, 0L);
        assertThat(withoutBytes(unpublishOnFullMonth)).isEqualTo(withoutBytes(new Cost(
                unpublishOnSmall.listingReadRequests() - wholeFronts, unpublishOnSmall.listingWrites(), 0,
                unpublishOnSmall.uploads(), unpublishOnSmall.deletes())));
        assertThat(withoutBytes(unpublishOnLarge)).isEqualTo(withoutBytes(unpublishOnSmall));
        assertThat(unpublishOnFullMonth.bytesWritten()).isLessThan(unpublishOnSmall.bytesWritten() + 3 * 744 * 20);
        assertThat(unpublishOnSmall).as("the same reads; the entry items deleted, heads, fronts and home written; "
                + "the same listing pages uploaded; the article page deleted")
                .extracting(Cost::listingReadRequests, Cost::listingWrites, Cost::uploads, Cost::deletes)
                .containsExactly(3L * 5 + 2 + SECTIONS.size() - 1 + wholeFronts, 3L * 3 + 1, 3L + 3 + 3 + 3, 1L);
    }

    /**
     * An author and a tag whose newest entries span two years (an article a month before this one)
     * cost two reads each more than the same articles in the new article's month, not one a month:
     * the front names its entries by their keys, so a recompute reads the month the change wrote,
     * the month of the front's newest entries (last month: the keys leave those out) and the
     * others' items in one batch.
     */
    @Test
    void aFrontWhoseNewestEntriesSpanTwoYearsCostsTwoReadsMore() {
        Site spread = new Site();
        Site together = new Site();
        List<String> occasional = List.of("occasional-writer");
        List<String> rareTopic = List.of("rare-topic");
        for (Site site : List.of(spread, together)) {
            for (int i = 0; i < 60; i++) {
                site.articles.create(published("world", "story-" + i, NOW.minusSeconds(86_400 + 600L * i)));
            }
            for (int i = 0; i < 24; i++) {
                Instant at = site == spread ? NOW.atZone(ZoneOffset.UTC).minusMonths(1 + i).toInstant()
                        : NOW.minusSeconds(90_000 + 600L * i);
                site.articles.create(TestArticles.withPeople(published("world", "occasional-" + i, at), occasional,
                        rareTopic));
            }
            seedListings(site.store, site.articles.list(new ArticleQuery(Optional.empty(), Optional.of(Status.PUBLISHED),
                    Optional.empty(), 5000)).articles());
        }
        Cost[] costs = new Cost[2];
        List<Site> sites = List.of(spread, together);
        for (int i = 0; i < 2; i++) {
            Site site = sites.get(i);
            Article created = site.articles.create(TestArticles.withPeople(
                    published("world", "occasional-new", NOW.minusSeconds(60)), occasional, rareTopic));
            costs[i] = site.cost(() -> site.publisher.apply(ArticleChange.created(created)));
        }

        assertThat(costs[0].listingReadRequests()).as("listing reads of a publish, the author's and the tag's "
                        + "newest 20 over 20 months against one")
                .isEqualTo(costs[1].listingReadRequests() + 2 * 2);
        assertThat(spread.listings.entriesRead.get() - together.listings.entriesRead.get())
                .as("entry items read: each of the author's and the tag's fronts (20 entries) reads its 20 "
                        + "newest, by key, and the one the new entry pushes off it")
                .isEqualTo(2);
        assertThat(withoutBytes(costs[0])).extracting(Cost::listingWrites, Cost::uploads)
                .isEqualTo(List.of(costs[1].listingWrites(), costs[1].uploads()));
    }

    private static Cost withoutBytes(Cost cost) {
        return new Cost(cost.listingReadRequests(), cost.listingWrites(), 0, cost.uploads(), cost.deletes());
    }

    private static final class Site {
        final InMemoryArticleStore articles = new InMemoryArticleStore();
        final InMemoryListingStore store = new InMemoryListingStore();
        final CountingListingStore listings = new CountingListingStore(store);
        final InMemorySiteBucket bucket = new InMemorySiteBucket();
        final TextPages pages = new TextPages();
        final Publisher publisher = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS,
                FrontSizes.of(SiteConfig.load()));

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
            long bytes = listings.bytesWritten.get();
            long uploads = bucket.puts();
            long deletes = bucket.deletes();
            listings.listingsRead.set(0);
            publish.run();
            return new Cost(listings.readRequests.get() - reads, listings.writes.get() - writes,
                    listings.bytesWritten.get() - bytes, bucket.puts() - uploads, bucket.deletes() - deletes);
        }
    }

    private static final long ONE_MONTH = 27L * 24 * 3600;
    private static final long FIVE_YEARS = 5L * 365 * 24 * 3600;

    /**
     * A site of {@code size} published articles, already listed: in one section over {@code span}
     * seconds before the day of the new article (a whole month: the section's month listing holds
     * them all) or over eight sections and five years.
     */
    private static Site site(int size, long span) {
        Site site = new Site();
        for (int i = 0; i < size; i++) {
            String section = span == ONE_MONTH ? "world" : SECTIONS.get(i % SECTIONS.size());
            site.articles.create(published(section, "story-" + i, NOW.minusSeconds(86_400 + span * i / size)));
        }
        if (span == ONE_MONTH) {
            SECTIONS.subList(1, SECTIONS.size()).forEach(section ->
                    site.articles.create(published(section, "only-" + section, NOW.minusSeconds(90_000))));
        }
        List<Article> live = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ResultPage page = site.articles.list(new ArticleQuery(Optional.empty(), Optional.of(Status.PUBLISHED), cursor, 5000));
            live.addAll(page.articles());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertThat(live).hasSize(span == ONE_MONTH ? size + SECTIONS.size() - 1 : size);
        seedListings(site.store, live);
        return site;
    }

    /** The listings a publisher would have built for these articles: heads and entry items, fronts, home. */
    private static void seedListings(InMemoryListingStore store, List<Article> live) {
        SiteListings.of(live.stream().map(SiteListings.Listed::of).toList(), SECTIONS, FrontSizes.of(SiteConfig.load()))
                .forEach((id, listing) -> {
                    if (id.kind().isMonth()) {
                        listing.entries().forEach(e -> store.putEntry(id, e));
                        listing = new Listing(List.of(), listing.monthCounts());
                    } else if (id.kind() != ListingId.Kind.HOME) {
                        listing = NewestEntries.stored(id, listing);
                    }
                    assertThat(store.put(id, listing, 0)).isTrue();
                });
    }
}
