package broadsheet.core.publish;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;

import java.util.Collection;
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
        return written;
    }
}
