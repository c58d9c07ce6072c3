package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.ListingStore;

import broadsheet.core.listing.ListingStore.Versioned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ListingStore} must do. Each test gets a new, empty store. */
public abstract class ListingStoreContract {

    protected abstract ListingStore newStore();

    protected ListingStore store;

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    public static Listing listing(String... slugs) {
        List<ListingEntry> entries = new ArrayList<>();
        for (String slug : slugs) {
            entries.add(new ListingEntry(slug, "world", "Headline " + slug + " — Київ 🚀", "Standfirst",
                    Instant.parse("2026-11-29T10:15:30Z"), Instant.parse("2026-11-29T11:00:00Z"),
                    "media/" + slug + ".jpg", "Alt", List.of("Ann Smith")));
        }
        return new Listing(entries, Map.of("2026-11", slugs.length));
    }

    @Test
    void aScanInSegmentsReadsEveryListingExactlyOnceInPagesOfAtMostTheLimit() {
        assertThat(store).isInstanceOf(ListingScan.class);
        ListingScan scan = (ListingScan) store;
        Map<ListingId, Versioned<Listing>> stored = new java.util.TreeMap<>();
        for (int i = 0; i < 23; i++) {
            ListingId id = ListingId.tagMonth("tag-" + i, YearMonth.of(2026, 1 + i % 12));
            store.put(id, listing("s" + i), 0);
            stored.put(id, new Versioned<>(listing("s" + i), 1));
        }
        store.put(ListingId.home(), listing("h"), 0);
        store.put(ListingId.home(), listing("h", "i"), 1);
        stored.put(ListingId.home(), new Versioned<>(listing("h", "i"), 2));

        Map<ListingId, Versioned<Listing>> read = new java.util.TreeMap<>();
        int pages = 0;
        for (int segment = 0; segment < 3; segment++) {
            java.util.Optional<String> cursor = java.util.Optional.empty();
            do {
                ListingScan.ScanPage page = scan.scan(segment, 3, cursor, 4);
                assertThat(page.listings()).hasSizeLessThanOrEqualTo(4);
                page.listings().forEach((id, listing) ->
                        assertThat(read.put(id, listing)).as("read twice: " + id).isNull());
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent());
        }

        assertThat(read).isEqualTo(stored);
        assertThat(pages).isGreaterThanOrEqualTo(24 / 4);
    }

    @Test
    void aMissingListingIsEmpty() {
        assertThat(store.get(ListingId.home())).isEmpty();
    }

    @Test
    void firstPutNeedsVersionZeroAndStoresVersionOne() {
        ListingId id = ListingId.sectionFront("world");

        assertThat(store.put(id, listing("a"), 0)).isTrue();

        assertThat(store.get(id)).contains(new Versioned<>(listing("a"), 1));
        assertThat(store.put(id, listing("b"), 0)).isFalse();
        assertThat(store.get(id)).contains(new Versioned<>(listing("a"), 1));
    }

    @Test
    void putOverTheReadVersionWinsAndAStaleOneLoses() {
        ListingId id = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        store.put(id, listing("a"), 0);

        assertThat(store.put(id, listing("a", "b"), 1)).isTrue();
        assertThat(store.put(id, listing("a", "c"), 1)).isFalse();
        assertThat(store.put(id, listing("a", "c"), 5)).isFalse();

        assertThat(store.get(id)).contains(new Versioned<>(listing("a", "b"), 2));
    }

    @Test
    void getAllReturnsThePresentListingsOnly() {
        ListingId home = ListingId.home();
        ListingId front = ListingId.sectionFront("science");
        ListingId missing = ListingId.sectionFront("sport");
        store.put(home, listing("h"), 0);
        store.put(front, listing("f"), 0);
        store.put(front, listing("f", "g"), 1);

        Map<ListingId, Versioned<Listing>> all = store.getAll(List.of(home, front, missing));

        assertThat(all).containsOnlyKeys(home, front);
        assertThat(all.get(home)).isEqualTo(new Versioned<>(listing("h"), 1));
        assertThat(all.get(front)).isEqualTo(new Versioned<>(listing("f", "g"), 2));
        assertThat(store.getAll(List.of())).isEmpty();
    }

    @Test
    void getAllReadsMoreListingsThanOneBatch() {
        List<ListingId> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ListingId id = ListingId.sectionMonth("world", YearMonth.of(2000 + i / 12, i % 12 + 1));
            ids.add(id);
            if (i % 13 == 0) {
                store.put(id, listing("m" + i), 0);
            }
        }

        Map<ListingId, Versioned<Listing>> all = store.getAll(ids);

