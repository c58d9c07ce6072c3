package broadsheet.core.listing;

import broadsheet.core.site.SiteLayout;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.text.Slugs;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * Pure functions on listings: what an article looks like in a listing, where it belongs, and how
 * month listings, fronts and home are derived. No I/O; {@code broadsheet.core.publish.Publisher} does the reads
 * and conditional writes around them.
 */
public final class Listings {

    /**
     * Newest first by publish time (an entry without one last); equal publish times by slug, so
     * the order is total. Listing pages are rendered in this order too.
     */
    public static final Comparator<ListingEntry> OLDEST_FIRST = Comparator
            .comparing(ListingEntry::publishAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ListingEntry::slug);

    /**
     * Newest first: exactly the reverse of {@link #OLDEST_FIRST}, the order of the entry items'
     * keys ({@link #entryKey}), so a store can read the newest entries of a month backwards.
     */
    public static final Comparator<ListingEntry> NEWEST_FIRST = OLDEST_FIRST.reversed();

    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter HOUR_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Listings() {
    }

    /** The teaser of an article shown on listing pages. */
    public static ListingEntry entryOf(Article article) {
        LeadImage image = article.image();
        return new ListingEntry(article.slug(), article.section(), article.headline(), article.standfirst(),
                article.publishAt(), article.updatedAt(),
                image == null ? null : image.src(), image == null ? null : image.alt(),
                article.authors(), article.tags());
    }

    /**
     * Every collection an article is listed in while live: its section, each of its authors and
     * each of its tags (by slug, each once). At most 1 + 10 authors + 20 tags, the limits the
     * validator enforces, whatever the size of the site.
     */
    public static SortedSet<ListingId.Collection> collectionsOf(Article article) {
        SortedSet<ListingId.Collection> collections = new TreeSet<>();
        collections.add(ListingId.Collection.section(article.section()));
        article.authors().forEach(name -> collections.add(ListingId.Collection.author(Slugs.forName(name))));
        article.tags().forEach(tag -> collections.add(ListingId.Collection.tag(Slugs.forName(tag))));
        return collections;
    }

    /** The month listings an article belongs to while live: one per collection. */
    public static SortedSet<ListingId> monthListingsOf(Article article) {
        YearMonth month = monthOf(article.publishAt());
        SortedSet<ListingId> months = new TreeSet<>();
        collectionsOf(article).forEach(c -> months.add(c.month(month)));
        return months;
    }

    /** The archive month (UTC) of a publish time. */
    public static YearMonth monthOf(Instant publishAt) {
        return SiteLayout.archiveMonth(publishAt);
    }

    /** The archive day (UTC) of a publish time. */
    public static LocalDate dayOf(Instant publishAt) {
        return LocalDate.ofInstant(publishAt, ZoneOffset.UTC);
    }

    /**
     * The sort key of an entry item inside its month listing: the publish time at fixed width
     * (nanoseconds, UTC), then the slug, so keys sort exactly like {@link #OLDEST_FIRST}.
     */
    public static String entryKey(Instant publishAt, String slug) {
        return KEY_TIME.format(publishAt) + "#" + slug;
    }

    /** The month listing an entry key ({@link #entryKey}) belongs to: the month of its publish time. */
    public static YearMonth monthOfKey(String key) {
        int end = key.indexOf('#');
        if (end < 0) {
            throw new IllegalArgumentException("not an entry key: " + key);
        }
        return monthOf(Instant.from(KEY_TIME.parse(key.substring(0, end))));
    }

    /**
     * Prefix of the keys in a front's or home's counts that record the version of each listing
     * it was computed from ({@code v:2026-11}: the month head's version a front read;
     * {@code v:world}: the section front's version home read). See {@link #seen}.
     */
    public static final String SEEN = "v:";

    /** The versions a front or home records of the listings it read, by month or section. */
    public static Map<String, Long> seen(Listing listing) {
        Map<String, Long> seen = new TreeMap<>();
        listing.monthCounts().forEach((key, value) -> {
            if (key.startsWith(SEEN)) {
                seen.put(key.substring(SEEN.length()), value.longValue());
            }
        });
        return seen;
    }

    /** The counts of a listing without the versions it records. */
    public static Map<String, Integer> counts(Listing listing) {
        Map<String, Integer> counts = new TreeMap<>(listing.monthCounts());
        counts.keySet().removeIf(key -> key.startsWith(SEEN));
        return counts;
    }

