package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned listing items that listing pages (section fronts, archives, home, feeds) are
 * rendered from. Reads are strongly consistent; a write succeeds only over the version it read,
 * so two publishers updating one listing cannot lose an entry.
 */
public interface ListingStore {

    Optional<Versioned<Listing>> get(ListingId id);

    /** Strongly consistent reads of several listings; missing ones are absent from the map. */
    Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids);

    /**
     * Writes the listing as version {@code expectedVersion + 1} when the stored version is still
     * {@code expectedVersion} (0: the listing must not exist yet).
     *
     * @return false when another writer got there first; the caller re-reads and retries
     */
    boolean put(ListingId id, Listing listing, long expectedVersion);

    record Versioned<T>(T value, long version) {
    }
}
