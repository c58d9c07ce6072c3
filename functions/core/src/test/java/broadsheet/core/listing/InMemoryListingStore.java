package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.ListingStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ListingStore} in memory, for tests, the export command and benchmarks. Thread-safe;
 * every put is one atomic compare-and-set on the listing's version. Listings are kept in their
 * stored JSON form ({@link ListingCodec}), as the table keeps them.
 */
public final class InMemoryListingStore implements ListingStore, ListingScan {

    private record Item(String doc, long version) {
    }

    private final ListingCodec codec = new ListingCodec();
    private final ConcurrentHashMap<ListingId, Item> items = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        Item item = items.get(id);
        return item == null ? Optional.empty() : Optional.of(new Versioned<>(codec.decode(item.doc()), item.version()));
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        Map<ListingId, Versioned<Listing>> found = new TreeMap<>();
        for (ListingId id : ids) {
            get(id).ifPresent(listing -> found.put(id, listing));
        }
        return found;
    }

    @Override
    public boolean put(ListingId id, Listing listing, long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative: " + expectedVersion);
        }
        String doc = codec.encode(listing);
        AtomicBoolean written = new AtomicBoolean();
        items.compute(id, (key, current) -> {
            long currentVersion = current == null ? 0 : current.version();
            if (currentVersion != expectedVersion) {
                return current;
            }
            written.set(true);
            return new Item(doc, expectedVersion + 1);
        });
        return written.get();
    }

    /**
     * Listings in id order; a listing's segment is its id's hash modulo {@code segments}; the
     * cursor is the last id returned.
     */
    @Override
    public ScanPage scan(int segment, int segments, Optional<String> cursor, int limit) {
        ListingScan.checkSegment(segment, segments, limit);
        List<ListingId> ids = items.keySet().stream()
                .filter(id -> Math.floorMod(id.value().hashCode(), segments) == segment)
                .filter(id -> cursor.isEmpty() || id.value().compareTo(cursor.get()) > 0)
                .sorted().limit(limit + 1L).toList();
        Map<ListingId, Versioned<Listing>> page = new TreeMap<>();
        ids.stream().limit(limit).forEach(id -> get(id).ifPresent(listing -> page.put(id, listing)));
        Optional<String> next = ids.size() > limit ? Optional.of(ids.get(limit - 1).value()) : Optional.empty();
        return new ScanPage(page, next);
    }

    /** Every stored listing id, in order. */
    public List<ListingId> ids() {
        return items.keySet().stream().sorted().toList();
    }
}
