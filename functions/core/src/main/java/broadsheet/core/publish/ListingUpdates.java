package broadsheet.core.publish;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingContentionException;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.ListingStore.Versioned;
import broadsheet.core.listing.Listings;
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.LegacyMonths;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.publish.ChangePlan.MonthEdit;
import broadsheet.core.publish.ChangePlan.Remove;
import broadsheet.core.publish.ChangePlan.Upsert;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publisher's listing writes: read, edit and write each listing conditionally on the version
 * read, retrying on contention (docs/design-publishing.md, "Month listings: one item per entry"
 * and "Front: version first, then the months"). Entry edits and month heads, front recomputes
 * and home.
 */
final class ListingUpdates {

    private final ListingStore listings;
    private final List<String> sections;
    private final int frontSize;

    private final int pageSize;

    ListingUpdates(ListingStore listings, List<String> sections, int frontSize, int pageSize) {
        this.listings = listings;
        this.sections = List.copyOf(sections);
        this.frontSize = frontSize;
        this.pageSize = pageSize;
    }

    /** One day of a month listing as a head write read it, and the day pages that write must put. */
    record DayRead(List<ListingEntry> entries, int fromPage, int toPage) {
    }

    /** A month head written, with the days it read (the days the change edited). */
    record MonthWrite(Versioned<Listing> head, SortedMap<LocalDate, DayRead> days) {
    }

