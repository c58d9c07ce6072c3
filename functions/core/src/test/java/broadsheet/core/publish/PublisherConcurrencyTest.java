package broadsheet.core.publish;

import broadsheet.core.listing.ForwardingListingStore;

import broadsheet.core.article.Article;
import broadsheet.core.concurrent.Concurrently;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static broadsheet.core.TestArticles.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a publisher runs at once within one change (docs/design-publishing.md, "Pages"): home
 * follows the section front alone, a listing's pages upload while the listings after it are
 * written, and a failure anywhere is thrown as it was raised, once everything started has ended.
 */
class PublisherConcurrencyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "sport");
    private static final int FRONT_SIZE = 5;
    private static final long WAIT_SECONDS = 5;

    private final InMemoryListingStore store = new InMemoryListingStore();
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final TextPages pages = new TextPages();
    private final Article talks = published("world", "talks", Instant.parse("2026-11-20T08:00:00Z"));
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A publisher with threads to spare, so that no task runs on the thread that starts it. */
    private Publisher publisher(ListingStore listings, SiteBucket pagesTo) {
        return new Publisher(listings, pagesTo, pages, Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(FRONT_SIZE),
                EdgeCache.NONE, Concurrently.pool("test-publisher", 64));
    }

    @Test
    void homeIsRecomputedOnceTheSectionFrontIsWrittenWhileTheAuthorFrontIsStillBeingRecomputed() {
        CountDownLatch homeWritten = new CountDownLatch(1);
        AtomicBoolean authorFrontSawHome = new AtomicBoolean();
        WatchedStore listings = new WatchedStore(store, id -> {
            if (id.kind() == ListingId.Kind.AUTHOR_FRONT) {
                authorFrontSawHome.set(await(homeWritten)); // the author front's recompute holds here
            }
        }, id -> {
            if (id.kind() == ListingId.Kind.HOME) {
                homeWritten.countDown();
            }
        });

        publisher(listings, bucket).apply(ArticleChange.created(talks));

        assertThat(authorFrontSawHome).as("home written while the author front's recompute was waiting").isTrue();
        assertThat(events.indexOf("get " + ListingId.home()))
                .as("home read its version before the section front was written (home takes that front as written)")
                .isNotNegative()
                .isLessThan(events.indexOf("put " + ListingId.sectionFront("world")));
        assertThat(events.indexOf("get " + ListingId.sectionFront("world")))
                .as("the front's version read before its month head was written (the front takes that head as written)")
                .isNotNegative()
                .isLessThan(events.indexOf("put " + Listings.monthListingOf(talks)));
        assertThat(events.indexOf("put " + ListingId.sectionFront("world")))
                .as("home written after the section front")
                .isLessThan(events.indexOf("put " + ListingId.home()));
        SiteCheck.assertConverged(store, bucket, pages, List.of(talks), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    @Test
    void aMonthsPagesAreUploadedWhileItsFrontIsRecomputed() {
        CountDownLatch frontWritten = new CountDownLatch(1);
        AtomicBoolean monthPageSawFront = new AtomicBoolean();
        WatchedStore listings = new WatchedStore(store, id -> {
        }, id -> {
            if (id.equals(ListingId.sectionFront("world"))) {
                frontWritten.countDown();
            }
        });
        SiteBucket pagesTo = new WatchedBucket(bucket, key -> {
            if (key.equals("world/archive/2026-11/index.html")) {
                monthPageSawFront.set(await(frontWritten)); // the month page's upload holds here
            }
        });

        publisher(listings, pagesTo).apply(ArticleChange.created(talks));

        assertThat(monthPageSawFront).as("the front written while the month page's upload was waiting").isTrue();
        SiteCheck.assertConverged(store, bucket, pages, List.of(talks), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    /** A failure of its own type, to check that the caller gets the very exception a task threw. */
    private static final class UploadRefused extends RuntimeException {
        UploadRefused() {
            super("upload refused");
        }
    }

    @Test
    void aFailedUploadIsThrownAsItWasRaisedOnceEveryTaskHasEndedAndThePageOfATakedownStays() {
        Publisher healthy = publisher(store, bucket);
        healthy.apply(ArticleChange.created(talks));
        UploadRefused refused = new UploadRefused();
        AtomicInteger inFlight = new AtomicInteger();
        SiteBucket failing = new WatchedBucket(bucket, key -> {
            if (key.equals("tag/news/archive/2026-11/index.html")) {
                throw refused;
            }
            if (key.equals("author/ann-smith/archive/2026-11/index.html")) {
                inFlight.incrementAndGet();
                sleep(300);
                inFlight.decrementAndGet();
            }
        });
        ArticleChange takedown = ArticleChange.deleted(talks);

        Throwable thrown = catchThrowable(() -> publisher(store, failing).apply(takedown));

        assertThat(thrown).isSameAs(refused);
        assertThat(inFlight).as("no upload still running when the change failed").hasValue(0);
        assertThat(bucket.get("world/talks/index.html")).as("deleted only after every listing is done").isPresent();

        healthy.apply(takedown); // the change feed delivers it again

        assertThat(bucket.get("world/talks/index.html")).isEmpty();
        SiteCheck.assertConverged(store, bucket, pages, List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a hook before each get of a listing and after each successful put, and logs both in {@link #events}. */
    private final class WatchedStore extends ForwardingListingStore {
        private final Consumer<ListingId> beforeGet;
        private final Consumer<ListingId> afterPut;

        WatchedStore(ListingStore delegate, Consumer<ListingId> beforeGet, Consumer<ListingId> afterPut) {
            super(delegate);
            this.beforeGet = beforeGet;
            this.afterPut = afterPut;
        }

        @Override
        public Optional<Versioned<Listing>> get(ListingId id) {
            events.add("get " + id);
            beforeGet.accept(id);
            return delegate.get(id);
        }

        @Override
        public boolean put(ListingId id, Listing listing, long expectedVersion) {
            boolean written = delegate.put(id, listing, expectedVersion);
            if (written) {
                events.add("put " + id);
                afterPut.accept(id);
            }
            return written;
        }
    }
}
