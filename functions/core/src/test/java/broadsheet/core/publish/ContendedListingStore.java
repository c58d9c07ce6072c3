package broadsheet.core.publish;

import broadsheet.core.listing.ForwardingListingStore;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listing store under heavy contention: some puts find that another writer has just rewritten
 * the listing (its version moved on), and reads yield to other threads to shuffle interleavings.
 * Contents are never changed by the injected writes, only versions.
 */
final class ContendedListingStore extends ForwardingListingStore {

    private final Random random;
    private final double conflictRate;
    final AtomicLong injectedConflicts = new AtomicLong();

    ContendedListingStore(ListingStore delegate, long seed, double conflictRate) {
        super(delegate);
        this.random = new Random(seed);
        this.conflictRate = conflictRate;
    }

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        shuffle();
        return delegate.get(id);
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        shuffle();
        return delegate.getAll(ids);
    }

    @Override
    public boolean put(ListingId id, Listing listing, long expectedVersion) {
        if (random.nextDouble() < conflictRate) {
            delegate.get(id).ifPresent(current -> {
                if (delegate.put(id, current.value(), current.version())) {
                    injectedConflicts.incrementAndGet();
                }
            });
        }
        shuffle();
        return delegate.put(id, listing, expectedVersion);
    }

    private void shuffle() {
        if (random.nextInt(3) == 0) {
            Thread.yield();
        }
    }

    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        shuffle();
        return delegate.entries(month, from, until);
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        shuffle();
        return delegate.newest(month, limit);
    }
}
