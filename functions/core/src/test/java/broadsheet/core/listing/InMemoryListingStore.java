package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.ListingStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ListingStore} in memory, for tests, the export command and benchmarks. Thread-safe;
 * every put is one atomic compare-and-set on the listing's version. Listings and entry items are
 * kept in their stored JSON form ({@link ListingCodec}), as the table keeps them; entry items of a
 * month in the order of their keys ({@link Listings#entryKey}).
 */
public final class InMemoryListingStore implements ListingStore, ListingScan {

    private record Item(String doc, long version) {
    }

    private final ListingCodec codec = new ListingCodec();
    private final ConcurrentHashMap<ListingId, Item> items = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ListingId, ConcurrentSkipListMap<String, String>> entryItems =
            new ConcurrentHashMap<>();

    @Override
    public void putEntry(ListingId month, ListingEntry entry) {
        entriesOf(month).put(Listings.entryKey(entry.publishAt(), entry.slug()), codec.encodeEntry(entry));
    }

    @Override
    public boolean putEntryIfAbsent(ListingId month, ListingEntry entry) {
        return entriesOf(month).putIfAbsent(Listings.entryKey(entry.publishAt(), entry.slug()),
                codec.encodeEntry(entry)) == null;
    }

    /** The entry items of a month listing, by entry key (made empty on first use). */
    private ConcurrentSkipListMap<String, String> entriesOf(ListingId month) {
        requireMonth(month);
        return entryItems.computeIfAbsent(month, m -> new ConcurrentSkipListMap<>());
    }

    @Override
    public void removeEntry(ListingId month, Instant publishAt, String slug) {
        requireMonth(month);
        var entries = entryItems.get(month);
        if (entries != null) {
            entries.remove(Listings.entryKey(publishAt, slug));
        }
    }

    @Override
    public Optional<ListingEntry> entry(ListingId month, Instant publishAt, String slug) {
        var entries = entryItems.get(month);
        String doc = entries == null ? null : entries.get(Listings.entryKey(publishAt, slug));
        return Optional.ofNullable(doc).map(codec::decodeEntry);
    }

    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        var entries = entryItems.get(month);
        if (entries == null || !from.isBefore(until)) {
            return List.of();
        }
        return entries.subMap(Listings.entryKey(from, ""), Listings.entryKey(until, "")).values().stream()
                .map(codec::decodeEntry).toList();
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        var entries = entryItems.get(month);
        if (entries == null) {
            return List.of();
        }
        return entries.descendingMap().values().stream().limit(limit).map(codec::decodeEntry).toList();
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
        var entries = entryItems.get(month);
        if (entries == null) {
            return List.of();
        }
        return entries.tailMap(Listings.entryKey(after.plusNanos(1), "")).descendingMap().values().stream()
                .limit(limit).map(codec::decodeEntry).toList();
    }

    @Override
    public Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys) {
        Map<String, ListingEntry> found = new TreeMap<>();
        for (String key : keys) {
            var entries = entryItems.get(collection.month(Listings.monthOfKey(key)));
            String doc = entries == null ? null : entries.get(key);
            if (doc != null) {
                found.put(key, codec.decodeEntry(doc));
            }
        }
        return found;
    }

    /** Every entry item of every month listing, by month (for checks). */
    public Map<ListingId, List<ListingEntry>> allEntries() {
        Map<ListingId, List<ListingEntry>> all = new TreeMap<>();
        entryItems.forEach((month, entries) -> {
            if (!entries.isEmpty()) {
                all.put(month, entries.values().stream().map(codec::decodeEntry).toList());
            }
        });
        return all;
    }

    private static void requireMonth(ListingId month) {
        if (!month.kind().isMonth()) {
            throw new IllegalArgumentException("entries belong to month listings: " + month);
        }
    }

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
