package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListingCodecTest {

    @Test
    void roundTripsAListingWithUnicodeText() {
        var entry = new ListingEntry("kyiv-talks", "world", "Київ: talks resume — 東京 🚀", "Standfirst",
                Instant.parse("2026-11-29T10:15:30Z"), Instant.parse("2026-11-29T11:00:00Z"),
                "media/kyiv.jpg", "Delegates at the table", List.of("Ann Smith"));
        var listing = new Listing(List.of(entry), Map.of("2026-11", 1));
        var codec = new ListingCodec();

        assertThat(codec.decode(codec.encode(listing))).isEqualTo(listing);
    }

    @Test
    void roundTripsTagsAndReadsAnEntryWrittenBeforeEntriesHadTags() {
        var codec = new ListingCodec();
        var tagged = new Listing(List.of(new ListingEntry("summit", "world", "Summit", null,
                Instant.parse("2026-11-29T10:15:30Z"), null, null, null, List.of("Ann Smith"), List.of("NATO", "Défense"))),
                Map.of());
        assertThat(codec.decode(codec.encode(tagged))).isEqualTo(tagged);

        String withoutTags = codec.encode(tagged).replaceAll(",?\\s*\"tags\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertThat(withoutTags).doesNotContain("tags");
        assertThat(codec.decode(withoutTags).entries().get(0).tags()).isEmpty();
    }

    @Test
    void storesMonthCountsUnderTheirFirstNameSoStoredListingsStillRead() {
        var codec = new ListingCodec();
        String stored = "{\"entries\":[],\"buckets\":{\"2026-11\":3,\"2026-10\":1}}";

        assertThat(codec.decode(stored).monthCounts()).isEqualTo(Map.of("2026-11", 3, "2026-10", 1));
        assertThat(codec.encode(new Listing(List.of(), Map.of("2026-11", 3)))).contains("\"buckets\":{\"2026-11\":3}");
    }
    @Test
    void storesAHeadsHourCountsADayToAFieldKeepingHoursNamedAtZero() {
        var codec = new ListingCodec();
        var head = new Listing(List.of(), Map.of("2026-11-05T02", 3, "2026-11-05T03", 0, "2026-11-05T23", 12,
                "2026-11-30T00", 1, "v:section/world/front", 7));

        String stored = codec.encode(head);

        assertThat(stored).contains("\"hours\":{\"2026-11-05\":\",,3,0,,,,,,,,,,,,,,,,,,,,12\",\"2026-11-30\":\"1\"}")
                .contains("\"buckets\":{\"v:section/world/front\":7}");
        assertThat(codec.decode(stored)).isEqualTo(head);
    }

    @Test
    void readsAHeadStoredWithItsHoursAmongTheBuckets() {
        var codec = new ListingCodec();
        String stored = "{\"entries\":[],\"buckets\":{\"2026-11-05T02\":3,\"2026-11-05T03\":0}}";

        assertThat(codec.decode(stored).monthCounts()).isEqualTo(Map.of("2026-11-05T02", 3, "2026-11-05T03", 0));
        assertThat(codec.encode(new Listing(List.of(), Map.of("2026-11", 3)))).doesNotContain("hours");
    }

    @Test
    void aFullMonthOfHoursStaysSmall() {
        var codec = new ListingCodec();
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int day = 1; day <= 31; day++) {
            for (int hour = 0; hour < 24; hour++) {
                counts.put(String.format("2026-12-%02dT%02d", day, hour), 9);
            }
        }
        String stored = codec.encode(new Listing(List.of(), counts));

        assertThat(stored.length()).isLessThan(2_000);
        assertThat(codec.decode(stored).monthCounts()).isEqualTo(counts);
    }
}
