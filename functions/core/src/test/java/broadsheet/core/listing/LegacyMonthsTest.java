package broadsheet.core.listing;

import broadsheet.core.listing.ListingStore.Versioned;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyMonthsTest {

    private static final ListingId MONTH = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
    private static final Instant FIRST = Instant.parse("2026-11-03T09:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-04T14:30:00Z");

    private final InMemoryListingStore store = new InMemoryListingStore();

    @Test
    void aConversionPutsAnEntryItemForEveryEntryAndReplacesTheOldItemByAHeadOfTheNextVersion() {
        Versioned<Listing> read = legacyMonth(entry("ports", "Ports reopen", FIRST), entry("talks", "Talks resume", SECOND));

        Versioned<Listing> head = LegacyMonths.convert(store, MONTH, read);

        assertThat(head.version()).isEqualTo(6);
        assertThat(LegacyMonths.isLegacy(store.get(MONTH).orElseThrow().value())).isFalse();
        assertThat(store.allEntries().get(MONTH)).extracting(ListingEntry::slug).containsExactly("ports", "talks");
    }

    /**
     * A publisher that edits an article of the old month puts its entry item before it reaches the
     * head (and converts it there). A converter that found no item for that entry and then wrote
     * the old item's copy of it would replace the publisher's newer entry: the converter's write is
     * one conditional write, so the newer entry stays.
     */
    @Test
    void anEntryItemPutWhileTheMonthIsConvertedIsNotReplacedByTheOldItemsCopy() {
        ListingEntry old = entry("talks", "Talks resume", SECOND);
        Versioned<Listing> read = legacyMonth(entry("ports", "Ports reopen", FIRST), old);
        ListingEntry edited = entry("talks", "Talks resume after a night of bargaining", SECOND);
        PutBeforeConverter racing = new PutBeforeConverter(store, edited);

        LegacyMonths.convert(racing, MONTH, read);

        assertThat(racing.raced).as("the other writer's put came between").isTrue();
        assertThat(store.entry(MONTH, SECOND, "talks")).map(ListingEntry::headline)
                .contains("Talks resume after a night of bargaining");
        assertThat(store.entry(MONTH, FIRST, "ports")).map(ListingEntry::headline).contains("Ports reopen");
    }

    /** A month item as an earlier release stored it (its entries in the item), at version 5. */
    private Versioned<Listing> legacyMonth(ListingEntry... newestLast) {
        List<ListingEntry> newestFirst = new ArrayList<>(List.of(newestLast));
        Collections.reverse(newestFirst);
        Listing legacy = new Listing(newestFirst, Map.of());
        for (long version = 0; version < 5; version++) {
            assertThat(store.put(MONTH, legacy, version)).isTrue();
        }
        return store.get(MONTH).orElseThrow();
    }

    private static ListingEntry entry(String slug, String headline, Instant at) {
        return new ListingEntry(slug, "world", headline, null, at, at, null, null, List.of());
    }

    /**
     * Another writer puts {@code newer} just before the converter writes its copy of that entry
     * (whichever write the converter uses), once.
     */
    private static final class PutBeforeConverter extends ForwardingListingStore {

        private final ListingEntry newer;
        private boolean raced;

        PutBeforeConverter(ListingStore delegate, ListingEntry newer) {
            super(delegate);
            this.newer = newer;
        }

        @Override
        public void putEntry(ListingId month, ListingEntry entry) {
            raceBefore(month, entry);
            super.putEntry(month, entry);
        }

        @Override
        public boolean putEntryIfAbsent(ListingId month, ListingEntry entry) {
            raceBefore(month, entry);
            return super.putEntryIfAbsent(month, entry);
        }

        private void raceBefore(ListingId month, ListingEntry entry) {
            if (!raced && entry.slug().equals(newer.slug()) && entry.publishAt().equals(newer.publishAt())) {
                raced = true;
                delegate.putEntry(month, newer);
            }
        }
    }
}
