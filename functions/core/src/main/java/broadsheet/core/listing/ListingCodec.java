package broadsheet.core.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
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
 *
 * <p>The month counts of a front ({@code 2026-11}) and of home ({@code world/2026-11}) are stored
 * a year to a field in the same way, {@code "months": {"2026": "4,,7"}, "world/2026": ...}}: the
 * counts of January, February, ... in order, an empty place for a month not counted. Fronts and
 * home are written on every publish and count every month of their history: this keeps a month at
 * about 3 bytes instead of about 15 (20 on home). Counts stored among the buckets read the same.
 *
 * <p>A front's {@code newest} keys ({@link NewestKeys}) are stored as a list; a listing stored without them reads
 * with none (a front of an earlier release: its readers read its months).
 */
public final class ListingCodec {

    private static final Pattern HOUR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T(\\d{2})");

    /** A month count's key: a front's {@code yyyy-MM}, or home's {@code <section>/yyyy-MM}. */
    private static final Pattern MONTH = Pattern.compile("((?:[^/:]+/)?\\d{4})-(0[1-9]|1[0-2])");

    /**
     * The stored shape: {@code {"entries": [...], "buckets": {"v:2026-11": 3, ...}, "hours": {...},
     * "months": {...}, "newest": ["2026-11", "", "tplbx6#slug", ...]}}.
     */
    private record Stored(List<ListingEntry> entries, Map<String, Integer> buckets,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> hours,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> months,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> newest) {
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String encode(Listing listing) {
        Map<String, Integer> buckets = new TreeMap<>();
        Map<String, List<String>> days = new TreeMap<>();
        Map<String, List<String>> years = new TreeMap<>();
        listing.monthCounts().forEach((key, count) -> {
            Matcher hour = HOUR.matcher(key);
            Matcher month = MONTH.matcher(key);
            if (hour.matches()) {
                place(days, hour.group(1), Integer.parseInt(hour.group(2)), count);
            } else if (month.matches()) {
                place(years, month.group(1), Integer.parseInt(month.group(2)) - 1, count);
            } else {
                buckets.put(key, count);
            }
        });
        return mapper.writeValueAsString(new Stored(listing.entries(), buckets, joined(days), joined(years),
                listing.newest()));
    }

    /** Sets place {@code at} of the field {@code field}, the places before it left empty. */
    private static void place(Map<String, List<String>> fields, String field, int at, int count) {
        List<String> places = fields.computeIfAbsent(field, f -> new ArrayList<>());
        while (places.size() <= at) {
            places.add("");
        }
        places.set(at, Integer.toString(count));
    }

    private static Map<String, String> joined(Map<String, List<String>> fields) {
        Map<String, String> joined = new TreeMap<>();
        fields.forEach((field, places) -> joined.put(field, String.join(",", places)));
        return joined;
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
        unplace(stored.hours(), (day, at) -> String.format("%sT%02d", day, at), counts);
        unplace(stored.months(), (year, at) -> String.format("%s-%02d", year, at + 1), counts);
        return new Listing(stored.entries() == null ? List.of() : stored.entries(), counts,
                stored.newest() == null ? List.of() : stored.newest());
    }

    /** Puts the count of every non-empty place of every field into {@code counts}, under {@code key}(field, place). */
    private static void unplace(Map<String, String> fields, BiFunction<String, Integer, String> key,
                                Map<String, Integer> counts) {
        if (fields == null) {
            return;
        }
        fields.forEach((field, places) -> {
            String[] split = places.split(",", -1);
            for (int at = 0; at < split.length; at++) {
                if (!split[at].isEmpty()) {
                    counts.put(key.apply(field, at), Integer.parseInt(split[at]));
                }
            }
        });
    }
}
