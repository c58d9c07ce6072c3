package broadsheet.core.listing;

import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The stored text form of a {@link Listing} (JSON), shared by every {@link ListingStore}. The
 * month counts are stored under their first name, {@code buckets}, so listings written before
 * the rename read the same.
 */
public final class ListingCodec {

    /** The stored shape: {@code {"entries": [...], "buckets": {"2026-11": 3, ...}}}. */
    private record Stored(List<ListingEntry> entries, Map<String, Integer> buckets) {
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String encode(Listing listing) {
        return mapper.writeValueAsString(new Stored(listing.entries(), listing.monthCounts()));
    }

    /** One entry item's text form (the same JSON as an entry inside a listing). */
    public String encodeEntry(ListingEntry entry) {
        return mapper.writeValueAsString(entry);
    }

    public ListingEntry decodeEntry(String text) {
        return mapper.readValue(text, ListingEntry.class);
    }

    public Listing decode(String text) {
        Stored stored = mapper.readValue(text, Stored.class);
        return new Listing(stored.entries(), stored.buckets());
    }
}
