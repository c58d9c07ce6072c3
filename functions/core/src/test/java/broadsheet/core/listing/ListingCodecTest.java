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
    void storesAFrontsNewestKeysAndReadsAFrontStoredWithoutThemAsNamingNone() {
        var codec = new ListingCodec();
        var newest = List.of(new ListingEntry("c", "world", "C", null, Instant.parse("2026-11-29T10:00:00Z"), null,
                        null, null, List.of()),
                new ListingEntry("b", "world", "B", null, Instant.parse("2026-11-02T10:00:00Z"), null, null, null,
                        List.of()),
                new ListingEntry("a", "world", "A", null, Instant.parse("2026-08-01T00:00:00Z"), null, null, null,
                        List.of()));
        var front = NewestEntries.stored(ListingId.authorFront("ann-smith"),
                new Listing(newest, Map.of("2026-11", 2, "2026-08", 1, "v:2026-11", 4)));

        String stored = codec.encode(front);

        assertThat(stored).contains("\"newest\":[\"2026-11\",\"\",\"\",\"tj2dc0#a\"]")
                .doesNotContain("\"C\"");
        assertThat(codec.decode(stored)).isEqualTo(front);
        assertThat(NewestKeys.of(codec.decode(stored))).contains(new NewestKeys(java.time.YearMonth.of(2026, 11), 2,
                List.of("2026-08-01T00:00:00.000000000Z#a")));
        assertThat(codec.decode("{\"entries\":[],\"buckets\":{},\"months\":{\"2026\":\",,,,,,,1\"}}").newest())
                .isEmpty();
        assertThat(codec.encode(new Listing(List.of(), Map.of("2026-11", 1)))).doesNotContain("newest");
    }

    @Test
    void storesMonthCountsUnderTheirFirstNameSoStoredListingsStillRead() {
        var codec = new ListingCodec();
        String stored = "{\"entries\":[],\"buckets\":{\"2026-11\":3,\"2026-10\":1}}";

        assertThat(codec.decode(stored).monthCounts()).isEqualTo(Map.of("2026-11", 3, "2026-10", 1));
    }

    @Test
    void storesAFrontsAndHomesMonthCountsAYearToAFieldAndItsVersionsAsBuckets() {
        var codec = new ListingCodec();
        var front = new Listing(List.of(), Map.of("2026-01", 4, "2026-03", 7, "2025-12", 120, "v:2026-03", 9));
        var home = new Listing(List.of(), Map.of("world/2026-02", 5, "uk-news/2019-11", 1, "v:world", 12));

        String storedFront = codec.encode(front);
        String storedHome = codec.encode(home);

        assertThat(storedFront).contains("\"months\":{\"2025\":\",,,,,,,,,,,120\",\"2026\":\"4,,7\"}")
                .contains("\"buckets\":{\"v:2026-03\":9}");
        assertThat(storedHome).contains("\"months\":{\"uk-news/2019\":\",,,,,,,,,,1\",\"world/2026\":\",5\"}")
                .contains("\"buckets\":{\"v:world\":12}");
        assertThat(codec.decode(storedFront)).isEqualTo(front);
        assertThat(codec.decode(storedHome)).isEqualTo(home);
    }

    @Test
    void thirtyYearsOfSectionMonthsOnHomeStaySmall() {
        var codec = new ListingCodec();
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String section : List.of("world", "uk-news", "business", "science", "culture", "sport", "opinion", "tech")) {
            for (int year = 1997; year <= 2026; year++) {
                for (int month = 1; month <= 12; month++) {
                    counts.put(String.format("%s/%d-%02d", section, year, month), 120 + month);
                }
            }
        }
        String stored = codec.encode(new Listing(List.of(), counts));

        assertThat(counts).hasSize(2_880);
        assertThat(stored.length()).as("about 5 bytes a month, where a key per month took about 21")
                .isLessThan(2_880 * 6);
        assertThat(codec.decode(stored).monthCounts()).isEqualTo(counts);
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
        assertThat(codec.encode(new Listing(List.of(), Map.of("2026-11-05T02", 3)))).doesNotContain("months");
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
