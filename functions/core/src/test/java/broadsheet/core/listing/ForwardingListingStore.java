package broadsheet.core.listing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A listing store that hands every call to another one: the base of the test stores that step in
 * at some calls (to interleave another writer, to contend) and forward the rest unchanged.
 * {@link ListingStore#day} is left to the interface, so it reaches {@link #entries} of the subclass.
 */
public abstract class ForwardingListingStore implements ListingStore {

    protected final ListingStore delegate;

    protected ForwardingListingStore(ListingStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        return delegate.get(id);
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        return delegate.getAll(ids);
    }

    @Override
    public boolean put(ListingId id, Listing listing, long expectedVersion) {
        return delegate.put(id, listing, expectedVersion);
    }

    @Override
    public void putEntry(ListingId month, ListingEntry entry) {
        delegate.putEntry(month, entry);
    }

    @Override
    public boolean putEntryIfAbsent(ListingId month, ListingEntry entry) {
        return delegate.putEntryIfAbsent(month, entry);
    }

    @Override
    public void removeEntry(ListingId month, Instant publishAt, String slug) {
        delegate.removeEntry(month, publishAt, slug);
    }

    @Override
    public Optional<ListingEntry> entry(ListingId month, Instant publishAt, String slug) {
        return delegate.entry(month, publishAt, slug);
    }

    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        return delegate.entries(month, from, until);
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        return delegate.newest(month, limit);
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
        return delegate.newest(month, limit, after);
    }

    @Override
    public Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys) {
        return delegate.entriesAt(collection, keys);
    }
}
