package broadsheet.core.publish;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one listing item: its entries, newest first, and (for a section head) the
 * number of entries in each archive bucket of the section.
 */
public record Listing(List<ListingEntry> entries, Map<String, Integer> buckets) {

    public static final Listing EMPTY = new Listing(List.of(), Map.of());

    public Listing {
        entries = List.copyOf(entries);
        buckets = java.util.Collections.unmodifiableMap(new TreeMap<>(buckets));
    }
}
