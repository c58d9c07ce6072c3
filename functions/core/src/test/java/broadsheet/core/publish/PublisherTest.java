package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.publish.CountingListingStore;
import broadsheet.core.publish.SiteCheck;
import broadsheet.core.TestArticles;
import broadsheet.core.publish.TextPages;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.PageRevision;
import broadsheet.core.publish.Publisher;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;

class PublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "sport", "culture");

    /** The packaged site's front size, as the wiring hands it to the publisher. */
    private static final int FRONT_SIZE = SiteConfig.load().frontSize();

    private final InMemoryListingStore store = new InMemoryListingStore();
    private final CountingListingStore listings = new CountingListingStore(store);
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final TextPages pages = new TextPages();
    private final Publisher publisher = publisher(FRONT_SIZE);

    private Publisher publisher(int frontSize) {
        return new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(frontSize));
    }

    private static Instant day(int month, int day) {
        return Instant.parse(String.format("2026-%02d-%02dT09:00:00Z", month, day));
    }

    private String page(String key) {
        return new String(bucket.get(key).orElseThrow().body(), StandardCharsets.UTF_8);
    }

    @Test
    void publishesTheArticlePageAndEveryListingPageOfANewArticle() {
        Article talks = published("world", "talks", day(11, 20));

        publisher.apply(ArticleChange.created(talks));

        assertThat(page("world/talks/index.html")).startsWith("article talks v1");
        assertThat(page("world/archive/2026-11/index.html")).isEqualTo("bucket 2026-11-20T09=1\n");
        assertThat(page("world/archive/2026-11/20/index.html")).startsWith("talks|world|Headline of talks|");
        assertThat(page("world/index.html")).contains("talks|world|").contains("bucket 2026-11=1");
        assertThat(page("index.html")).startsWith("talks|world|");
        assertThat(page("sitemap.xml")).isEqualTo("bucket world/2026-11=1\n");
        assertThat(page("author/ann-smith/index.html")).contains("talks|world|").contains("bucket 2026-11=1");
        assertThat(page("tag/news/archive/2026-11/20/index.html")).startsWith("talks|world|");
        assertThat(bucket.puts()).as("article; section, author and tag month, day and front; home, sitemap index, news")
                .isEqualTo(13);
        SiteCheck.assertConverged(store, bucket, pages, List.of(talks), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void newsSitemapListsOnlyArticlesOfTheLastTwoDaysAtThePublishersClock() {
        Article fresh = published("world", "fresh", NOW.minusSeconds(3600));
        Article yesterday = published("sport", "yesterday", NOW.minusSeconds(36 * 3600));
        Article old = published("culture", "old", NOW.minusSeconds(49 * 3600));
        publisher.apply(ArticleChange.created(old));
        publisher.apply(ArticleChange.created(yesterday));
        publisher.apply(ArticleChange.created(fresh));

        assertThat(page(TextPages.NEWS).lines().map(line -> line.substring(0, line.indexOf('|'))))
                .containsExactly("fresh", "yesterday");

        Publisher twoDaysLater = new Publisher(listings, bucket, pages,
                Clock.fixed(NOW.plusSeconds(13 * 3600), ZoneOffset.UTC), SECTIONS, FrontSizes.of(FRONT_SIZE));
        twoDaysLater.apply(ArticleChange.updated(old, retitled(old, "Old, retitled")));
        assertThat(page(TextPages.NEWS).lines().map(line -> line.substring(0, line.indexOf('|'))))
                .as("the window moves with the clock of the change that renders it").containsExactly("fresh");
    }

    @Test
    void aDayOfMoreEntriesThanAPageHoldsIsSplitIntoPagesNumberedFromTheOldestAndAnAppendTouchesTheLastOnes() {
        List<Article> day = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            day.add(published("world", "story-" + i, day(11, 20).plusSeconds(60L * i)));
        }
        day.subList(0, 6).forEach(a -> publisher.apply(ArticleChange.created(a)));
        assertThat(page("world/archive/2026-11/20/index.html")).contains("story-0|").contains("story-2|")
                .endsWith("more\n");
        assertThat(page("world/archive/2026-11/20/2/index.html")).contains("story-3|").contains("story-5|")
                .doesNotContain("more");
        long uploads = bucket.puts();

        publisher.apply(ArticleChange.created(day.get(6)));

        assertThat(page("world/archive/2026-11/20/3/index.html")).startsWith("story-6|");
        assertThat(page("world/archive/2026-11/20/2/index.html")).endsWith("more\n");
        assertThat(bucket.puts() - uploads).as("article; day pages 2 and 3, month and front of world, author, tag;"
                + " home and sitemap (the news sitemap's window ends before this day)").isEqualTo(1 + 3 * 4 + 2);
        SiteCheck.assertConverged(store, bucket, pages, day, SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void aMonthStoredByAnEarlierReleaseAsOneItemIsConvertedByTheFirstPublishIntoIt() {
        Article old1 = published("world", "old-one", day(11, 3));
        Article old2 = published("world", "old-two", day(11, 4));
        Article gone = published("world", "gone", day(11, 4).plusSeconds(60));
        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        Listing legacy = new Listing(List.of(Listings.entryOf(gone), Listings.entryOf(old2), Listings.entryOf(old1)),
                Map.of());
        for (ListingId listing : Listings.monthListingsOf(old1)) {
            for (long version = 0; version < 5; version++) {
                assertThat(store.put(listing, legacy, version)).isTrue();
            }
        }
        for (Article old : List.of(old1, old2, gone)) {
            bucket.put(pages.articlePage(old), PageRevision.of(pages.generation(), old.version()));
        }
        Article talks = published("world", "talks", day(11, 20));

        publisher.apply(ArticleChange.deleted(gone));
        publisher.apply(ArticleChange.created(talks));

        Listing head = store.get(month).orElseThrow().value();
        assertThat(head.entries()).as("the old item is replaced by a head").isEmpty();
        assertThat(store.get(month).orElseThrow().version()).as("the version goes on from the old item's")
                .isGreaterThan(5);
        assertThat(store.allEntries().get(month)).extracting(ListingEntry::slug)
                .containsExactly("old-one", "old-two", "talks");
        assertThat(page("world/archive/2026-11/4/index.html")).startsWith("old-two|").doesNotContain("gone|");
        SiteCheck.assertConverged(store, bucket, pages, List.of(old1, old2, talks), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void aFrontStoredWithoutKeysByTheLastReleaseIsReadFromItsMonthsUntilItsNextWriteStoresThem() {
        List<Article> live = new ArrayList<>();
        for (int i = 0; i < FRONT_SIZE + 2; i++) {
            live.add(published(i % 2 == 0 ? "world" : "sport", "story-" + i, day(11, 1).plusSeconds(3_600L * i)));
        }
        live.forEach(article -> publisher.apply(ArticleChange.created(article)));
        for (ListingId id : store.ids()) {
            if (id.kind().isFront()) {
                var front = store.get(id).orElseThrow();
                assertThat(front.value().newest()).as("%s names its entries", id).isNotEmpty();
                assertThat(store.put(id, new Listing(List.of(), front.value().monthCounts()), front.version())).isTrue();
            }
        }
        Article talks = published("world", "talks", day(11, 28));
        live.add(talks);

        publisher.apply(ArticleChange.created(talks));

        assertThat(store.get(ListingId.sectionFront("sport")).orElseThrow().value().newest())
                .as("a front this change did not write stays as it was").isEmpty();
        assertThat(store.get(ListingId.sectionFront("world")).orElseThrow().value().newest())
                .as("the front written names its entries again").startsWith("2026-11", "").isNotEmpty();
        assertThat(page("index.html")).as("home read the sport front from its months")
                .contains("talks|").contains("story-" + (FRONT_SIZE + 1) + "|");
        Article match = published("sport", "match", day(11, 29));
        live.add(match);
        publisher.apply(ArticleChange.created(match));
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void deliveringTheSameChangeTwiceUploadsNothingTheSecondTime() {
        Article talks = published("world", "talks", day(11, 20));
        Article match = published("sport", "match", day(11, 21));
        publisher.apply(ArticleChange.created(match));
        ArticleChange change = ArticleChange.created(talks);
        publisher.apply(change);
        long uploads = bucket.puts();
        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        long monthVersion = store.get(month).orElseThrow().version();

        publisher.apply(change);

        assertThat(bucket.puts()).isEqualTo(uploads);
        assertThat(store.allEntries().get(month)).as("the entry item is unchanged").hasSize(1);
        assertThat(store.get(month).orElseThrow().version()).as("the month head moves on, like a front")
                .isEqualTo(monthVersion + 1);
        SiteCheck.assertConverged(store, bucket, pages, List.of(talks, match), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void unpublishRemovesThePageAndEveryListingEntry() {
        Article talks = published("world", "talks", day(11, 20));
        Article other = published("world", "other", day(11, 2));
        publisher.apply(ArticleChange.created(talks));
        publisher.apply(ArticleChange.created(other));

        publisher.apply(ArticleChange.updated(talks, next(talks, "world", talks.publishAt(), Status.DRAFT)));

        assertThat(bucket.get("world/talks/index.html")).isEmpty();
        assertThat(page("world/index.html")).doesNotContain("talks|").contains("other|").contains("bucket 2026-11=1");
        assertThat(page("index.html")).doesNotContain("talks|");
        SiteCheck.assertConverged(store, bucket, pages, List.of(other), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void deleteRemovesThePageAndEveryListingEntry() {
        Article talks = published("world", "talks", day(11, 20));
        publisher.apply(ArticleChange.created(talks));

        publisher.apply(ArticleChange.deleted(talks));

        assertThat(bucket.get("world/talks/index.html")).isEmpty();
        assertThat(page("world/archive/2026-11/index.html")).isEqualTo("bucket 2026-11-20T09=0\n");
        assertThat(page("world/archive/2026-11/20/index.html")).isEmpty();
        assertThat(page("world/index.html")).isEmpty();
        assertThat(page("index.html")).isEmpty();
        assertThat(page("sitemap.xml")).isEmpty();
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void movingToAnotherSectionRemovesFromTheOldAndAddsToTheNew() {
        Article talks = published("world", "talks", day(11, 20));
        publisher.apply(ArticleChange.created(talks));
        Article moved = next(talks, "sport", talks.publishAt(), Status.PUBLISHED);

        publisher.apply(ArticleChange.updated(talks, moved));

        assertThat(bucket.get("world/talks/index.html").orElseThrow().redirectLocation()).contains("/sport/talks/");
        assertThat(page("world/talks/index.html")).isEqualTo("redirect to /sport/talks/\n");
        assertThat(page("sport/talks/index.html")).startsWith("article talks v2\nsport");
        assertThat(page("world/index.html")).doesNotContain("talks|");
        assertThat(page("sport/index.html")).contains("talks|sport|");
        assertThat(page("sitemap.xml")).isEqualTo("bucket sport/2026-11=1\n");
        SiteCheck.assertConverged(store, bucket, pages, List.of(moved), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void movingBackReplacesTheRedirectWithThePageAndUnpublishingRemovesThePageAndEveryRedirect() {
        Article talks = published("world", "talks", day(11, 20));
        Article moved = next(talks, "sport", talks.publishAt(), Status.PUBLISHED);
        Article back = next(moved, "world", talks.publishAt(), Status.PUBLISHED);
        publisher.apply(ArticleChange.created(talks));
        publisher.apply(ArticleChange.updated(talks, moved));

        publisher.apply(ArticleChange.updated(moved, back));

        assertThat(bucket.get("world/talks/index.html").orElseThrow().redirectLocation()).isEmpty();
        assertThat(page("world/talks/index.html")).startsWith("article talks v3\nworld");
        assertThat(bucket.get("sport/talks/index.html").orElseThrow().redirectLocation()).contains("/world/talks/");
        SiteCheck.assertConverged(store, bucket, pages, List.of(back), SECTIONS, FrontSizes.of(FRONT_SIZE));

        Article offline = next(back, "world", talks.publishAt(), Status.DRAFT);
        publisher.apply(ArticleChange.updated(back, offline));
        assertThat(bucket.get("world/talks/index.html")).isEmpty();
        assertThat(bucket.get("sport/talks/index.html")).as("the redirect the move left").isEmpty();
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void movingThePublishTimeToAnotherMonthMovesTheEntry() {
        Article talks = published("world", "talks", day(11, 20));
        publisher.apply(ArticleChange.created(talks));
        Article earlier = next(talks, "world", day(9, 1), Status.PUBLISHED);

        publisher.apply(ArticleChange.updated(talks, earlier));

        assertThat(page("world/archive/2026-11/20/index.html")).isEmpty();
        assertThat(page("world/archive/2026-09/1/index.html")).startsWith("talks|");
        assertThat(Listings.counts(store.get(ListingId.sectionFront("world")).orElseThrow().value()))
                .isEqualTo(Map.of("2026-09", 1));
        SiteCheck.assertConverged(store, bucket, pages, List.of(earlier), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void anOlderVersionAppliedAfterANewerOneDoesNotOverwriteTheNewerPage() {
        Article v1 = published("world", "talks", day(11, 20));
        Article v2 = retitled(v1, "Talks resume");
        Article v3 = retitled(v2, "Talks resume in Geneva");

        publisher.apply(ArticleChange.updated(v2, v3));
        publisher.apply(ArticleChange.updated(v1, v2));

        assertThat(page("world/talks/index.html")).startsWith("article talks v3").contains("Talks resume in Geneva");
        assertThat(bucket.get("world/talks/index.html").orElseThrow().revision()).isEqualTo(PageRevision.of(1, 3));
    }

    @Test
    void aNewRenderGenerationReplacesThePageOfTheSameVersionButNeverANewerVersion() {
        Article v1 = published("world", "talks", day(11, 20));
        Article v2 = retitled(v1, "Talks resume");
        RenderedPage stale = new RenderedPage("world/talks/index.html", TextPages.HTML, TextPages.CACHE,
                "old templates\n".getBytes(StandardCharsets.UTF_8));
        bucket.put(stale, PageRevision.of(1, v2.version()));

        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Publisher sameGeneration = new Publisher(listings, bucket, new TextPages(1), clock, SECTIONS, FrontSizes.of(FRONT_SIZE));
        sameGeneration.apply(ArticleChange.updated(v1, v2));
        assertThat(page("world/talks/index.html")).as("same generation, same version").isEqualTo("old templates\n");

        Publisher nextGeneration = new Publisher(listings, bucket, new TextPages(2), clock, SECTIONS, FrontSizes.of(FRONT_SIZE));
        nextGeneration.apply(ArticleChange.updated(v1, v2));
        assertThat(bucket.get("world/talks/index.html").orElseThrow().revision())
                .isEqualTo(PageRevision.of(2, v2.version()));

        assertThat(page("world/talks/index.html")).startsWith("article talks v2");
        long puts = bucket.puts();
        nextGeneration.apply(ArticleChange.updated(v1, v2));
        assertThat(bucket.puts()).as("redelivery at the new generation").isEqualTo(puts);
        assertThat(bucket.put(new TextPages(2).articlePage(v1), PageRevision.of(2, v1.version())))
                .as("an older version at the new generation").isFalse();
        Article v3 = retitled(v2, "Talks resume in Geneva");
        assertThat(bucket.put(new TextPages(1).articlePage(v3), PageRevision.of(1, v3.version())))
                .as("a newer version at the old generation").isTrue();
    }

    @Test
    void frontKeepsTheNewestEntriesAndRefillsFromOlderMonthsWhenOneGoes() {
        Publisher small = publisher(3);
        List<Article> live = new ArrayList<>();
        for (int month = 5; month <= 11; month++) {
            Article article = published("world", "m" + month, day(month, 10));
            small.apply(ArticleChange.created(article));
            live.add(article);
        }
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, 3);
        assertThat(page("world/index.html")).startsWith("m11|").contains("m10|").contains("m9|")
                .doesNotContain("m8|");

        Article newest = live.remove(live.size() - 1);
        small.apply(ArticleChange.deleted(newest));
        Article second = live.remove(live.size() - 1);
        small.apply(ArticleChange.updated(second, next(second, "world", second.publishAt(), Status.DRAFT)));

        assertThat(page("world/index.html")).startsWith("m9|").contains("m8|").contains("m7|")
                .doesNotContain("m6|");
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, 3);
    }

    /**
     * An author or tag front keeps only what its page shows (it has no feed), a section front and
     * home what their page and feeds show: each reads, stores the keys of and shows its own number
     * of newest entries, and refills from older months by its own size when one goes.
     */
    @Test
    void authorAndTagFrontsKeepTheirOwnNumberOfEntries() {
        FrontSizes sizes = new FrontSizes(4, 2);
        Publisher sized = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, sizes);
        List<Article> live = new ArrayList<>();
        for (int month = 5; month <= 11; month++) {
            Article article = published("world", "m" + month, day(month, 10));
            sized.apply(ArticleChange.created(article));
            live.add(article);
        }
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, sizes);
        assertThat(page("world/index.html")).startsWith("m11|").contains("m8|").doesNotContain("m7|");
        assertThat(page("author/ann-smith/index.html")).startsWith("m11|").contains("m10|").doesNotContain("m9|");
        assertThat(page("tag/news/index.html")).startsWith("m11|").contains("m10|").doesNotContain("m9|");
        assertThat(store.get(ListingId.authorFront("ann-smith")).orElseThrow().value().newest())
                .as("the author front's newest month and its two entries").hasSize(3);
        assertThat(store.get(ListingId.sectionFront("world")).orElseThrow().value().newest()).hasSize(5);

        Article newest = live.remove(live.size() - 1);
        sized.apply(ArticleChange.deleted(newest));

        assertThat(page("author/ann-smith/index.html")).startsWith("m10|").contains("m9|").doesNotContain("m8|");
        assertThat(page("world/index.html")).startsWith("m10|").contains("m7|").doesNotContain("m6|");
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, sizes);
    }

    /** A front stored by a release that kept more entries reads only the keys of those it keeps now, then stores those. */
    @Test
    void aFrontStoredWithMoreKeysThanItKeepsReadsOnlyThoseItKeeps() {
        List<Article> live = new ArrayList<>();
        for (int month = 1; month <= 10; month++) {
            Article article = published("world", "m" + month, day(month, 10));
            publisher.apply(ArticleChange.created(article));
            live.add(article);
        }
        ListingId author = ListingId.authorFront("ann-smith");
        assertThat(store.get(author).orElseThrow().value().newest()).as("ten entries of ten months").hasSize(11);
        Publisher sized = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS,
                new FrontSizes(FRONT_SIZE, 3));
        Article added = published("world", "m11", day(11, 10));
        long before = listings.entriesRead.get();
        sized.apply(ArticleChange.created(added));
        live.add(added);

        assertThat(store.get(author).orElseThrow().value().newest()).as("the author front's keys, cut to three")
                .hasSize(4);
        assertThat(page("author/ann-smith/index.html")).startsWith("m11|").contains("m9|").doesNotContain("m8|");
        assertThat(listings.entriesRead.get() - before)
                .as("entries read: the new entry's day in each of three months; for the author's and the tag's "
                        + "front their newest three and the one the new entry pushes off (not the eight older keys "
                        + "stored); the section front's eleven")
                .isEqualTo(3 + 2L * 4 + 11);
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, new FrontSizes(FRONT_SIZE, 3));
    }

    @Test
    void aDraftEditTouchesNoListingAndNoPage() {
        Article draft = TestArticles.draft("world", "notes");

        publisher.apply(ArticleChange.updated(draft, retitled(draft, "Notes")));

        assertThat(listings.readRequests.get() + listings.writes.get()).isZero();
        assertThat(bucket.keys("")).isEmpty();
    }

    @Test
    void anUnpublishDeliveredAgainUploadsNothing() {
        Article talks = published("world", "talks", day(11, 20));
        publisher.apply(ArticleChange.created(talks));
        ArticleChange unpublish = ArticleChange.deleted(talks);
        publisher.apply(unpublish);
        long uploads = bucket.puts();
        long deletes = bucket.deletes();

        publisher.apply(unpublish);

        assertThat(bucket.puts()).isEqualTo(uploads);
        assertThat(bucket.deletes()).isEqualTo(deletes);
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void draftsAndScheduledArticlesAreNeverRenderedPublicly() {
        Article draft = TestArticles.draft("world", "notes");
        Article scheduledStatusPastTime = next(published("world", "embargo", day(11, 20)), "world", day(11, 20),
                Status.SCHEDULED);
        Article publishedButFuture = published("world", "tomorrow", NOW.plusSeconds(86_400));

        publisher.apply(ArticleChange.created(draft));
        publisher.apply(ArticleChange.created(scheduledStatusPastTime));
        publisher.apply(ArticleChange.created(publishedButFuture));
        publisher.apply(ArticleChange.updated(draft, retitled(draft, "Notes, edited")));

        assertThat(bucket.keys("")).as("no page of any kind").isEmpty();
        assertThat(store.ids()).as("no listing").isEmpty();

        Article live = published("world", "live", day(11, 21));
        publisher.apply(ArticleChange.created(live));
        publisher.apply(ArticleChange.updated(live, next(live, "world", live.publishAt(), Status.DRAFT)));
        assertThat(bucket.keys("world/live/")).as("back to draft takes the page down").isEmpty();
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void articlesInReviewAreNeverRenderedPubliclyAndReviewTakesALivePageDown() {
        Article review = next(TestArticles.draft("world", "pitch"), "world", null, Status.REVIEW);
        Article reviewPastTime = next(published("world", "held", day(11, 20)), "world", day(11, 20), Status.REVIEW);

        publisher.apply(ArticleChange.created(review));
        publisher.apply(ArticleChange.created(reviewPastTime));
        publisher.apply(ArticleChange.updated(review, retitled(review, "Pitch, edited")));

        assertThat(bucket.keys("")).as("no page of any kind").isEmpty();
        assertThat(store.ids()).as("no listing").isEmpty();

        Article live = published("world", "live", day(11, 21));
        publisher.apply(ArticleChange.created(live));
        publisher.apply(ArticleChange.updated(live, next(live, "world", live.publishAt(), Status.REVIEW)));
        assertThat(bucket.keys("world/live/")).as("back to review takes the page down").isEmpty();
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    /**
     * A section whose own front fills home with entries of the news window: home's first attempt
     * reads of the other fronts only their entries of that window, and home, its pages and the
     * news sitemap are still what the live articles say.
     */
    @Test
    void homeReadsTheOtherFrontsNewsWindowAloneWhenTheSectionFillsHome() {
        List<Article> live = new ArrayList<>();
        live.add(published("sport", "old-match", NOW.minus(java.time.Duration.ofDays(5))));
        live.add(published("culture", "recent-show", NOW.minus(java.time.Duration.ofHours(40))));
        for (int i = 0; i < FRONT_SIZE + 3; i++) {
            live.add(published("world", "story-" + i, NOW.minus(java.time.Duration.ofHours(30)).plusSeconds(600L * i)));
        }
        live.forEach(article -> publisher.apply(ArticleChange.created(article)));
        Article last = published("world", "latest", NOW.minusSeconds(60));
        live.add(last);
        List<String> newestRead = java.util.Collections.synchronizedList(new ArrayList<>());
        var recording = new broadsheet.core.listing.ForwardingListingStore(store) {
            @Override
            public List<ListingEntry> newest(ListingId month, int limit) {
                return recorded(super.newest(month, limit));
            }

            @Override
            public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
                return recorded(super.newest(month, limit, after));
            }

            private List<ListingEntry> recorded(List<ListingEntry> entries) {
                entries.forEach(e -> newestRead.add(e.slug()));
                return entries;
            }
        };

        new Publisher(recording, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(FRONT_SIZE))
                .apply(ArticleChange.created(last));

        assertThat(newestRead).as("newest entries read").contains("recent-show").doesNotContain("old-match");
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, FrontSizes.of(FRONT_SIZE));
        assertThat(page(TextPages.NEWS)).contains("recent-show").doesNotContain("old-match");
    }
}
