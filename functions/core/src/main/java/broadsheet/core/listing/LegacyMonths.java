package broadsheet.core.listing;

import broadsheet.core.listing.ListingStore.Versioned;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Month listings stored by earlier releases: one item under the month's id holding every entry
 * (and no day counts). The first publisher (or rebuild) that meets one converts it: it puts an
 * entry item for each of its entries, unless an item already holds that key (one conditional
 * write each, {@link ListingStore#putEntryIfAbsent}), and then replaces
 * the old item by a head with the hour counts, conditionally on the version it read, so the
 * month's version goes on from the old item's and pages keep ordering by it
 * (docs/design-publishing.md, "Migration").
 */
public final class LegacyMonths {

    private LegacyMonths() {
    }

    /** True for a month item written by an earlier release: it holds entries itself. */
    public static boolean isLegacy(Listing head) {
        return !head.entries().isEmpty();
    }

    /**
     * Converts a legacy month item read at {@code read}: entry items first, then the head over the
     * version read. Returns the head now stored (converted by this call or by someone else).
     */
    public static Versioned<Listing> convert(ListingStore store, ListingId month, Versioned<Listing> read) {
        Versioned<Listing> current = read;
        while (isLegacy(current.value())) {
            Map<Instant, Integer> counts = new TreeMap<>();
            for (ListingEntry entry : current.value().entries()) {
                // conditional: an item put meanwhile (a publisher's newer entry) is never replaced
                store.putEntryIfAbsent(month, entry);
                counts.merge(Listings.hourOf(entry.publishAt()), 1, Integer::sum);
            }
            Listing head = Listings.head(Listing.EMPTY, counts);
            if (store.put(month, head, current.version())) {
                return new Versioned<>(head, current.version() + 1);
            }
            current = store.get(month).orElseThrow();
        }
        return current;
    }
}
