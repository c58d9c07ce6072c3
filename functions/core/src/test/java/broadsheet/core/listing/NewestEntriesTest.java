package broadsheet.core.listing;

import broadsheet.core.concurrent.Concurrently;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NewestEntriesTest {

    private static final ListingId.Collection WORLD = ListingId.Collection.section("world");

    private final InMemoryListingStore store = new InMemoryListingStore();

    /** Puts {@code count} entries into the month, one a day from its first day. */
    private void fill(YearMonth month, int count) {
        for (int i = 0; i < count; i++) {
            Instant at = month.atDay(1 + i % 28).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(i);
            store.putEntry(WORLD.month(month), new ListingEntry("s-" + month + "-" + i, "world", "Headline", null, at, at,
                    null, null, List.of()));
        }
    }

    private static SortedMap<YearMonth, Integer> counts(Object... monthAndCount) {
        SortedMap<YearMonth, Integer> counts = new TreeMap<>();
        for (int i = 0; i < monthAndCount.length; i += 2) {
            counts.put(YearMonth.parse((String) monthAndCount[i]), (Integer) monthAndCount[i + 1]);
        }
        return counts;
    }

    @Test
    void readsAtOnceTheNewestMonthsWhoseCountsReachTheLimitAndNoOther() {
        fill(YearMonth.of(2026, 11), 3);
        fill(YearMonth.of(2026, 10), 2);
        fill(YearMonth.of(2026, 9), 10);
        fill(YearMonth.of(2026, 8), 5);
        SortedMap<YearMonth, Integer> counts = counts("2026-11", 3, "2026-10", 2, "2026-09", 10, "2026-08", 5);
        CyclicBarrier threeReadsAtOnce = new CyclicBarrier(3);
        ReadRecorder reads = new ReadRecorder(store, threeReadsAtOnce);

        List<ListingEntry> newest = NewestEntries.of(reads, WORLD, counts, 8, Concurrently.pool("test", 4));

        assertThat(newest).isEqualTo(NewestEntries.of(store, WORLD, counts.keySet(), 8));
        assertThat(newest).hasSize(8);
        assertThat(reads.asked).as("November, October, and what September must give; not August")
                .containsExactlyInAnyOrderEntriesOf(Map.of("2026-11", 8, "2026-10", 5, "2026-09", 3));
    }

    @Test
    void aMonthCountedTooHighIsMadeUpForByAskingTheNextMonthAgain() {
        fill(YearMonth.of(2026, 11), 3);
        fill(YearMonth.of(2026, 10), 10);
        SortedMap<YearMonth, Integer> counts = counts("2026-11", 6, "2026-10", 2);
        ReadRecorder reads = new ReadRecorder(store, null);

        List<ListingEntry> newest = NewestEntries.of(reads, WORLD, counts, 8, Concurrently.pool("test", 4));

        assertThat(newest).isEqualTo(NewestEntries.of(store, WORLD, counts.keySet(), 8)).hasSize(8);
        assertThat(reads.reads).as("November, October for 2, then October for the 5 missing").hasValue(3);
    }

    @Test
    void whateverTheCountsSayTheResultIsTheNewestEntriesOfTheMonths() {
        Random random = new Random(11);
        Concurrently pool = Concurrently.pool("test", 3);
        for (int round = 0; round < 100; round++) {
            InMemoryListingStore months = new InMemoryListingStore();
            SortedMap<YearMonth, Integer> counts = new TreeMap<>();
            for (int m = 0; m < 1 + random.nextInt(6); m++) {
                YearMonth month = YearMonth.of(2026, 12).minusMonths(m);
                int held = random.nextInt(8);
                for (int i = 0; i < held; i++) {
                    Instant at = month.atDay(1 + i).atStartOfDay(ZoneOffset.UTC).toInstant();
                    months.putEntry(WORLD.month(month), new ListingEntry("s-" + m + "-" + i, "world", "Headline", null,
                            at, at, null, null, List.of()));
                }
                counts.put(month, random.nextBoolean() ? held : random.nextInt(8)); // right, or not
            }
            int limit = 1 + random.nextInt(12);

            assertThat(NewestEntries.of(months, WORLD, counts, limit, pool))
                    .as("round %d, counts %s, limit %d", round, counts, limit)
                    .isEqualTo(NewestEntries.of(months, WORLD, counts.keySet(), limit));
        }
    }

    /** Records how many entries each newest-first read asked for; optionally holds reads until enough run at once. */
    private static final class ReadRecorder extends ForwardingListingStore {
        private final CyclicBarrier atOnce;
        final Map<String, Integer> asked = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        ReadRecorder(ListingStore delegate, CyclicBarrier atOnce) {
            super(delegate);
            this.atOnce = atOnce;
        }

        @Override
        public List<ListingEntry> newest(ListingId month, int limit) {
            reads.incrementAndGet();
            asked.put(month.month().orElseThrow().toString(), limit);
            if (atOnce != null) {
                try {
                    atOnce.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the months were not read at once", e);
                }
            }
            return delegate.newest(month, limit);
        }
    }
}
