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
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
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
     * what home needs of a front whose older entries cannot be among home's newest. From the keys
     * the front stores when they add up ({@link #byKeys}); otherwise the months it counts from
     * {@code after}'s on, read at once, each for those entries alone.
     */
    public static Listing frontAfter(ListingStore store, ListingId front, Listing stored, int frontSize, Instant after,
                                     Concurrently concurrently) {
        ListingId.Collection collection = front.collection().orElseThrow();
        Optional<List<ListingEntry>> byKeys = byKeys(store, collection, stored, Set.of(), Optional.of(after),
                frontSize, concurrently);
        if (byKeys.isPresent()) {
            return new Listing(byKeys.get(), stored.monthCounts());
        }
        YearMonth first = YearMonth.from(after.atZone(ZoneOffset.UTC));
        List<Supplier<List<ListingEntry>>> reads = new ArrayList<>();
        Listings.counts(stored).keySet().stream().map(YearMonth::parse).filter(month -> !month.isBefore(first))
                .forEach(month -> reads.add(() -> store.newest(collection.month(month), frontSize, after)));
        List<ListingEntry> entries = new ArrayList<>();
        concurrently.getAll(reads).forEach(entries::addAll);
        entries.sort(Listings.NEWEST_FIRST);
        return new Listing(entries.subList(0, Math.min(frontSize, entries.size())), stored.monthCounts());
    }

    /**
     * The newest {@code frontSize} entries of a collection, for a front recompute that read the
     * front ({@code stored}) before the months in {@code written}: from the keys the front stores
     * (those months read again) when they add up ({@link #byKeys}), otherwise from the months
     * {@code counts} names ({@link #of(ListingStore, ListingId.Collection, SortedMap, int, Concurrently)}).
     */
    public static List<ListingEntry> afterWrites(ListingStore store, ListingId.Collection collection, Listing stored,
                                                 Set<YearMonth> written, SortedMap<YearMonth, Integer> counts,
                                                 int frontSize, Concurrently concurrently) {
        return byKeys(store, collection, stored, written, Optional.empty(), frontSize, concurrently)
                .orElseGet(() -> of(store, collection, counts, frontSize, concurrently));
    }

    /**
     * The newest {@code frontSize} entries of a collection from the keys its front stores
     * ({@link NewestKeys}), with the months in {@code fresh} read again: at once, one Query of
     * each of those months and of the keys' month, and one batch read of the keys in other months;
     * with {@code after}, only the entries published after it (the Queries and the batch read ask
     * for those alone). The entries of the other months are taken as the front names them, as its
     * counts are (the argument of docs/design-publishing.md, "Fronts store their newest keys"); a
     * key whose item is gone (a removal whose own front write is still to come) names nothing.
     * Empty when the keys do not add up, and the caller reads the months:
     * <ul>
     *   <li>the front stores no keys (none stored yet, or by an earlier release);</li>
     *   <li>the front showed {@code frontSize} entries and fewer of those read are at least as new as
     *       its oldest (entries were removed, so older ones the keys do not name may show now),
     *       unless its oldest is not after {@code after};</li>
     *   <li>the front showed fewer than {@code frontSize} entries but counts more (its front size
     *       changed, or its counts ran ahead of the entries read).</li>
     * </ul>
     */
    static Optional<List<ListingEntry>> byKeys(ListingStore store, ListingId.Collection collection, Listing stored,
                                               Set<YearMonth> fresh, Optional<Instant> after, int frontSize,
                                               Concurrently concurrently) {
        Optional<NewestKeys> named = NewestKeys.of(stored);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        NewestKeys keys = named.get().first(frontSize);
        boolean full = keys.size() >= frontSize;
        int counted = Listings.counts(stored).values().stream().mapToInt(Integer::intValue).sum();
        if (!full && counted > keys.size()) {
            return Optional.empty();
        }
        // Entry keys sort as their entries' publish times: those after `after` are from this key on.
        String from = after.map(time -> Listings.entryKey(time.plusNanos(1), "")).orElse("");
        SortedSet<YearMonth> months = new TreeSet<>(fresh);
        months.add(keys.month());
        List<String> carried = keys.older().stream()
                .filter(key -> key.compareTo(from) >= 0 && !months.contains(Listings.monthOfKey(key))).toList();
        // With `after`, a month that ends before it has no entries to give and is not read.
        months.removeIf(month -> after.isPresent()
                && !month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(after.get()));
        List<Supplier<List<ListingEntry>>> reads = new ArrayList<>();
        months.forEach(month -> reads.add(() -> after.isPresent()
                ? store.newest(collection.month(month), frontSize, after.get())
                : store.newest(collection.month(month), frontSize)));
        reads.add(() -> carried.isEmpty() ? List.of() : List.copyOf(store.entriesAt(collection, carried).values()));
        List<ListingEntry> entries = new ArrayList<>();
        concurrently.getAll(reads).forEach(entries::addAll);
        entries.sort(Listings.NEWEST_FIRST);
        if (full) {
            // Entries the keys do not name are older than the front's oldest: older than its last
            // key, or (all of it in the keys' month) than that month's start.
            String oldest = keys.older().isEmpty()
                    ? Listings.entryKey(keys.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), "")
                    : keys.older().get(keys.older().size() - 1);
            long asNew = entries.stream().filter(e -> Listings.entryKey(e.publishAt(), e.slug()).compareTo(oldest) >= 0)
                    .count();
            if (asNew < frontSize && oldest.compareTo(from) >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(entries.subList(0, Math.min(frontSize, entries.size()))));
    }

    /** A front as its pages show it: its counts, and the newest {@code frontSize} entries of the months it counts. */
    public static Listing front(ListingStore store, ListingId front, Listing stored, int frontSize) {
        return front(store, front, stored, frontSize, Concurrently.SEQUENTIAL);
    }

    /**
     * A front as its pages show it: from the keys it stores when they add up ({@link #byKeys}),
     * otherwise its months read at once (see {@link #of(ListingStore, ListingId.Collection, SortedMap, int, Concurrently)}).
     */
    public static Listing front(ListingStore store, ListingId front, Listing stored, int frontSize,
                                Concurrently concurrently) {
        SortedMap<YearMonth, Integer> counts = new TreeMap<>();
        Listings.counts(stored).forEach((month, count) -> counts.put(YearMonth.parse(month), count));
        return new Listing(afterWrites(store, front.collection().orElseThrow(), stored, Set.of(), counts, frontSize,
                concurrently), stored.monthCounts());
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

    /**
     * Any stored listing other than a month head as its pages show it (fronts and home read their
     * entries, as many as each keeps).
     */
    public static Listing view(ListingStore store, ListingId id, Listing stored, List<String> sections,
                               FrontSizes frontSizes) {
        return switch (id.kind()) {
            case HOME -> Listings.home(sectionFronts(store, sections, frontSizes.of(id)), frontSizes.of(id));
            case SECTION_FRONT, AUTHOR_FRONT, TAG_FRONT -> front(store, id, stored, frontSizes.of(id));
            default -> stored;
        };
    }

    /**
     * What a front or home item stores: a front its counts and the keys of its entries
     * ({@link NewestKeys}), no entries; home only the versions of
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
        return new Listing(List.of(), view.monthCounts(), NewestKeys.stored(view.entries()));
    }
}