    /** The listing recording {@code seen} (and no other versions). */
    public static Listing withSeen(Listing listing, Map<String, Long> seen) {
        Map<String, Integer> counts = new TreeMap<>(counts(listing));
        seen.forEach((key, version) -> counts.put(SEEN + key, Math.toIntExact(version)));
        return new Listing(listing.entries(), counts);
    }

    /** True when {@code listing} records, for every key of {@code written}, a version at least as new. */
    public static boolean covers(Listing listing, Map<String, Long> written) {
        Map<String, Long> seen = seen(listing);
        return written.entrySet().stream().allMatch(w -> seen.getOrDefault(w.getKey(), 0L) >= w.getValue());
    }

    /** The hour (UTC) of a publish time: the unit a month head counts in. */
    public static Instant hourOf(Instant publishAt) {
        return publishAt.truncatedTo(ChronoUnit.HOURS);
    }

    /** The key of an hour in a month head: {@code yyyy-MM-ddTHH} (UTC). */
    public static String hourKey(Instant hour) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(hour.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1000 || year > 9999) {
            return HOUR_KEY.format(hour);
        }
        // as HOUR_KEY formats it, without the formatter's cost (a whole-site rendering keys every entry)
        return year + "-" + SiteLayout.twoDigits(time.getMonthValue()) + "-" + SiteLayout.twoDigits(time.getDayOfMonth())
                + "T" + SiteLayout.twoDigits(time.getHour());
    }

    /**
     * The hour counts of a month head (start of the hour to its entry count, zero counts
     * included), in time order. Anything else a head holds is ignored: a month listing stored by
     * an earlier release as one item with all its entries reads as a head with no hours.
     */
    public static SortedMap<Instant, Integer> hourCounts(Listing head) {
        SortedMap<Instant, Integer> hours = new TreeMap<>();
        head.monthCounts().forEach((key, count) -> {
            if (count != null && isHourKey(key)) {
                hours.put(parseHour(key), count);
            }
        });
        return hours;
    }

    /**
     * The start of the hour {@code yyyy-MM-ddTHH} names (UTC), as {@code Instant.parse(key + ":00:00Z")}
     * reads it, without the formatter's cost (every month page of a whole-site rendering reads
     * its hours): a key outside the fields' ranges is left to {@link Instant#parse}.
     */
    static Instant parseHour(String key) {
        int year = digits(key, 0, 4);
        int month = digits(key, 5, 7);
        int day = digits(key, 8, 10);
        int hour = digits(key, 11, 13);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour > 23) {
            return Instant.parse(key + ":00:00Z");
        }
        return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
    }

    /** True for an hour key: {@code dddd-dd-ddTdd}, ASCII digits (what the pattern {@code \d{4}-\d{2}-\d{2}T\d{2}} matches). */
    static boolean isHourKey(String key) {
        if (key.length() != 13 || key.charAt(4) != '-' || key.charAt(7) != '-' || key.charAt(10) != 'T') {
            return false;
        }
        for (int i = 0; i < 13; i++) {
            char c = key.charAt(i);
            if (i != 4 && i != 7 && i != 10 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    /** The day counts of a month head: the sums of its hours, days whose hours are all 0 kept at 0. */
    public static SortedMap<LocalDate, Integer> dayCounts(Listing head) {
        SortedMap<LocalDate, Integer> days = new TreeMap<>();
        hourCounts(head).forEach((hour, count) -> days.merge(dayOf(hour), count, Integer::sum));
        return days;
    }

    /** A month head: the hours of {@code previous} with the counts of {@code hoursRead} refreshed (kept at 0). */
    public static Listing head(Listing previous, Map<Instant, Integer> hoursRead) {
        Map<String, Integer> counts = new TreeMap<>();
        hourCounts(previous).forEach((hour, count) -> counts.put(hourKey(hour), count));
        hoursRead.forEach((hour, count) -> counts.put(hourKey(hour), count));
        return new Listing(List.of(), counts);
    }

    /**
     * A month listing in full, as checks and whole-site renderings see it: every entry, newest
     * first, and the hour counts its head holds (only hours with entries).
     */
    public static Listing monthView(List<ListingEntry> entries) {
        Map<String, Integer> counts = new TreeMap<>();
        entries.forEach(e -> counts.merge(hourKey(hourOf(e.publishAt())), 1, Integer::sum));
        return new Listing(newest(new ArrayList<>(entries), Integer.MAX_VALUE), counts);
    }

    /** The head's hour counts without the hours left empty: what {@link #monthView} counts. */
    public static Map<String, Integer> nonEmptyHours(Listing head) {
        Map<String, Integer> counts = new TreeMap<>();
        hourCounts(head).forEach((hour, count) -> {
            if (count > 0) {
                counts.put(hourKey(hour), count);
            }
        });
        return counts;
    }

    /** The number of entries a month head counts. */
    public static int total(Listing head) {
        return hourCounts(head).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many pages a day of {@code count} entries has at {@code pageSize} a page (at least one). */
    public static int pagesOf(int count, int pageSize) {
        return Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** The month listing an article belongs to while it is live. */
    public static ListingId monthListingOf(Article article) {
        return ListingId.sectionMonth(article.section(), monthOf(article.publishAt()));
    }

    /**
     * A front from the front it replaces, the entry counts of the months just read (0: dropped),
     * and the newest entries of the collection read newest first from its newest months; the
     * counts of months not read are carried over.
     */
    public static Listing front(Listing previous, Map<YearMonth, Integer> countsRead, List<ListingEntry> newest,
                                int frontSize) {
        Map<String, Integer> monthCounts = new TreeMap<>(previous.monthCounts());
        countsRead.forEach((month, count) -> {
            if (count == 0) {
                monthCounts.remove(month.toString());
            } else {
                monthCounts.put(month.toString(), count);
            }
        });
        return new Listing(newest(new ArrayList<>(newest), frontSize), monthCounts);
    }

    /** The listing with {@code entry} in place of any entry of the same slug, in order. */
    public static Listing upsert(Listing listing, ListingEntry entry) {
        List<ListingEntry> entries = new ArrayList<>(listing.entries().size() + 1);
        for (ListingEntry e : listing.entries()) {
            if (!e.slug().equals(entry.slug())) {
                entries.add(e);
            }
        }
        entries.add(entry);
        entries.sort(NEWEST_FIRST);
        return new Listing(entries, listing.monthCounts());
    }

    /** The listing without the entry of this slug (the same listing when there is none). */
    public static Listing remove(Listing listing, String slug) {
        List<ListingEntry> entries = listing.entries().stream().filter(e -> !e.slug().equals(slug)).toList();
        return entries.size() == listing.entries().size() ? listing : new Listing(entries, listing.monthCounts());
    }

    /**
     * A front (of a section, author or tag) from the front it replaces and the month listings just read. The counts of
     * the months read are refreshed (a month with no entries is dropped); other counts are carried
     * over. The entries are the newest {@code frontSize} entries of the months read, which must be
     * every month of the collection newer than the oldest month read (the caller reads newest first).
     */
    public static Listing front(Listing previous, Map<YearMonth, Listing> monthsRead, int frontSize) {
        Map<String, Integer> monthCounts = new TreeMap<>(previous.monthCounts());
        List<ListingEntry> entries = new ArrayList<>();
        monthsRead.forEach((month, listing) -> {
            int count = listing.entries().size();
            if (count == 0) {
                monthCounts.remove(month.toString());
            } else {
                monthCounts.put(month.toString(), count);
            }
            entries.addAll(listing.entries());
        });
        return new Listing(newest(entries, frontSize), monthCounts);
    }

    /**
     * The home listing from every section front: the newest {@code frontSize} entries of the site
     * and the entry count of every archive month, keyed {@code <section>/<yyyy-MM>}.
     */
    public static Listing home(Map<String, Listing> fronts, int frontSize) {
        Map<String, Integer> monthCounts = new TreeMap<>();
        List<ListingEntry> entries = new ArrayList<>();
        fronts.forEach((section, front) -> {
            counts(front).forEach((month, count) -> monthCounts.put(section + "/" + month, count));
            entries.addAll(front.entries());
        });
        return new Listing(newest(entries, frontSize), monthCounts);
    }

    /** How far back the Google News sitemap reaches. */
    public static final Duration NEWS_WINDOW = Duration.ofDays(2);

    /**
     * The entries of the fronts published in the {@link #NEWS_WINDOW} before {@code now} (and not
     * after it), newest first, each once: what the Google News sitemap lists.
     */
    public static List<ListingEntry> recent(Iterable<Listing> fronts, Instant now) {
        Instant since = now.minus(NEWS_WINDOW);
        Map<String, ListingEntry> bySlug = new TreeMap<>();
        for (Listing front : fronts) {
            for (ListingEntry e : front.entries()) {
                if (e.publishAt() != null && e.publishAt().isAfter(since) && !e.publishAt().isAfter(now)) {
                    bySlug.put(e.slug(), e);
                }
            }
        }
        return newest(new ArrayList<>(bySlug.values()), Integer.MAX_VALUE);
    }

    private static List<ListingEntry> newest(List<ListingEntry> entries, int limit) {
        return entries.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }
}
