package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned listing items that listing pages (section fronts, archives, home, feeds) are
 * rendered from, and the entry items of month listings. Reads are strongly consistent; a write of
 * a versioned item succeeds only over the version it read, so two publishers updating one listing
 * cannot lose an entry.
 *
 * <p>A month listing ({@link ListingId.Kind#isMonth()}) is kept as one <em>entry item</em> per
 * article, keyed by its publish time and slug ({@link #putEntry}, {@link #removeEntry}), and a
 * versioned <em>head</em> stored under the month's id with {@link #get}/{@link #put}: no entries,
 * and the entry count of each day of the month, keyed {@code yyyy-MM-dd}. No item grows with the
 * number of articles in the month (docs/design-publishing.md, "Month listings: one item per entry").
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

    /** Puts the entry item of {@code entry} into a month listing (replacing the item of the same publish time and slug). */
    void putEntry(ListingId month, ListingEntry entry);

    /**
     * Puts the entry item of {@code entry} unless the month holds an item of that publish time and
     * slug, in one conditional write: an item written meanwhile by someone else is never replaced.
     * What a month stored by an earlier release is converted with ({@link LegacyMonths}).
     *
     * @return false when an item was there (left as it is)
     */
    boolean putEntryIfAbsent(ListingId month, ListingEntry entry);

    /** Deletes the entry item of this publish time and slug from a month listing; nothing happens when there is none. */
    void removeEntry(ListingId month, Instant publishAt, String slug);

    /** The entry item of this publish time and slug, strongly consistent. */
    Optional<ListingEntry> entry(ListingId month, Instant publishAt, String slug);

    /**
     * Every entry of a month listing whose publish time is in {@code [from, until)}, oldest first
     * ({@link Listings#OLDEST_FIRST}): a strongly consistent range read, paged by the store.
     */
    List<ListingEntry> entries(ListingId month, Instant from, Instant until);

    /** The newest {@code limit} entries of a month listing, newest first: one strongly consistent read. */
    List<ListingEntry> newest(ListingId month, int limit);

    /**
     * The newest {@code limit} entries of a month listing published after {@code after}, newest
     * first: one strongly consistent read of those entries alone.
     */
    List<ListingEntry> newest(ListingId month, int limit, Instant after);

    /**
     * The entry items of a collection at these entry keys ({@link Listings#entryKey}, each in the
     * month listing of its publish time), by key: strongly consistent reads of those items alone,
     * batched by the store; a key with no item is absent from the map.
     */
    Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys);

    /** Every entry of one UTC day of a month listing, oldest first. */
    default List<ListingEntry> day(ListingId month, LocalDate day) {
        return entries(month, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    record Versioned<T>(T value, long version) {
    }
}
