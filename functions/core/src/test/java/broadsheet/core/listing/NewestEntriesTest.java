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

    private static ListingEntry entry(String slug, Instant at) {
        return new ListingEntry(slug, "world", "Headline", null, at, at, null, null, List.of());
    }

    /** The counts of every month of WORLD the store holds entries in, and a front of them as stored. */
    private static Listing storedFront(InMemoryListingStore months, int frontSize) {
        SortedMap<YearMonth, Integer> counts = trueCounts(months);
        Map<String, Integer> monthCounts = new TreeMap<>();
        counts.forEach((month, count) -> monthCounts.put(month.toString(), count));
        return NewestEntries.stored(WORLD.front(),
                new Listing(NewestEntries.of(months, WORLD, counts.keySet(), frontSize), monthCounts));
    }

    private static SortedMap<YearMonth, Integer> trueCounts(InMemoryListingStore months) {
        SortedMap<YearMonth, Integer> counts = new TreeMap<>();
        months.allEntries().forEach((month, entries) -> counts.put(month.month().orElseThrow(), entries.size()));
        return counts;
    }

    @Test
    void aFrontWhoseEntriesSpanEighteenMonthsIsReadWithOneQueryAndOneBatchRead() {
        fill(YearMonth.of(2026, 12), 3);
        for (int m = 1; m <= 17; m++) {
            fill(YearMonth.of(2026, 12).minusMonths(m), 1);
        }
        Listing stored = storedFront(store, 20);
        ReadRecorder reads = new ReadRecorder(store, null);

        Listing front = NewestEntries.front(reads, WORLD.front(), stored, 20, Concurrently.pool("test", 4));

        assertThat(front.entries()).isEqualTo(NewestEntries.of(store, WORLD, trueCounts(store).keySet(), 20)).hasSize(20);
        assertThat(reads.asked).as("one Query: the newest month").containsOnlyKeys("2026-12");
        assertThat(reads.batches).as("one batch read of the 17 entries of older months").containsExactly(17);
        assertThat(stored.newest()).as("the month, 3 of it, and the keys of the 17 others").hasSize(21)
                .startsWith("2026-12", "", "", "");
    }

    @Test
    void aFrontWhoseEntriesAreAllBeforeTheNewsWindowIsNotReadForIt() {
        fill(YearMonth.of(2026, 10), 30);
        fill(YearMonth.of(2026, 9), 30);
        Listing stored = storedFront(store, 50);
        ReadRecorder reads = new ReadRecorder(store, null);

        Listing window = NewestEntries.frontAfter(reads, WORLD.front(), stored, 50, Instant.parse("2026-12-03T00:00:00Z"),
                Concurrently.pool("test", 4));

        assertThat(window.entries()).isEmpty();
        assertThat(reads.reads).as("no Query").hasValue(0);
        assertThat(reads.batches).as("no batch read").isEmpty();
        assertThat(NewestEntries.frontAfter(reads, WORLD.front(), stored, 50, Instant.parse("2026-10-28T00:00:00Z"),
                Concurrently.pool("test", 4)).entries()).as("a window reaching into October")
                .isEqualTo(NewestEntries.of(store, WORLD, trueCounts(store).keySet(), 50).stream()
                        .filter(e -> e.publishAt().isAfter(Instant.parse("2026-10-28T00:00:00Z"))).toList())
                .isNotEmpty();
        assertThat(reads.asked).as("October alone").containsOnlyKeys("2026-10");
    }

    /**
     * A front recompute from the keys its front stores gives what reading every month gives, after
     * any entries added to the months the change wrote and any removed anywhere (a removal in a
     * month the change did not write, and whose own front write is still to come, shows as a key
     * whose item is gone; the months are read then), whatever the front size; and so does a read
     * of the front's entries after a time (home's news window).
     */
    @Test
    void theKeysAFrontStoresGiveWhatReadingItsMonthsGivesAfterAnyWriteOfTheChange() {
        Random random = new Random(17);
        Concurrently pool = Concurrently.pool("test", 3);
        YearMonth newest = YearMonth.of(2026, 12);
        int fellBack = 0;
        for (int round = 0; round < 400; round++) {
            InMemoryListingStore months = new InMemoryListingStore();
            int serial = 0;
            int monthsHeld = 1 + random.nextInt(8);
            for (int m = 0; m < monthsHeld; m++) {
                YearMonth month = newest.minusMonths(random.nextInt(24));
                for (int i = random.nextInt(6); i > 0; i--) {
                    months.putEntry(WORLD.month(month), entry("s" + serial++, randomTime(random, month)));
                }
            }
            int frontSize = 1 + random.nextInt(10);
            Listing stored = storedFront(months, frontSize);
            java.util.Set<YearMonth> written = new java.util.TreeSet<>();
            for (int edit = random.nextInt(4); edit > 0; edit--) {
                YearMonth month = newest.minusMonths(random.nextInt(random.nextBoolean() ? 2 : 24));
                if (random.nextBoolean()) {
                    written.add(month);
                    months.putEntry(WORLD.month(month), entry("s" + serial++, randomTime(random, month)));
                } else {
                    List<ListingEntry> held = months.allEntries().getOrDefault(WORLD.month(month), List.of());
                    if (!held.isEmpty()) {
                        ListingEntry gone = held.get(random.nextInt(held.size()));
                        months.removeEntry(WORLD.month(month), gone.publishAt(), gone.slug());
                        if (random.nextBoolean()) {
                            written.add(month);
                        }
                    }
                }
            }
            // now and then the front's size grew or shrank since it was stored
            int storedSize = frontSize;
            int resize = random.nextInt(5);
            frontSize = resize == 0 ? storedSize + 1 + random.nextInt(3)
                    : resize == 1 && storedSize > 1 ? 1 + random.nextInt(storedSize - 1) : storedSize;
            SortedMap<YearMonth, Integer> counts = trueCounts(months);
            List<ListingEntry> expected = NewestEntries.of(months, WORLD, counts.keySet(), frontSize);
            String state = "round " + round + ", front size " + storedSize + " then " + frontSize + ", stored "
                    + stored.newest() + ", written " + written;

            assertThat(NewestEntries.afterWrites(months, WORLD, stored, written, counts, frontSize, pool))
                    .as(state).isEqualTo(expected);
            if (NewestEntries.byKeys(months, WORLD, stored, written, Optional.empty(), frontSize, pool).isEmpty()) {
                fellBack++;
            }
            Instant after = randomTime(random, newest.minusMonths(random.nextInt(3)));
            assertThat(NewestEntries.frontAfter(months, WORLD.front(), storedFront(months, storedSize), frontSize,
                    after, pool).entries())
                    .as(state + ", after " + after)
                    .isEqualTo(expected.stream().filter(e -> e.publishAt().isAfter(after)).toList());
        }
        assertThat(fellBack).as("rounds whose keys did not add up (read from the months)").isBetween(1, 200);
    }

    private static Instant randomTime(Random random, YearMonth month) {
        return month.atDay(1 + random.nextInt(month.lengthOfMonth())).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(random.nextInt(86_400));
    }

    /** Records how many entries each newest-first read asked for; optionally holds reads until enough run at once. */
    private static final class ReadRecorder extends ForwardingListingStore {
        private final CyclicBarrier atOnce;
        final Map<String, Integer> asked = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        final List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());

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

        @Override
        public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
            reads.incrementAndGet();
            asked.put(month.month().orElseThrow().toString(), limit);
            return delegate.newest(month, limit, after);
        }

        @Override
        public Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys) {
            batches.add(keys.size());
            return delegate.entriesAt(collection, keys);
        }
    }
}
