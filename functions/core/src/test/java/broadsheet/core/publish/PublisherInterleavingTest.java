package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.publish.InterleavingListingStore;
import broadsheet.core.publish.SiteCheck;
import broadsheet.core.publish.TextPages;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.publish.Publisher;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Publishers interleaved at the points where a careless protocol loses an entry: other
 * publishers' changes run between one publisher's read and its write. Each article's own changes
 * stay in order, as the change feed delivers them.
 */
class PublisherInterleavingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "sport");
    private static final int FEED_SIZE = 5;

    private final InMemoryListingStore store = new InMemoryListingStore();
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final TextPages pages = new TextPages();
    private final Publisher other = publisher(store);

    private final Article first = published("world", "first", Instant.parse("2026-11-20T08:00:00Z"));
    private final Article second = published("world", "second", Instant.parse("2026-11-21T08:00:00Z"));

    private Publisher publisher(ListingStore listings) {
        return new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(FEED_SIZE));
    }

    @Test
    void aMonthListingWrittenBetweenAnotherPublishersReadAndWriteKeepsBothEntries() {
        var interleaving = new InterleavingListingStore(store)
                .afterGet(ListingId.Kind.SECTION_MONTH, () -> other.apply(ArticleChange.created(second)));

        publisher(interleaving).apply(ArticleChange.created(first));

        assertThat(interleaving.allRan()).isTrue();
        SiteCheck.assertConverged(store, bucket, pages, List.of(first, second), SECTIONS, FrontSizes.of(FEED_SIZE));
    }

    @Test
    void aMonthHeadWrittenWhileAnotherPublisherReadsTheSameHourMakesThatPublisherReadAgain() {
        List<Article> earlier = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            earlier.add(published("world", "earlier-" + i, Instant.parse("2026-11-20T08:00:00Z").plusSeconds(i)));
            other.apply(ArticleChange.created(earlier.get(i)));
        }
        Article mine = published("world", "mine", Instant.parse("2026-11-20T08:30:00Z"));
        Article theirs = published("world", "theirs", Instant.parse("2026-11-20T08:40:00Z"));
        var interleaving = new InterleavingListingStore(store)
                .afterEntries(ListingId.Kind.SECTION_MONTH, () -> other.apply(ArticleChange.created(theirs)));

        publisher(interleaving).apply(ArticleChange.created(mine));

        assertThat(interleaving.allRan()).isTrue();
        List<Article> all = new java.util.ArrayList<>(earlier);
        all.add(mine);
        all.add(theirs);
        SiteCheck.assertConverged(store, bucket, pages, all, SECTIONS, FrontSizes.of(FEED_SIZE));
        assertThat(bucket.get("world/archive/2026-11/20/2/index.html")).as("the second page of the day, "
                + "which the other publisher's append started").isPresent();
    }

    /**
     * The front's version is read at once with the month edits and its month heads are taken as
     * written: another publisher's whole change between that read and the front write (here once
     * the front's newest entries are read) makes the front write fail and the publisher read again.
     */
    @Test
    void aFrontWrittenWhileAnotherPublisherReadsMonthsMakesThatPublisherReadAgain() {
        var interleaving = new InterleavingListingStore(store)
                .afterNewest(ListingId.Kind.SECTION_MONTH, () -> other.apply(ArticleChange.created(second)));

        publisher(interleaving).apply(ArticleChange.created(first));

        assertThat(interleaving.allRan()).isTrue();
        SiteCheck.assertConverged(store, bucket, pages, List.of(first, second), SECTIONS, FrontSizes.of(FEED_SIZE));
    }

    @Test
    void homeWrittenWhileAnotherPublisherReadsFrontsMakesThatPublisherReadAgain() {
        Article match = published("sport", "match", Instant.parse("2026-11-22T08:00:00Z"));
        var interleaving = new InterleavingListingStore(store)
                .afterGetAll(ListingId.Kind.SECTION_FRONT, () -> other.apply(ArticleChange.created(match)));

        publisher(interleaving).apply(ArticleChange.created(first));

        assertThat(interleaving.allRan()).isTrue();
        SiteCheck.assertConverged(store, bucket, pages, List.of(first, match), SECTIONS, FrontSizes.of(FEED_SIZE));
    }

    /**
     * A front recompute whose result equals the stored front is still written: otherwise a slower
     * recompute that read a month in between two writes that cancel out (one article added, another
     * removed) could commit its stale count over the unchanged front.
     */
    @Test
    void aFrontRecomputeThatChangesNothingStillMovesTheFrontOn() {
        List<Article> live = new ArrayList<>();
        for (int day = 20; day < 25; day++) {
            live.add(published("world", "new-" + day, Instant.parse("2026-11-" + day + "T08:00:00Z")));
        }
        Article leaving = published("world", "leaving", Instant.parse("2026-11-02T08:00:00Z"));
        Article october = published("world", "october", Instant.parse("2026-10-10T08:00:00Z"));
        for (Article article : live) {
            other.apply(ArticleChange.created(article));
        }
        other.apply(ArticleChange.created(leaving));
        other.apply(ArticleChange.created(october));
        Article arriving = published("world", "arriving", Instant.parse("2026-11-03T08:00:00Z"));
        Article lateOctober = published("world", "late-october", Instant.parse("2026-10-20T08:00:00Z"));

        // The publisher of "arriving" writes November, then fails before its front write (once it
        // has read the front's newest entries).
        Publisher failing = publisher(new InterleavingListingStore(store).afterNewest(ListingId.Kind.SECTION_MONTH, () -> {
            throw new IllegalStateException("publisher stopped");
        }));
        // Publishing "late-october": after it reads the front, "arriving" enters November; after it
        // reads the newest entries, "leaving" is unpublished and the change of "arriving" is retried.
        // Both of those recomputes find the front as it was: November's count went up and down again.
        var interleaving = new InterleavingListingStore(store)
                .afterGet(ListingId.Kind.SECTION_FRONT, () -> assertThatThrownBy(
                        () -> failing.apply(ArticleChange.created(arriving))).hasMessage("publisher stopped"))
                .afterNewest(ListingId.Kind.SECTION_MONTH, () -> {
                    other.apply(ArticleChange.updated(leaving, next(leaving, "world", leaving.publishAt(), Status.DRAFT)));
                    other.apply(ArticleChange.created(arriving));
                });

        publisher(interleaving).apply(ArticleChange.created(lateOctober));

        assertThat(interleaving.allRan()).isTrue();
        live.addAll(List.of(october, arriving, lateOctober));
        SiteCheck.assertConverged(store, bucket, pages, live, SECTIONS, FrontSizes.of(FEED_SIZE));
    }
}
