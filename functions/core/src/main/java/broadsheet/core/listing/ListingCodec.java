package broadsheet.core.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stored text form of a {@link Listing} (JSON), shared by every {@link ListingStore}. The
 * month counts are stored under their first name, {@code buckets}, so listings written before
 * the rename read the same.
 *
 * <p>A month head's hour counts ({@code 2026-11-05T14}, see {@link Listings#hourKey}) are stored
 * a day to a field, {@code "hours": {"2026-11-05": ",,3,0"}}: the counts of hours 00, 01, ... in
 * order, an empty place for an hour the head does not name (a named hour may count 0), the
 * absent hours at the end left out. A head is written on every publish into its month, and this
 * keeps it at about 2 bytes an hour instead of about 20 (docs/design-publishing.md, "Costs and
 * limits"). Heads stored with their hours among the buckets read the same.
 */
public final class ListingCodec {

    private static final Pattern HOUR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T(\\d{2})");

    /** The stored shape: {@code {"entries": [...], "buckets": {"2026-11": 3, ...}, "hours": {...}}}. */
    private record Stored(List<ListingEntry> entries, Map<String, Integer> buckets,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> hours) {
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String encode(Listing listing) {
        Map<String, Integer> buckets = new TreeMap<>();
        Map<String, List<String>> days = new TreeMap<>();
        listing.monthCounts().forEach((key, count) -> {
            Matcher hour = HOUR.matcher(key);
            if (!hour.matches()) {
                buckets.put(key, count);
                return;
            }
            List<String> places = days.computeIfAbsent(hour.group(1), day -> new ArrayList<>());
            int at = Integer.parseInt(hour.group(2));
            while (places.size() <= at) {
                places.add("");
            }
            places.set(at, Integer.toString(count));
        });
        Map<String, String> hours = new TreeMap<>();
        days.forEach((day, places) -> hours.put(day, String.join(",", places)));
        return mapper.writeValueAsString(new Stored(listing.entries(), buckets, hours));
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
        Map<String, Integer> counts = new TreeMap<>(stored.buckets() == null ? Map.of() : stored.buckets());
        if (stored.hours() != null) {
            stored.hours().forEach((day, places) -> {
                String[] split = places.split(",", -1);
                for (int at = 0; at < split.length; at++) {
                    if (!split[at].isEmpty()) {
                        counts.put(String.format("%sT%02d", day, at), Integer.parseInt(split[at]));
                    }
                }
            });
        }
        return new Listing(stored.entries() == null ? List.of() : stored.entries(), counts);
    }
}
