package broadsheet.core.listing;

import broadsheet.core.listing.ListingStore.Versioned;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fronts and home store no entries, only their counts: the entries they show are read from the
 * entry items of the newest months, newest first, at most {@code limit} a read, so no listing item
 * grows with the size of entries (docs/design-publishing.md, "Fronts and home hold counts").
 */
public final class NewestEntries {

    private NewestEntries() {
    }

    /** The newest {@code limit} entries of the collection's given months, newest first. */
    public static List<ListingEntry> of(ListingStore store, ListingId.Collection collection,
                                        Collection<YearMonth> months, int limit) {
        TreeSet<YearMonth> newestFirst = new TreeSet<>(Comparator.reverseOrder());
        newestFirst.addAll(months);
        List<ListingEntry> entries = new ArrayList<>();
        for (YearMonth month : newestFirst) {
            if (entries.size() >= limit) {
                break;
            }
            entries.addAll(store.newest(collection.month(month), limit - entries.size()));
        }
        return entries;
    }

    /** A front as its pages show it: its counts, and the newest {@code frontSize} entries of the months it counts. */
    public static Listing front(ListingStore store, ListingId front, Listing stored, int frontSize) {
        List<YearMonth> months = Listings.counts(stored).keySet().stream().map(YearMonth::parse).toList();
        return new Listing(of(store, front.collection().orElseThrow(), months, frontSize), stored.monthCounts());
    }

    /** The section fronts of the given sections that are stored, as their pages show them, in that order. */
    public static Map<String, Listing> sectionFronts(ListingStore store, List<String> sections, int frontSize) {
        Map<ListingId, String> ids = new LinkedHashMap<>();
        sections.forEach(section -> ids.put(ListingId.sectionFront(section), section));
        Map<ListingId, Versioned<Listing>> found = store.getAll(ids.keySet());
        Map<String, Listing> fronts = new LinkedHashMap<>();
        ids.forEach((id, section) -> {
            Versioned<Listing> front = found.get(id);
            if (front != null) {
                fronts.put(section, front(store, id, front.value(), frontSize));
            }
        });
        return fronts;
    }

    /** Any stored listing other than a month head as its pages show it (fronts and home read their entries). */
    public static Listing view(ListingStore store, ListingId id, Listing stored, List<String> sections, int frontSize) {
        return switch (id.kind()) {
            case HOME -> Listings.home(sectionFronts(store, sections, frontSize), frontSize);
            case SECTION_FRONT, AUTHOR_FRONT, TAG_FRONT -> front(store, id, stored, frontSize);
            default -> stored;
        };
    }

    /**
     * What a front or home item stores: a front its counts, no entries; home only the versions of
     * the section fronts it read ({@link Listings#seen}), because its counts are theirs and every
     * reader of home reads the section fronts with it ({@link #view}, {@code ListingUpdates}). Home
     * is written on every publish, and a count of every section month of the site's history would
     * make it the largest item written (about 13 KB at 27 years and eight sections).
     */
    public static Listing stored(ListingId id, Listing view) {
        if (id.kind() == ListingId.Kind.HOME) {
            Map<String, Integer> versions = new java.util.TreeMap<>(view.monthCounts());
            versions.keySet().removeIf(key -> !key.startsWith(Listings.SEEN));
            return new Listing(List.of(), versions);
        }
        return view.entries().isEmpty() ? view : new Listing(List.of(), view.monthCounts());
    }
}
