package broadsheet.core.publish;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the requests made to a listing store and the listings read and written. */
final class CountingListingStore implements ListingStore {

    private final ListingStore delegate;
    final AtomicLong readRequests = new AtomicLong();
    final AtomicLong listingsRead = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong failedWrites = new AtomicLong();
    /** Entry items put or deleted (also counted in {@link #writes}). */
    final AtomicLong entryWrites = new AtomicLong();
    /** Entry items read by entry reads, day reads and newest-first reads. */
    final AtomicLong entriesRead = new AtomicLong();
    /** Bytes of the listing and entry documents written. */
    final AtomicLong bytesWritten = new AtomicLong();
    private final ListingCodec codec = new ListingCodec();

    CountingListingStore(ListingStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        readRequests.incrementAndGet();
        listingsRead.incrementAndGet();
        return delegate.get(id);
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        readRequests.incrementAndGet();
        listingsRead.addAndGet(ids.size());
        return delegate.getAll(ids);
    }

    @Override
    public boolean put(ListingId id, Listing listing, long expectedVersion) {
        boolean written = delegate.put(id, listing, expectedVersion);
        (written ? writes : failedWrites).incrementAndGet();
        if (written) {
            bytesWritten.addAndGet(codec.encode(listing).length());
        }
        return written;
    }

    @Override
    public void putEntry(ListingId month, ListingEntry entry) {
        writes.incrementAndGet();
        entryWrites.incrementAndGet();
        bytesWritten.addAndGet(codec.encodeEntry(entry).length());
        delegate.putEntry(month, entry);
    }

    @Override
    public boolean putEntryIfAbsent(ListingId month, ListingEntry entry) {
        boolean written = delegate.putEntryIfAbsent(month, entry);
        (written ? writes : failedWrites).incrementAndGet();
        entryWrites.incrementAndGet();
        if (written) {
            bytesWritten.addAndGet(codec.encodeEntry(entry).length());
        }
        return written;
    }

    @Override
    public void removeEntry(ListingId month, Instant publishAt, String slug) {
        writes.incrementAndGet();
        entryWrites.incrementAndGet();
        delegate.removeEntry(month, publishAt, slug);
    }

    @Override
    public Optional<ListingEntry> entry(ListingId month, Instant publishAt, String slug) {
        readRequests.incrementAndGet();
        Optional<ListingEntry> entry = delegate.entry(month, publishAt, slug);
        entriesRead.addAndGet(entry.isPresent() ? 1 : 0);
        return entry;
    }

    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        return counted(delegate.entries(month, from, until));
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        return counted(delegate.newest(month, limit));
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
        return counted(delegate.newest(month, limit, after));
    }

    @Override
    public Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys) {
        readRequests.incrementAndGet();
        Map<String, ListingEntry> found = delegate.entriesAt(collection, keys);
        entriesRead.addAndGet(found.size());
        return found;
    }

    /** One read request that returned {@code entries}. */
    private List<ListingEntry> counted(List<ListingEntry> entries) {
        readRequests.incrementAndGet();
        entriesRead.addAndGet(entries.size());
        return entries;
    }
}
