package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listings;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingsTest {

    private static final DateTimeFormatter HOUR_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static ListingEntry entry(String slug, String section, String publishAt) {
        Instant at = Instant.parse(publishAt);
        return new ListingEntry(slug, section, "Headline " + slug, null, at, at, null, null, List.of());
    }

    private final ListingEntry older = entry("older", "world", "2026-11-01T00:00:00Z");
    private final ListingEntry newer = entry("newer", "world", "2026-11-20T00:00:00Z");
    private final ListingEntry tieA = entry("a-tie", "world", "2026-11-10T00:00:00Z");
    private final ListingEntry tieB = entry("b-tie", "world", "2026-11-10T00:00:00Z");

    @Test
    void upsertKeepsEntriesNewestFirstThenBySlugDescendingTheReverseOfTheEntryKeys() {
        Listing listing = Listing.EMPTY;
        for (ListingEntry e : List.of(tieB, older, newer, tieA)) {
            listing = Listings.upsert(listing, e);
        }

        assertThat(listing.entries()).containsExactly(newer, tieB, tieA, older);
        assertThat(Listings.entryKey(tieA.publishAt(), tieA.slug()))
                .isLessThan(Listings.entryKey(tieB.publishAt(), tieB.slug()))
                .isGreaterThan(Listings.entryKey(older.publishAt(), older.slug()));
    }

    @Test
    void upsertReplacesTheEntryOfTheSameSlug() {
        Listing listing = new Listing(List.of(newer, older), Map.of());
        ListingEntry moved = entry("older", "world", "2026-11-25T00:00:00Z");

        assertThat(Listings.upsert(listing, moved).entries()).containsExactly(moved, newer);
        assertThat(Listings.upsert(listing, older)).isEqualTo(listing);
    }

    @Test
    void removeDropsOnlyThatSlug() {
        Listing listing = new Listing(List.of(newer, older), Map.of());

        assertThat(Listings.remove(listing, "newer").entries()).containsExactly(older);
        assertThat(Listings.remove(listing, "absent")).isEqualTo(listing);
    }

    @Test
    void frontRefreshesCountsOfMonthsReadAndCarriesTheOthers() {
        Listing previous = new Listing(List.of(), Map.of("2026-11", 7, "2026-10", 3, "2026-09", 4));
        Map<YearMonth, Listing> read = Map.of(
                YearMonth.of(2026, 11), new Listing(List.of(newer, older), Map.of()),
                YearMonth.of(2026, 10), Listing.EMPTY,
                YearMonth.of(2026, 12), new Listing(List.of(entry("december", "world", "2026-12-01T00:00:00Z")), Map.of()));

        Listing front = Listings.front(previous, read, 2);

        assertThat(front.monthCounts()).isEqualTo(Map.of("2026-12", 1, "2026-11", 2, "2026-09", 4));
        assertThat(front.entries()).extracting(ListingEntry::slug).containsExactly("december", "newer");
    }

    @Test
    void homeTakesTheNewestOfEveryFrontAndKeysCountsBySection() {
        ListingEntry sport = entry("match", "sport", "2026-11-15T00:00:00Z");
        Map<String, Listing> fronts = Map.of(
                "world", new Listing(List.of(newer, older), Map.of("2026-11", 2)),
                "sport", new Listing(List.of(sport), Map.of("2026-11", 1, "2026-08", 5)));

        Listing home = Listings.home(fronts, 2);

        assertThat(home.entries()).containsExactly(newer, sport);
        assertThat(home.monthCounts()).isEqualTo(Map.of("world/2026-11", 2, "sport/2026-11", 1, "sport/2026-08", 5));
    }

    @Test
    void monthIsTheUtcMonthOfThePublishTime() {
        assertThat(Listings.monthOf(Instant.parse("2026-10-31T23:59:59Z"))).isEqualTo(YearMonth.of(2026, 10));
        assertThat(Listings.monthOf(Instant.parse("2026-11-01T00:00:00Z"))).isEqualTo(YearMonth.of(2026, 11));
    }

    @Test
    void hourKeysReadAsInstantParseReadsThemEveryHourOfALeapYearAndItsEdges() {
        for (Instant hour = Instant.parse("2024-01-01T00:00:00Z"); hour.isBefore(Instant.parse("2025-01-02T00:00:00Z"));
             hour = hour.plusSeconds(3600)) {
            String key = Listings.hourKey(hour);
            assertThat(key).isEqualTo(HOUR_KEY.format(hour));
            assertThat(Listings.hourKey(hour.plusSeconds(3599).plusNanos(999_999_999))).isEqualTo(key);
            assertThat(Listings.isHourKey(key)).as(key).isTrue();
            assertThat(Listings.parseHour(key)).as(key).isEqualTo(hour).isEqualTo(Instant.parse(key + ":00:00Z"));
        }
        for (String far : List.of("0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-06-01T05:00:00Z", "9999-12-31T23:00:00Z")) {
            assertThat(Listings.hourKey(Instant.parse(far))).isEqualTo(HOUR_KEY.format(Instant.parse(far)));
        }
        assertThat(Listings.parseHour("0999-12-31T23")).isEqualTo(Instant.parse("0999-12-31T23:00:00Z"));
        assertThat(Listings.parseHour("2026-11-30T24")).isEqualTo(Instant.parse("2026-11-30T24:00:00Z"))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        for (String invalid : List.of("2026-02-29T00", "2026-13-01T00", "2026-00-01T00", "2026-04-31T00", "2026-11-00T00")) {
            assertThatThrownBy(() -> Instant.parse(invalid + ":00:00Z")).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Listings.parseHour(invalid)).as(invalid).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void onlyKeysOfFourTwoTwoAndTwoAsciiDigitsAreHourKeys() {
        assertThat(Listings.isHourKey("2026-11-05T07")).isTrue();
        for (String other : List.of("2026-11", "v:2026-11", "2026-11-05T7", "2026-11-05T077", "2026-11-05 07",
                "2026/11/05T07", "20a6-11-05T07", "2026-11-05t07", "2026-1\u0661-05T07", "world/2026-11", "")) {
            assertThat(Listings.isHourKey(other)).as(other).isFalse();
        }
        assertThat(Listings.hourCounts(new Listing(List.of(), Map.of("2026-11-05T07", 2, "2026-11", 5, "v:2026-11", 3))))
                .containsExactly(Map.entry(Instant.parse("2026-11-05T07:00:00Z"), 2));
    }
}
