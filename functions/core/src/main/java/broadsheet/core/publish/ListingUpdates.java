package broadsheet.core.publish;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingContentionException;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.ListingStore.Versioned;
import broadsheet.core.listing.Listings;
import broadsheet.core.publish.ChangePlan.MonthEdit;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publisher's listing writes: read, edit and write each listing conditionally on the version
 * read, retrying on contention (docs/design-publishing.md, "Month listing: read, edit, conditional
 * write" and "Front: version first, then the months"). Month edits, front recomputes and home.
 */
final class ListingUpdates {

    private final ListingStore listings;
    private final List<String> sections;
    private final int frontSize;

    ListingUpdates(ListingStore listings, List<String> sections, int frontSize) {
        this.listings = listings;
        this.sections = List.copyOf(sections);
        this.frontSize = frontSize;
    }

    /** Read, edit, write over the version read; an edit that changes nothing writes nothing. */
    Versioned<Listing> editMonth(MonthEdit edit) {
        ListingId id = edit.listing();
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> current = read(id);
            Listing next = edit.applyTo(current.value());
            if (next.equals(current.value())) {
                return current;
            }
            if (listings.put(id, next, current.version())) {
                return new Versioned<>(next, current.version() + 1);
            }
            pause(attempt);
        }
        throw contended(id);
    }

    /**
     * Recomputes a front (of a section, an author or a tag). The front's version is read BEFORE the month listings, and the
     * write is conditional on it: a front write that succeeds has seen every month write whose
     * own front recompute wrote the front before it. The front is written even when its content
     * is unchanged, so that the version moves on and a recompute that read older month listings
     * concurrently cannot then commit over it.
     */
    Versioned<Listing> recomputeFront(ListingId id, SortedSet<YearMonth> touched) {
        ListingId.Collection collection = id.collection().orElseThrow();
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            Map<YearMonth, Listing> months = readNewestMonths(collection, head.value().monthCounts(), touched);
            Listing next = Listings.front(head.value(), months, frontSize);
            if (listings.put(id, next, head.version())) {
                return new Versioned<>(next, head.version() + 1);
            }
            pause(attempt);
        }
        throw contended(id);
    }

    /**
     * Reads month listings of the collection newest first until they hold {@code frontSize} entries
     * (or every known month is read), always including the months just edited. The counts the
     * front carries say how many months the first batch needs: usually one read of one or two
     * months.
     */
    private Map<YearMonth, Listing> readNewestMonths(ListingId.Collection collection, Map<String, Integer> counts,
                                                     SortedSet<YearMonth> touched) {
        TreeSet<YearMonth> known = new TreeSet<>(Comparator.reverseOrder());
        counts.keySet().forEach(month -> known.add(YearMonth.parse(month)));
        known.addAll(touched);
        List<YearMonth> candidates = new ArrayList<>(known);

        Map<YearMonth, Listing> read = new HashMap<>();
        Set<YearMonth> batch = new TreeSet<>(touched);
        int prefix = 0;
        while (true) {
            int expected = entriesIn(read, candidates, prefix);
            while (prefix < candidates.size() && expected < frontSize) {
                YearMonth month = candidates.get(prefix++);
                Listing seen = read.get(month);
                if (seen != null) {
                    expected += seen.entries().size();
                } else {
                    batch.add(month);
                    expected += Math.max(1, counts.getOrDefault(month.toString(), 0));
                }
            }
            if (batch.isEmpty()) {
                return read;
            }
            read.putAll(readMonths(collection, batch));
            batch.clear();
            if (prefix == candidates.size() || entriesIn(read, candidates, prefix) >= frontSize) {
                return read;
            }
        }
    }

    private Map<YearMonth, Listing> readMonths(ListingId.Collection collection, Set<YearMonth> months) {
        Map<ListingId, YearMonth> ids = new LinkedHashMap<>();
        months.forEach(month -> ids.put(collection.month(month), month));
        Map<ListingId, Versioned<Listing>> found = listings.getAll(ids.keySet());
        Map<YearMonth, Listing> result = new HashMap<>();
        ids.forEach((id, month) -> {
            Versioned<Listing> listing = found.get(id);
            result.put(month, listing == null ? Listing.EMPTY : listing.value());
        });
        return result;
    }

    private static int entriesIn(Map<YearMonth, Listing> read, List<YearMonth> candidates, int prefix) {
        int total = 0;
        for (int i = 0; i < prefix; i++) {
            Listing listing = read.get(candidates.get(i));
            total += listing == null ? 0 : listing.entries().size();
        }
        return total;
    }

    /**
     * Home, by the same protocol as a front: its version first, then every section front. The
     * fronts of the successful attempt are left in {@code frontsRead} (for the news sitemap).
     */
    Versioned<Listing> recomputeHome(Map<String, Listing> frontsRead) {
        ListingId id = ListingId.home();
        Map<ListingId, String> fronts = new LinkedHashMap<>();
        sections.forEach(section -> fronts.put(ListingId.sectionFront(section), section));
        for (int attempt = 1; attempt <= Publisher.MAX_ATTEMPTS; attempt++) {
            Versioned<Listing> head = read(id);
            Map<ListingId, Versioned<Listing>> found = listings.getAll(fronts.keySet());
            Map<String, Listing> bySection = new LinkedHashMap<>();
            found.forEach((frontId, front) -> bySection.put(fronts.get(frontId), front.value()));
            Listing next = Listings.home(bySection, frontSize);
            if (listings.put(id, next, head.version())) {
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
