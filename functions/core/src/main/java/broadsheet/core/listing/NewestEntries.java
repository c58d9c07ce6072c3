package broadsheet.core.listing;

import broadsheet.core.concurrent.Concurrently;
import broadsheet.core.listing.ListingStore.Versioned;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Fronts and home store no entries, only their counts: the entries they show are read from the
 * entry items of the newest months, newest first, at most {@code limit} a read, so no listing item
 * grows with the size of entries (docs/design-publishing.md, "Fronts and home hold counts").
 */
public final class NewestEntries {

    private NewestEntries() {
    }

    /** The newest {@code limit} entries of the collection's given months, newest first, reading one month after the other. */
    public static List<ListingEntry> of(ListingStore store, ListingId.Collection collection,
                                        Collection<YearMonth> months, int limit) {
        List<YearMonth> newestFirst = new ArrayList<>(new TreeSet<>(months));
        newestFirst.sort(Comparator.reverseOrder());
        List<ListingEntry> entries = new ArrayList<>();
        for (YearMonth month : newestFirst) {
            if (entries.size() >= limit) {
                break;
            }
            entries.addAll(store.newest(collection.month(month), limit - entries.size()));
        }
        return entries;
    }

    /**
     * The newest {@code limit} entries of the collection's months, newest first. {@code counts} are
     * the months to read and the entries each holds as far as the caller knows (a front's counts):
     * the newest months whose counts reach {@code limit} are read at once, each for the entries it
     * is expected to give. Counts are a plan, not a premise: a month that gives all it was asked for
     * while fewer than {@code limit} entries are found (a newer month held fewer than counted) is
     * read again, asked for what is still missing, with the months after it; a month counted 0 is
     * read too. So the result is the newest {@code limit} of the months given, whatever the counts
     * say; with counts that are right, the reads are those of reading one month after the other.
     */
    public static List<ListingEntry> of(ListingStore store, ListingId.Collection collection,
                                        SortedMap<YearMonth, Integer> counts, int limit, Concurrently concurrently) {
        List<YearMonth> newestFirst = new ArrayList<>(counts.keySet());
        newestFirst.sort(Comparator.reverseOrder());
        List<ListingEntry> entries = new ArrayList<>();
        int next = 0;
        while (entries.size() < limit && next < newestFirst.size()) {
            int missing = limit - entries.size();
            List<YearMonth> batch = new ArrayList<>();
            List<Integer> asked = new ArrayList<>();
            int expected = 0;
            for (int i = next; i < newestFirst.size() && expected < missing; i++) {
                YearMonth month = newestFirst.get(i);
                batch.add(month);
                asked.add(missing - expected);
                expected += Math.max(0, counts.get(month));
            }
            List<Supplier<List<ListingEntry>>> reads = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ListingId month = collection.month(batch.get(i));
                int ask = asked.get(i);
                reads.add(() -> store.newest(month, ask));
            }
            List<List<ListingEntry>> read = concurrently.getAll(reads);
            for (int i = 0; i < batch.size() && entries.size() < limit; i++) {
                List<ListingEntry> got = read.get(i);
                if (got.size() >= asked.get(i) && entries.size() + got.size() < limit) {
                    break; // it may hold more than it was asked for: ask it again for what is missing
                }
                entries.addAll(got.subList(0, Math.min(got.size(), limit - entries.size())));
                next++;
            }
        }
        return entries;
    }

    /**
     * A front with only its newest entries published after {@code after} (at most {@code frontSize}):
     * the months it counts from {@code after}'s on, read at once, each for those entries alone.
     * What home needs of a front whose older entries cannot be among home's newest.
     */
    public static Listing frontAfter(ListingStore store, ListingId front, Listing stored, int frontSize, Instant after,
                                     Concurrently concurrently) {
        ListingId.Collection collection = front.collection().orElseThrow();
        YearMonth first = YearMonth.from(after.atZone(ZoneOffset.UTC));
        List<Supplier<List<ListingEntry>>> reads = new ArrayList<>();
        Listings.counts(stored).keySet().stream().map(YearMonth::parse).filter(month -> !month.isBefore(first))
                .forEach(month -> reads.add(() -> store.newest(collection.month(month), frontSize, after)));
        List<ListingEntry> entries = new ArrayList<>();
        concurrently.getAll(reads).forEach(entries::addAll);
        entries.sort(Listings.NEWEST_FIRST);
        return new Listing(entries.subList(0, Math.min(frontSize, entries.size())), stored.monthCounts());
    }

    /** A front as its pages show it: its counts, and the newest {@code frontSize} entries of the months it counts. */
    public static Listing front(ListingStore store, ListingId front, Listing stored, int frontSize) {
        return front(store, front, stored, frontSize, Concurrently.SEQUENTIAL);
    }

    /** A front as its pages show it, its months read at once (see {@link #of(ListingStore, ListingId.Collection, SortedMap, int, Concurrently)}). */
    public static Listing front(ListingStore store, ListingId front, Listing stored, int frontSize,
                                Concurrently concurrently) {
        SortedMap<YearMonth, Integer> counts = new TreeMap<>();
        Listings.counts(stored).forEach((month, count) -> counts.put(YearMonth.parse(month), count));
        return new Listing(of(store, front.collection().orElseThrow(), counts, frontSize, concurrently),
                stored.monthCounts());
    }

    /** The section fronts of the given sections that are stored, as their pages show them, in that order. */
    public static Map<String, Listing> sectionFronts(ListingStore store, List<String> sections, int frontSize) {
        return sectionFronts(store, sections, frontSize, Concurrently.SEQUENTIAL);
    }

    /** The section fronts of the given sections that are stored, as their pages show them, in that order, read at once. */
    public static Map<String, Listing> sectionFronts(ListingStore store, List<String> sections, int frontSize,
                                                     Concurrently concurrently) {
        Map<ListingId, String> ids = new LinkedHashMap<>();
        sections.forEach(section -> ids.put(ListingId.sectionFront(section), section));
        Map<ListingId, Versioned<Listing>> found = store.getAll(ids.keySet());
        Map<ListingId, Listing> stored = new LinkedHashMap<>();
        ids.keySet().forEach(id -> {
            if (found.containsKey(id)) {
                stored.put(id, found.get(id).value());
            }
        });
        Map<String, Listing> fronts = new LinkedHashMap<>();
        fronts(store, stored, frontSize, concurrently).forEach((id, front) -> fronts.put(ids.get(id), front));
        return fronts;
    }

    /** Stored fronts as their pages show them, in the order given: the newest entries of all of them read at once. */
    public static Map<ListingId, Listing> fronts(ListingStore store, Map<ListingId, Listing> stored, int frontSize,
                                                 Concurrently concurrently) {
        List<ListingId> ids = new ArrayList<>(stored.keySet());
        List<Supplier<Listing>> reads = new ArrayList<>();
        ids.forEach(id -> reads.add(() -> front(store, id, stored.get(id), frontSize, concurrently)));
        List<Listing> read = concurrently.getAll(reads);
        Map<ListingId, Listing> fronts = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            fronts.put(ids.get(i), read.get(i));
        }
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