        assertThat(all).hasSize(10);
        assertThat(all.get(ids.get(0))).isEqualTo(new Versioned<>(listing("m0"), 1));
        assertThat(all.get(ids.get(117))).isEqualTo(new Versioned<>(listing("m117"), 1));
        assertThat(all).doesNotContainKey(ids.get(129));
    }

    @Test
    void authorAndTagListingsAreStoredUnderTheirOwnIds() {
        ListingId author = ListingId.authorMonth("ann-smith", YearMonth.of(2026, 11));
        ListingId tag = ListingId.tagFront("nato");
        ListingId section = ListingId.sectionFront("nato");

        assertThat(store.put(author, listing("by-ann"), 0)).isTrue();
        assertThat(store.put(tag, listing("on-nato"), 0)).isTrue();

        assertThat(store.get(author)).contains(new Versioned<>(listing("by-ann"), 1));
        assertThat(store.get(section)).as("a section of the same slug is another listing").isEmpty();
        assertThat(store.getAll(List.of(author, tag, section)))
                .containsOnlyKeys(author, tag)
                .containsEntry(tag, new Versioned<>(listing("on-nato"), 1));
    }

    @Test
    void anEmptyListingRoundTrips() {
        assertThat(store.put(ListingId.home(), Listing.EMPTY, 0)).isTrue();
        assertThat(store.get(ListingId.home())).contains(new Versioned<>(Listing.EMPTY, 1));
    }

    /** An entry of {@code slug} published at {@code at}, with a headline of about {@code size} characters. */
    public static ListingEntry entry(String slug, String at, int size) {
        Instant time = Instant.parse(at);
        return new ListingEntry(slug, "world", ("Headline " + slug + " — Київ 🚀 ").repeat(Math.max(1, size / 25)),
                "Standfirst", time, time, "media/" + slug + ".jpg", "Alt", List.of("Ann Smith"), List.of("NATO"));
    }

    private static final ListingId NOVEMBER = ListingId.sectionMonth("world", YearMonth.of(2026, 11));

    @Test
    void entryItemsAreReadByDayOldestFirstAndNewestFirstWithALimit() {
        store.putEntry(NOVEMBER, entry("b", "2026-11-05T10:00:00Z", 10));
        store.putEntry(NOVEMBER, entry("a", "2026-11-05T10:00:00Z", 10));
        store.putEntry(NOVEMBER, entry("late", "2026-11-05T23:59:59.999999999Z", 10));
        store.putEntry(NOVEMBER, entry("early", "2026-11-05T00:00:00Z", 10));
        store.putEntry(NOVEMBER, entry("before", "2026-11-04T23:59:59.999Z", 10));
        store.putEntry(NOVEMBER, entry("after", "2026-11-06T00:00:00Z", 10));
        store.putEntry(ListingId.tagMonth("nato", YearMonth.of(2026, 11)), entry("other", "2026-11-05T12:00:00Z", 10));

        assertThat(store.day(NOVEMBER, java.time.LocalDate.of(2026, 11, 5))).extracting(ListingEntry::slug)
                .containsExactly("early", "a", "b", "late");
        assertThat(store.newest(NOVEMBER, 3)).extracting(ListingEntry::slug).containsExactly("after", "late", "b");
        assertThat(store.newest(NOVEMBER, 50)).hasSize(6).isSortedAccordingTo(Listings.NEWEST_FIRST);
        assertThat(store.newest(NOVEMBER, 50, Instant.parse("2026-11-05T10:00:00Z"))).as("published after")
                .extracting(ListingEntry::slug).containsExactly("after", "late");
        assertThat(store.newest(NOVEMBER, 1, Instant.parse("2026-11-04T00:00:00Z"))).extracting(ListingEntry::slug)
                .containsExactly("after");
        assertThat(store.newest(NOVEMBER, 50, Instant.parse("2026-11-06T00:00:00Z"))).isEmpty();
        assertThat(store.newest(ListingId.sectionMonth("sport", YearMonth.of(2026, 11)), 5, Instant.EPOCH)).isEmpty();
        assertThat(store.entry(NOVEMBER, Instant.parse("2026-11-05T10:00:00Z"), "a")).contains(entry("a", "2026-11-05T10:00:00Z", 10));
        assertThat(store.entry(NOVEMBER, Instant.parse("2026-11-05T10:00:01Z"), "a")).isEmpty();
    }

    @Test
    void anEntryItemIsReplacedByPublishTimeAndSlugAndRemovingItTwiceIsHarmless() {
        store.putEntry(NOVEMBER, entry("a", "2026-11-05T10:00:00Z", 10));
        store.putEntry(NOVEMBER, entry("a", "2026-11-05T10:00:00Z", 40));

        assertThat(store.newest(NOVEMBER, 10)).containsExactly(entry("a", "2026-11-05T10:00:00Z", 40));
        store.removeEntry(NOVEMBER, Instant.parse("2026-11-05T10:00:00Z"), "a");
        store.removeEntry(NOVEMBER, Instant.parse("2026-11-05T10:00:00Z"), "a");
        assertThat(store.newest(NOVEMBER, 10)).isEmpty();
        assertThat(store.day(NOVEMBER, java.time.LocalDate.of(2026, 11, 5))).isEmpty();
    }

    @Test
    void putEntryIfAbsentWritesOnlyWhereNoItemOfThatTimeAndSlugIs() {
        store.putEntry(NOVEMBER, entry("a", "2026-11-05T10:00:00Z", 40));

        assertThat(store.putEntryIfAbsent(NOVEMBER, entry("a", "2026-11-05T10:00:00Z", 10))).as("an item is there").isFalse();
        assertThat(store.putEntryIfAbsent(NOVEMBER, entry("a", "2026-11-05T10:00:01Z", 10))).as("another time").isTrue();
        assertThat(store.putEntryIfAbsent(NOVEMBER, entry("b", "2026-11-05T10:00:00Z", 10))).as("another slug").isTrue();
        assertThat(store.putEntryIfAbsent(ListingId.tagMonth("nato", YearMonth.of(2026, 11)),
                entry("a", "2026-11-05T10:00:00Z", 10))).as("another collection").isTrue();

        assertThat(store.entry(NOVEMBER, Instant.parse("2026-11-05T10:00:00Z"), "a"))
                .as("the item that was there is left as it was").contains(entry("a", "2026-11-05T10:00:00Z", 40));
        assertThat(store.newest(NOVEMBER, 10)).extracting(ListingEntry::slug).containsExactly("a", "b", "a");
    }

    @Test
    void aMonthHoldsFarMoreEntriesThanFitInOneItemAndAScanReadsOnlyItsHead() {
        for (int i = 0; i < 150; i++) {
            store.putEntry(NOVEMBER, entry(String.format("s%03d", i), "2026-11-07T00:00:00Z", 8_000));
        }
        assertThat(store.put(NOVEMBER, Listings.head(Listing.EMPTY, Map.of(Instant.parse("2026-11-07T00:00:00Z"), 150)), 0))
                .isTrue();

        assertThat(store.day(NOVEMBER, java.time.LocalDate.of(2026, 11, 7))).hasSize(150)
                .extracting(ListingEntry::slug).first().isEqualTo("s000");
        assertThat(store.newest(NOVEMBER, 120)).hasSize(120).extracting(ListingEntry::slug).first().isEqualTo("s149");
        ListingScan.ScanPage page = ((ListingScan) store).scan(0, 1, java.util.Optional.empty(), 100);
        assertThat(page.listings()).containsOnlyKeys(NOVEMBER);
        assertThat(page.listings().get(NOVEMBER).value().entries()).isEmpty();
    }

    @Test
    void entryItemsAreReadByKeyAcrossMonthsInBatchesAndMissingOnesAreLeftOut() {
        ListingId.Collection tag = ListingId.Collection.tag("nato");
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            YearMonth month = YearMonth.of(2026, 11).minusMonths(i % 14);
            String at = month.atDay(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(i).toString();
            store.putEntry(tag.month(month), entry("t" + i, at, 10));
            keys.add(Listings.entryKey(Instant.parse(at), "t" + i));
        }
        store.putEntry(NOVEMBER, entry("t0", "2026-11-03T00:00:00Z", 10));
        String gone = Listings.entryKey(Instant.parse("2026-10-03T00:00:00Z"), "never-there");
        List<String> asked = new java.util.ArrayList<>(keys);
        asked.add(gone);
        asked.add(keys.get(5));

        Map<String, ListingEntry> found = store.entriesAt(tag, asked);

        assertThat(found).as("130 items in 14 months, more than one batch; a key twice read once")
                .containsOnlyKeys(keys);
        assertThat(found.get(keys.get(17))).isEqualTo(entry("t17",
                YearMonth.of(2026, 11).minusMonths(3).atDay(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        .plusSeconds(17).toString(), 10));
        assertThat(store.entriesAt(ListingId.Collection.section("world"), List.of(keys.get(0), gone)))
                .as("the section's own item of the same key").containsOnlyKeys(keys.get(0))
                .extractingByKey(keys.get(0)).extracting(ListingEntry::slug).isEqualTo("t0");
        assertThat(store.entriesAt(tag, List.of())).isEmpty();
    }
}