    /**
     * Applies the entry edits of one month listing (an entry item already as edited is not
     * written again), then recomputes the month's head over the days edited.
     */
    MonthWrite editMonth(ListingId month, List<MonthEdit> edits) {
        SortedMap<LocalDate, String> firstKey = new TreeMap<>();
        for (MonthEdit edit : edits) {
            firstKey.merge(edit.day(), Listings.entryKey(edit.publishAt(), edit.slug()),
                    (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        applyEdits(month, edits);
        return recomputeHead(month, firstKey, () -> applyEdits(month, edits));
    }

    private void applyEdits(ListingId month, List<MonthEdit> edits) {
        for (MonthEdit edit : edits) {
            Optional<ListingEntry> item = listings.entry(month, edit.publishAt(), edit.slug());
            if (edit instanceof Remove) {
                if (item.isPresent()) {
                    listings.removeEntry(month, edit.publishAt(), edit.slug());
                }
            } else if (edit instanceof Upsert upsert && !item.equals(Optional.of(upsert.entry()))) {
                listings.putEntry(month, upsert.entry());
            }
        }
    }

    /**
     * Recomputes a month head by the protocol of fronts: its version FIRST, then the days edited
     * (each read whole, strongly consistent), then a write conditional on the version read, made
     * even when nothing changed so that the version moves on. The day pages to put run from the
     * page before the first edited position to the last page the day has, or had by the head read.
     * A head still in the single-item form of an earlier release is converted first
     * ({@link LegacyMonths}) and the edits applied again.
     */
    MonthWrite recomputeHead(ListingId month, SortedMap<LocalDate, String> edited, Runnable reapplyEdits) {
        SortedMap<LocalDate, String> firstKey = new TreeMap<>(edited);
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(month);
            if (LegacyMonths.isLegacy(head.value())) {
                // An item of an earlier release: convert it, then apply this change's edits again
                // over the converted entries (they are idempotent), render every day it held (its
                // pages did not exist), and start over.
                head.value().entries().forEach(e -> firstKey.put(Listings.dayOf(e.publishAt()), ""));
                LegacyMonths.convert(listings, month, head);
                reapplyEdits.run();
                continue;
            }
            Map<LocalDate, List<ListingEntry>> read = new TreeMap<>();
            Map<LocalDate, Integer> counts = new TreeMap<>();
            firstKey.keySet().forEach(day -> {
                List<ListingEntry> entries = listings.day(month, day);
                read.put(day, entries);
                counts.put(day, entries.size());
            });
            Listing next = Listings.head(head.value(), counts);
            if (listings.put(month, next, head.version())) {
                Map<LocalDate, Integer> before = Listings.dayCounts(head.value());
                SortedMap<LocalDate, DayRead> days = new TreeMap<>();
                read.forEach((day, entries) -> {
                    String first = firstKey.get(day);
                    int position = (int) entries.stream()
                            .filter(e -> Listings.entryKey(e.publishAt(), e.slug()).compareTo(first) < 0).count();
                    int from = Math.max(1, position / pageSize);
                    int to = Math.max(Listings.pagesOf(before.getOrDefault(day, 0), pageSize),
                            Listings.pagesOf(entries.size(), pageSize));
                    days.put(day, new DayRead(entries, Math.min(from, to), to));
                });
                return new MonthWrite(new Versioned<>(next, head.version() + 1), days);
            }
            pause(attempt);
        }
        throw contended(month);
    }

    /**
     * Recomputes a front (of a section, an author or a tag). The front's version is read BEFORE
     * the month heads and entries, and the write is conditional on it: a front write that
     * succeeds has seen every month write whose own front recompute wrote the front before it.
     * The front is written even when its content is unchanged, so that the version moves on and
     * a recompute that read older months concurrently cannot then commit over it.
     *
     * <p>The heads of the months just edited give their counts (other months' counts are
     * carried over); the entries are the newest of the collection, read newest first from its
     * newest months, at most {@code frontSize} entries a read, until {@code frontSize} are found.
     * The front stores its counts only; the returned listing carries the entries its pages show.
     */
    Versioned<Listing> recomputeFront(ListingId id, SortedSet<YearMonth> touched) {
        ListingId.Collection collection = id.collection().orElseThrow();
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            Map<ListingId, YearMonth> ids = new LinkedHashMap<>();
            touched.forEach(month -> ids.put(collection.month(month), month));
            Map<ListingId, Versioned<Listing>> heads = listings.getAll(ids.keySet());
            Map<YearMonth, Integer> countsRead = new TreeMap<>();
            ids.forEach((monthId, month) -> {
                Versioned<Listing> monthHead = heads.get(monthId);
                countsRead.put(month, monthHead == null ? 0 : Listings.total(monthHead.value()));
            });
            TreeSet<YearMonth> months = new TreeSet<>(Comparator.reverseOrder());
            head.value().monthCounts().keySet().forEach(month -> months.add(YearMonth.parse(month)));
            countsRead.forEach((month, count) -> {
                if (count == 0) {
                    months.remove(month);
                } else {
                    months.add(month);
                }
            });
            List<ListingEntry> newest = NewestEntries.of(listings, collection, months, frontSize);
            Listing next = Listings.front(head.value(), countsRead, newest, frontSize);
            if (listings.put(id, NewestEntries.stored(next), head.version())) {
                return new Versioned<>(next, head.version() + 1);
            }
            pause(attempt);
        }
        throw contended(id);
    }

    /**
     * Home, by the same protocol as a front: its version first, then every section front (its
     * counts) and the newest entries of each. The fronts as read (with those entries) of the
     * successful attempt are left in {@code frontsRead} (for the news sitemap). Home stores its
     * counts only; the returned listing carries the entries its pages show.
     */
    Versioned<Listing> recomputeHome(Map<String, Listing> frontsRead) {
        ListingId id = ListingId.home();
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            Map<String, Listing> bySection = NewestEntries.sectionFronts(listings, sections, frontSize);
            Listing next = Listings.home(bySection, frontSize);
            if (listings.put(id, NewestEntries.stored(next), head.version())) {
                frontsRead.putAll(bySection);
                return new Versioned<>(next, head.version() + 1);
            }
            pause(attempt);
        }
        throw contended(id);
    }

    private Versioned<Listing> read(ListingId id) {
        return listings.get(id).orElse(new Versioned<>(Listing.EMPTY, 0));
    }

    private static ListingContentionException contended(ListingId id) {
        return new ListingContentionException("listing " + id + " still contended after " + Publisher.MAX_ATTEMPTS + " attempts");
    }

    /** Short jittered pause before re-reading a contended listing. */
    private static void pause(int attempt) {
        if (attempt < 3) {
            Thread.yield();
            return;
        }
        long capMillis = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListingContentionException("interrupted while waiting to retry a listing write", e);
        }
    }
}
