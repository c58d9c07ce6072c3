package broadsheet.core.publish;

import broadsheet.core.concurrent.Concurrently;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
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

    /**
     * Attempts at a month head. A head has no way to find that a later write already read this
     * change's entries (entry items carry no version), so a burst of publishers into one month
     * resolves by retrying alone; with the pauses capped at 256 ms this is about 25 s at most.
     */
    static final int HEAD_ATTEMPTS = 100;

    /** Runs the reads of one recompute at once: a front's months, home's fronts. */
    private final Concurrently concurrently;

    ListingUpdates(ListingStore listings, List<String> sections, int frontSize, int pageSize,
                   Concurrently concurrently) {
        this.listings = listings;
        this.concurrently = concurrently;
        this.sections = List.copyOf(sections);
        this.frontSize = frontSize;
        this.pageSize = pageSize;
    }

    /**
     * The part of one day of a month listing a head write read, and the day pages it must put:
     * {@code entries} (oldest first) are the day's entries from position {@code firstPosition}
     * (counted from the oldest, 0-based) to its end; the day holds {@code total} entries.
     */
    record DayRead(List<ListingEntry> entries, int firstPosition, int total, int fromPage, int toPage) {
    }

    /** A month head written, with the days it read (the days the change edited). */
    record MonthWrite(Versioned<Listing> head, SortedMap<LocalDate, DayRead> days) {
    }

    /** The first entry key a change edits in a day, and its publish time. */
    private record Edited(Instant at, String key) {
    }

    /**
     * Applies the entry edits of one month listing (an entry item already as edited is not
     * written again), then recomputes the month's head over the days edited.
     */
    MonthWrite editMonth(ListingId month, List<MonthEdit> edits) {
        SortedMap<LocalDate, Edited> first = new TreeMap<>();
        for (MonthEdit edit : edits) {
            Edited edited = new Edited(edit.publishAt(), Listings.entryKey(edit.publishAt(), edit.slug()));
            first.merge(edit.day(), edited, (a, b) -> a.key().compareTo(b.key()) <= 0 ? a : b);
        }
        applyEdits(month, edits);
        return recomputeHead(month, first, () -> applyEdits(month, edits));
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
     * Recomputes a month head by the protocol of fronts: its version FIRST, then the hours of each
     * edited day from the first edit to the end of the day (strongly consistent range reads), then
     * a write conditional on the version read, made even when nothing changed so that the version
     * moves on. The day pages to put run from the page before the one holding the first edited
     * position to the last page the day has, or had by the head read; when that first page starts
     * before the first edited hour, the hours back to its start are read too. Positions before the
     * hours read come from the head's counts. An append reads its own hour and at most the page
     * before it: the reads are bounded by the pages they render, not by the size of the day.
     * A head still in the single-item form of an earlier release is converted first
     * ({@link LegacyMonths}) and the edits applied again.
     */
    private MonthWrite recomputeHead(ListingId month, SortedMap<LocalDate, Edited> edited, Runnable reapplyEdits) {
        SortedMap<LocalDate, Edited> first = new TreeMap<>(edited);
        for (int attempt = 1; attempt <= HEAD_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(month);
            if (LegacyMonths.isLegacy(head.value())) {
                // An item of an earlier release: convert it, then apply this change's edits again
                // over the converted entries (they are idempotent), render every day it held (its
                // pages did not exist), and start over.
                head.value().entries().forEach(e -> {
                    LocalDate day = Listings.dayOf(e.publishAt());
                    first.put(day, new Edited(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ""));
                });
                LegacyMonths.convert(listings, month, head);
                reapplyEdits.run();
                continue;
            }
            SortedMap<Instant, Integer> hours = Listings.hourCounts(head.value());
            Map<Instant, Integer> hoursRead = new TreeMap<>();
            SortedMap<LocalDate, DayRead> days = new TreeMap<>();
            first.forEach((day, edit) -> days.put(day, readDay(month, day, edit, hours, hoursRead)));
            Listing next = Listings.head(head.value(), hoursRead);
            if (listings.put(month, next, head.version())) {
                return new MonthWrite(new Versioned<>(next, head.version() + 1), days);
            }
            pause(attempt);
        }
        throw contended(month, HEAD_ATTEMPTS);
    }

    /** Reads what the pages of a day from {@code edit} on need; the counts of the hours read go to {@code hoursRead}. */
    private DayRead readDay(ListingId month, LocalDate day, Edited edit, SortedMap<Instant, Integer> hours,
                            Map<Instant, Integer> hoursRead) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant editHour = Listings.hourOf(edit.at());
        int before = sum(hours, dayStart, dayEnd);
        List<ListingEntry> read = new ArrayList<>(listings.entries(month, editHour, dayEnd));
        int offset = sum(hours, dayStart, editHour);
        int position = offset + (int) read.stream()
                .filter(e -> Listings.entryKey(e.publishAt(), e.slug()).compareTo(edit.key()) < 0).count();
        int from = Math.max(1, position / pageSize);
        int start = (from - 1) * pageSize;
        Instant readFrom = editHour;
        while (offset > start && readFrom.isAfter(dayStart)) {
            readFrom = readFrom.minus(1, ChronoUnit.HOURS);
            offset -= hours.getOrDefault(readFrom, 0);
        }
        if (readFrom.isBefore(editHour)) {
            read.addAll(0, listings.entries(month, readFrom, editHour));
            offset = sum(hours, dayStart, readFrom);
        }
        for (Instant hour = readFrom; hour.isBefore(dayEnd); hour = hour.plus(1, ChronoUnit.HOURS)) {
            if (hours.containsKey(hour)) {
                hoursRead.put(hour, 0);
            }
        }
        // The edited hour is counted even at 0: the day's pages were put, so the head must name the day.
        hoursRead.putIfAbsent(editHour, 0);
        read.forEach(e -> hoursRead.merge(Listings.hourOf(e.publishAt()), 1, Integer::sum));
        int total = offset + read.size();
        int to = Math.max(Listings.pagesOf(before, pageSize), Listings.pagesOf(total, pageSize));
        return new DayRead(read, offset, total, Math.min(from, to), to);
    }

    private static int sum(SortedMap<Instant, Integer> hours, Instant from, Instant until) {
        return hours.subMap(from, until).values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Recomputes a front (of a section, an author or a tag). The front's version is read BEFORE
     * the month heads and entries, and the write is conditional on it: a front write that
     * succeeds has seen every month write whose own front recompute wrote the front before it.
     * The front is written even when its content is unchanged, so that the version moves on and
     * a recompute that read older months concurrently cannot then commit over it.
     *
     * <p>The heads of the months just edited give their counts (other months' counts are
     * carried over); the entries are the newest of the collection, read from its newest months,
     * at most {@code frontSize} entries a read: the months these counts say hold the newest
     * {@code frontSize} are read at once ({@link NewestEntries}), more if the counts fall short.
     * The front stores its counts only; the returned listing carries the entries its pages show.
     *
     * <p>The front records the version of each month head it read. A retry that finds a front
     * recording, for every month this change wrote, a head version at least as new as the one
     * written stops there (empty): that front's write read the heads after ours, so it serves as
     * this change's front write in the convergence argument, and its writer rendered the pages.
     * Under a burst of publishers on one collection this turns most lost races into one read.
     */
    Optional<Versioned<Listing>> recomputeFront(ListingId id, SortedMap<YearMonth, Long> written) {
        ListingId.Collection collection = id.collection().orElseThrow();
        Map<String, Long> ours = new TreeMap<>();
        written.forEach((month, version) -> ours.put(month.toString(), version));
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            if (attempt > 1 && Listings.covers(head.value(), ours)) {
                return Optional.empty(); // a front written since read our heads: its writer rendered the pages
            }
            Map<ListingId, YearMonth> ids = new LinkedHashMap<>();
            written.keySet().forEach(month -> ids.put(collection.month(month), month));
            Map<ListingId, Versioned<Listing>> heads = listings.getAll(ids.keySet());
            Map<YearMonth, Integer> countsRead = new TreeMap<>();
            Map<String, Long> seen = new TreeMap<>();
            ids.forEach((monthId, month) -> {
                Versioned<Listing> monthHead = heads.get(monthId);
                countsRead.put(month, monthHead == null ? 0 : Listings.total(monthHead.value()));
                seen.put(month.toString(), monthHead == null ? 0 : monthHead.version());
            });
            SortedMap<YearMonth, Integer> counts = new TreeMap<>();
            Listings.counts(head.value()).forEach((month, count) -> counts.put(YearMonth.parse(month), count));
            countsRead.forEach((month, count) -> {
                if (count == 0) {
                    counts.remove(month);
                } else {
                    counts.put(month, count);
                }
            });
            List<ListingEntry> newest = NewestEntries.of(listings, collection, counts, frontSize, concurrently);
            Listing next = Listings.withSeen(Listings.front(head.value(), countsRead, newest, frontSize), seen);
            if (listings.put(id, NewestEntries.stored(id, next), head.version())) {
                return Optional.of(new Versioned<>(next, head.version() + 1));
            }
            pause(attempt);
        }
        throw contended(id);
    }

    /**
     * Home, by the same protocol as a front: its version first, then every section front (its
     * counts) and the newest entries of each (the months of all fronts read at once). The fronts
     * as read (with those entries) of the successful attempt are left in {@code frontsRead} (for
     * the news sitemap). Home stores its counts only; the returned listing carries the entries its
     * pages show. Like a front, home records the section front versions it read, and a retry that
     * finds a home that read the fronts this change wrote ({@code written}, by section) at least
     * as new stops (empty).
     */
    Optional<Versioned<Listing>> recomputeHome(Map<String, Long> written, Map<String, Listing> frontsRead) {
        ListingId id = ListingId.home();
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            if (attempt > 1 && Listings.covers(head.value(), written)) {
                return Optional.empty(); // a home written since read our fronts: its writer rendered the pages
            }
            Map<ListingId, String> ids = new LinkedHashMap<>();
            sections.forEach(section -> ids.put(ListingId.sectionFront(section), section));
            Map<ListingId, Versioned<Listing>> found = listings.getAll(ids.keySet());
            Map<ListingId, Listing> stored = new LinkedHashMap<>();
            Map<String, Long> seen = new TreeMap<>();
            ids.forEach((frontId, section) -> {
                Versioned<Listing> front = found.get(frontId);
                seen.put(section, front == null ? 0 : front.version());
                if (front != null) {
                    stored.put(frontId, front.value());
                }
            });
            Map<String, Listing> bySection = new LinkedHashMap<>();
            NewestEntries.fronts(listings, stored, frontSize, concurrently)
                    .forEach((frontId, front) -> bySection.put(ids.get(frontId), front));
            Listing next = Listings.withSeen(Listings.home(bySection, frontSize), seen);
            if (listings.put(id, NewestEntries.stored(id, next), head.version())) {
                frontsRead.putAll(bySection);
                return Optional.of(new Versioned<>(next, head.version() + 1));
            }
            pause(attempt);
        }
        throw contended(id);
    }

    private Versioned<Listing> read(ListingId id) {
        return listings.get(id).orElse(new Versioned<>(Listing.EMPTY, 0));
    }

    private static ListingContentionException contended(ListingId id) {
        return contended(id, Publisher.MAX_ATTEMPTS);
    }

    private static ListingContentionException contended(ListingId id, int attempts) {
        return new ListingContentionException("listing " + id + " still contended after " + attempts + " attempts");
    }

    /** Jittered pause before re-reading a contended listing. */
    private static void pause(int attempt) {
        if (attempt < 2) {
            Thread.yield();
            return;
        }
        // Exponential with full jitter (2, 4, ... up to 256 ms): publishers that keep colliding on
        // one month head spread out instead of retrying in step; 20 attempts wait about 4 s at most.
        long capMillis = Math.min(256, 1L << Math.min(attempt, 8));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListingContentionException("interrupted while waiting to retry a listing write", e);
        }
    }
}
