package broadsheet.core.listing;

import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one listing item: its entries, newest first, and (for a front) the number of
 * entries in each archive month of its collection, keyed {@code yyyy-MM}; for home, of every
 * section, keyed {@code <section>/<yyyy-MM>} (see {@link Listings#front} and {@link Listings#home}).
 * A front as stored holds no entries but their keys, {@code newest}, in the form {@link NewestKeys}
 * reads: the entries its pages show, newest first, so that a reader gets them with one Query and
 * one batch read instead of a read of each month they span ({@link NewestEntries}).
 */
public record Listing(List<ListingEntry> entries, Map<String, Integer> monthCounts, List<String> newest) {

    public static final Listing EMPTY = new Listing(List.of(), Map.of());

    public Listing {
        entries = List.copyOf(entries);
        monthCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(monthCounts));
        newest = List.copyOf(newest);
    }

    /** A listing that names no entry keys: every listing but a front as stored. */
    public Listing(List<ListingEntry> entries, Map<String, Integer> monthCounts) {
        this(entries, monthCounts, List.of());
    }
}
