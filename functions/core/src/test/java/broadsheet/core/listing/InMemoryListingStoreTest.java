package broadsheet.core.listing;

import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;

import broadsheet.core.listing.ListingStore.Versioned;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryListingStoreTest {

    private final InMemoryListingStore store = new InMemoryListingStore();
    private final ListingId front = ListingId.sectionFront("world");
    private final Listing listing = new Listing(List.of(new ListingEntry("talks", "world", "Talks", null,
            Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"), null, null, List.of("Ann"))),
            Map.of("2026-11", 1));

    @Test
    void createsOnlyWhenExpectingVersionZero() {
        assertThat(store.put(front, listing, 1)).isFalse();
        assertThat(store.get(front)).isEmpty();

        assertThat(store.put(front, listing, 0)).isTrue();

        assertThat(store.get(front)).contains(new Versioned<>(listing, 1));
        assertThat(store.put(front, Listing.EMPTY, 0)).as("exists already").isFalse();
    }

    @Test
    void writesOverTheExpectedVersionOnly() {
        store.put(front, Listing.EMPTY, 0);

        assertThat(store.put(front, listing, 2)).isFalse();
        assertThat(store.put(front, listing, 1)).isTrue();
        assertThat(store.put(front, Listing.EMPTY, 1)).as("stale").isFalse();

        assertThat(store.get(front)).contains(new Versioned<>(listing, 2));
    }

    @Test
    void getAllReturnsOnlyTheListingsThatExist() {
        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        ListingId missing = ListingId.sectionMonth("world", YearMonth.of(2026, 10));
        store.put(front, listing, 0);
        store.put(month, Listing.EMPTY, 0);

        assertThat(store.getAll(List.of(front, month, missing)))
                .isEqualTo(Map.of(front, new Versioned<>(listing, 1), month, new Versioned<>(Listing.EMPTY, 1)));
        assertThat(store.ids()).containsExactly(month, front);
    }

    @Test
    void rejectsANegativeExpectedVersion() {
        assertThatThrownBy(() -> store.put(front, listing, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentConditionalWritersNeverShareAVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                writers.add(pool.submit(() -> {
                    int won = 0;
                    for (int i = 0; i < 200; i++) {
                        long version = store.get(front).map(Versioned::version).orElse(0L);
                        if (store.put(front, listing, version)) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            int total = 0;
            for (Future<Integer> writer : writers) {
                total += writer.get(1, TimeUnit.MINUTES);
            }
            assertThat(store.get(front).orElseThrow().version()).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }
}
