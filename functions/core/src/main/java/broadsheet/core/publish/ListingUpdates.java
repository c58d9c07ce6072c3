package broadsheet.core.publish;

import broadsheet.core.concurrent.Concurrently;
import broadsheet.core.listing.FrontSizes;
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
import java.util.Set;
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
    private final FrontSizes frontSizes;

    private final int pageSize;

    /**
     * Attempts at a month head. A head has no way to find that a later write already read this
     * change's entries (entry items carry no version), so a burst of publishers into one month
     * resolves by retrying alone; with the pauses capped at 256 ms this is about 25 s at most.
     */
    static final int HEAD_ATTEMPTS = 100;

    /** Runs the reads of one recompute at once: a front's months, home's fronts. */
    private final Concurrently concurrently;

    ListingUpdates(ListingStore listings, List<String> sections, FrontSizes frontSizes, int pageSize,
                   Concurrently concurrently) {
        this.listings = listings;
        this.concurrently = concurrently;
        this.sections = List.copyOf(sections);
        this.frontSizes = frontSizes;
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
        Runnable nothing = () -> {
        };
        return editMonth(month, edits, nothing, nothing);
    }

    /**
     * {@link #editMonth(ListingId, List)}, the head's version read at once with the entry edits
     * (the protocol needs it read before the day, not before the edits); {@code afterEdits} runs
     * once the entry items are written (the caller starts the front's read there, alongside the
     * day's), and {@code beforeWrite} before every head write: the caller waits there for the
     * reads that must precede the head write (the front's version, when the front is then
     * computed from this head as written).
     */
    MonthWrite editMonth(ListingId month, List<MonthEdit> edits, Runnable afterEdits, Runnable beforeWrite) {
        SortedMap<LocalDate, Edited> first = new TreeMap<>();
        for (MonthEdit edit : edits) {
            Edited edited = new Edited(edit.publishAt(), Listings.entryKey(edit.publishAt(), edit.slug()));
            first.merge(edit.day(), edited, (a, b) -> a.key().compareTo(b.key()) <= 0 ? a : b);
        }
        Concurrently.Pending<Versioned<Listing>> head = concurrently.start(() -> read(month));
        applyEdits(month, edits);
        afterEdits.run();
        return recomputeHead(month, first, head.join(), () -> applyEdits(month, edits), beforeWrite);
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
    private MonthWrite recomputeHead(ListingId month, SortedMap<LocalDate, Edited> edited, Versioned<Listing> firstRead,
                                     Runnable reapplyEdits, Runnable beforeWrite) {
        SortedMap<LocalDate, Edited> first = new TreeMap<>(edited);
        for (int attempt = 1; attempt <= HEAD_ATTEMPTS; attempt++) {
            Versioned<Listing> head = attempt == 1 ? firstRead : read(month);
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
            beforeWrite.run();
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
     * carried over). The entries are the newest of the collection: the months just edited are
     * read again, and the entries of other months are those the front names by their keys, as
     * their counts are carried over ({@link NewestEntries#afterWrites}); when the keys do not add
     * up, they are read from its newest months, at most the entries the front keeps
     * ({@link FrontSizes}) a read, the months these counts say hold that many at once
     * ({@link NewestEntries}).
     * The front stores its counts and its entries' keys; the returned listing carries the entries
     * its pages show.
     *
     * <p>The front records the version of each month head it read. A retry that finds a front
     * recording, for every month this change wrote, a head version at least as new as the one
     * written stops there (empty): that front's write read the heads after ours, so it serves as
     * this change's front write in the convergence argument, and its writer rendered the pages.
     * Under a burst of publishers on one collection this turns most lost races into one read.
     *
     * <p>{@code firstRead} is the front as read before this change wrote any of the heads in
     * {@code written} (the caller waits for that read before each head write), so the first
     * attempt takes those heads as written instead of reading them again: a head written after
     * ours has a front recompute of its own, which either fails our write (it wrote the front
     * first) or reads our front and finds the head it wrote newer than the one we recorded.
     * {@code beforeWrite} runs before every front write (see {@link #readHome}).
     */
    Optional<Versioned<Listing>> recomputeFront(ListingId id, SortedMap<YearMonth, Versioned<Listing>> written,
                                                Versioned<Listing> firstRead, Runnable beforeWrite) {
        ListingId.Collection collection = id.collection().orElseThrow();
        int keeps = frontSizes.of(id);
        Map<String, Long> ours = new TreeMap<>();
        written.forEach((month, head) -> ours.put(month.toString(), head.version()));
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = attempt == 1 ? firstRead : read(id);
            if (attempt > 1 && Listings.covers(head.value(), ours)) {
                return Optional.empty(); // a front written since read our heads: its writer rendered the pages
            }
            Map<ListingId, YearMonth> ids = new LinkedHashMap<>();
            written.keySet().forEach(month -> ids.put(collection.month(month), month));
            Map<ListingId, Versioned<Listing>> heads = new LinkedHashMap<>();
            if (attempt == 1) {
                written.forEach((month, monthHead) -> heads.put(collection.month(month), monthHead));
            } else {
                heads.putAll(listings.getAll(ids.keySet()));
            }
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
            List<ListingEntry> newest = NewestEntries.afterWrites(listings, collection, head.value(), written.keySet(),
                    counts, keeps, concurrently);
            Listing next = Listings.withSeen(Listings.front(head.value(), countsRead, newest, keeps), seen);
            beforeWrite.run();
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
     *
     * <p>{@code first}, when given, is what the first attempt reads: home and the other section
     * fronts, read ({@link #readHome}, {@link #sectionFronts}) before this change wrote its section
     * fronts, and the fronts it wrote as their pages show them ({@code wrote}, one for every
     * section of {@code written}), taken as written instead of read again, by the argument of
     * {@link #recomputeFront}.
     */
    Optional<Versioned<Listing>> recomputeHome(Map<String, Long> written, Optional<HomeRead> first,
                                               Map<String, Listing> frontsRead) {
        ListingId id = ListingId.home();
        if (first.isPresent()) {
            HomeRead read = first.get();
            Map<String, Versioned<Listing>> others = read.fronts();
            if (!coversFronts(others, read.home().value(), read.wrote().keySet())) {
                // The other fronts were read before home: home records a newer one, so read them again.
                others = sectionFronts(read.wrote().keySet(), read.after());
            }
            if (read.after().isPresent()
                    && newerThan(read.wrote().values(), read.after().get()) < frontSizes.sectionFront()) {
                // The fronts written do not fill home after that time: older entries of the others may show.
                others = sectionFronts(read.wrote().keySet(), Optional.empty());
            }
            Map<String, Listing> bySection = new LinkedHashMap<>();
            Map<String, Long> seen = new TreeMap<>();
            for (String section : sections) {
                if (read.wrote().containsKey(section)) {
                    bySection.put(section, read.wrote().get(section));
                    seen.put(section, written.get(section));
                } else if (others.containsKey(section)) {
                    bySection.put(section, others.get(section).value());
                    seen.put(section, others.get(section).version());
                } else {
                    seen.put(section, 0L);
                }
            }
            Listing next = Listings.withSeen(Listings.home(bySection, frontSizes.sectionFront()), seen);
            if (listings.put(id, NewestEntries.stored(id, next), read.home().version())) {
                frontsRead.putAll(bySection);
                return Optional.of(new Versioned<>(next, read.home().version() + 1));
            }
            pause(1);
        }
        for (int attempt = first.isPresent() ? 2 : 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
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
            NewestEntries.fronts(listings, stored, frontSizes.sectionFront(), concurrently)
                    .forEach((frontId, front) -> bySection.put(ids.get(frontId), front));
            Listing next = Listings.withSeen(Listings.home(bySection, frontSizes.sectionFront()), seen);
            if (listings.put(id, NewestEntries.stored(id, next), head.version())) {
                frontsRead.putAll(bySection);
                return Optional.of(new Versioned<>(next, head.version() + 1));
            }
            pause(attempt);
        }
        throw contended(id);
    }

    /**
     * What home's first attempt reads: home, its version read before this change writes its section
     * fronts; the other section fronts with their versions (read from the start of the change, so
     * possibly before home: {@link #recomputeHome} reads them again when home records a newer one),
     * as their pages show them or,
     * with {@code after}, with only their entries published after it (what home and the news
     * sitemap need of them when the fronts written hold home's newest after that time), and the
     * fronts this change wrote, by section.
     */
    record HomeRead(Versioned<Listing> home, Map<String, Versioned<Listing>> fronts, Map<String, Listing> wrote,
                    Optional<Instant> after) {
    }

    /**
     * True when {@code home} records, for no section but {@code ours}, a front version newer than
     * the one in {@code fronts} (absent: 0). Fronts read before home's version are good for home's
     * write only then: a front written after that read has a home recompute of its own, which either
     * fails our write or finds our home recording the older front (as for {@link #recomputeFront}).
     */
    private boolean coversFronts(Map<String, Versioned<Listing>> fronts, Listing home, Set<String> ours) {
        Map<String, Long> recorded = Listings.seen(home);
        return sections.stream().filter(section -> !ours.contains(section)).allMatch(section ->
                recorded.getOrDefault(section, 0L) <= (fronts.containsKey(section) ? fronts.get(section).version() : 0L));
    }

    private static long newerThan(java.util.Collection<Listing> fronts, Instant after) {
        return fronts.stream().flatMap(front -> front.entries().stream())
                .filter(e -> e.publishAt() != null && e.publishAt().isAfter(after)).count();
    }

    /** Home as stored: read before the section fronts home's first attempt reads or takes as written. */
    Versioned<Listing> readHome() {
        return read(ListingId.home());
    }

    /**
     * The stored section fronts of the site's sections other than {@code skip}, with their versions,
     * as their pages show them or, with {@code after}, with their entries published after it alone
     * ({@link NewestEntries#frontAfter}).
     */
    Map<String, Versioned<Listing>> sectionFronts(Set<String> skip, Optional<Instant> after) {
        Map<ListingId, String> ids = new LinkedHashMap<>();
        sections.stream().filter(section -> !skip.contains(section))
                .forEach(section -> ids.put(ListingId.sectionFront(section), section));
        Map<ListingId, Versioned<Listing>> found = ids.isEmpty() ? Map.of() : listings.getAll(ids.keySet());
        Map<ListingId, Listing> stored = new LinkedHashMap<>();
        ids.keySet().forEach(frontId -> {
            if (found.containsKey(frontId)) {
                stored.put(frontId, found.get(frontId).value());
            }
        });
        Map<String, Versioned<Listing>> fronts = new LinkedHashMap<>();
        if (after.isPresent()) {
            List<ListingId> frontIds = new ArrayList<>(stored.keySet());
            List<java.util.function.Supplier<Listing>> reads = new ArrayList<>();
            frontIds.forEach(frontId -> reads.add(() ->
                    NewestEntries.frontAfter(listings, frontId, stored.get(frontId), frontSizes.sectionFront(),
                            after.get(), concurrently)));
            List<Listing> read = concurrently.getAll(reads);
            for (int i = 0; i < frontIds.size(); i++) {
                ListingId frontId = frontIds.get(i);
                fronts.put(ids.get(frontId), new Versioned<>(read.get(i), found.get(frontId).version()));
            }
            return fronts;
        }
        NewestEntries.fronts(listings, stored, frontSizes.sectionFront(), concurrently).forEach((frontId, view) ->
                fronts.put(ids.get(frontId), new Versioned<>(view, found.get(frontId).version())));
        return fronts;
    }

    Versioned<Listing> read(ListingId id) {
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
