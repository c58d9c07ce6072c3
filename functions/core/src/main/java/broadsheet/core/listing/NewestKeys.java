package broadsheet.core.listing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a front stores of the entries its pages show ({@link Listing#newest()}), so that a reader
 * gets them with one Query and one batch read instead of a Query of every month they span: the
 * newest of them's month, how many of them that month holds (one Query of the month reads those),
 * and the entry keys of the others, newest first.
 *
 * <p>Stored as a list: the month ({@code yyyy-MM}), then one element per entry shown, newest
 * first: empty for an entry of that month, otherwise its publish time and slug in short
 * ({@code <epoch seconds, base 36>[.<fraction of a second>]#<slug>}, {@code tz3q5c.949#harbour-letter}:
 * a front is written on every publish into it, and this is some 24 bytes shorter than the entry
 * key, {@link Listings#entryKey}, that {@link #older} gives). A front that shows 50 entries of its
 * newest month stores the month and 50 empty strings (about 160 bytes); one whose 50 entries span
 * 50 months about 2.5 KB with slugs of 40 characters. A front with no entries, or one stored by an
 * earlier release, stores none ({@link #of} is empty): its readers read its months.
 *
 * @param older the entry keys of the entries in older months, newest first
 */
public record NewestKeys(YearMonth month, int inMonth, List<String> older) {

    public NewestKeys {
        older = List.copyOf(older);
        if (inMonth < 1) {
            throw new IllegalArgumentException("a front's newest entries start in their newest month: " + inMonth);
        }
    }

    /** The number of entries the front shows. */
    public int size() {
        return inMonth + older.size();
    }

    /**
     * The keys of the newest {@code n} of these entries: what a front that keeps {@code n} entries
     * reads of keys stored by one that kept more (an earlier release, or another front size).
     */
    public NewestKeys first(int n) {
        if (size() <= n) {
            return this;
        }
        int fromMonth = Math.min(inMonth, n);
        return new NewestKeys(month, fromMonth, older.subList(0, n - fromMonth));
    }

    /** The keys of a front's entries (newest first, as its pages show them); empty for none. */
    public static List<String> stored(List<ListingEntry> newestFirst) {
        if (newestFirst.isEmpty()) {
            return List.of();
        }
        YearMonth month = Listings.monthOf(newestFirst.get(0).publishAt());
        List<String> stored = new ArrayList<>(newestFirst.size() + 1);
        stored.add(month.toString());
        for (ListingEntry entry : newestFirst) {
            stored.add(Listings.monthOf(entry.publishAt()).equals(month)
                    ? "" : shortKey(entry.publishAt(), entry.slug()));
        }
        return Collections.unmodifiableList(stored);
    }

    /** The keys a front stores, when it stores them. */
    public static Optional<NewestKeys> of(Listing front) {
        List<String> stored = front.newest();
        if (stored.size() < 2) {
            return Optional.empty();
        }
        YearMonth month = YearMonth.parse(stored.get(0));
        int inMonth = 0;
        List<String> older = new ArrayList<>();
        for (String key : stored.subList(1, stored.size())) {
            if (key.isEmpty()) {
                inMonth++;
            } else {
                older.add(entryKey(key));
            }
        }
        return Optional.of(new NewestKeys(month, inMonth, older));
    }

    /** An entry's publish time and slug as a front stores them: {@code <epoch seconds, base 36>[.<fraction>]#<slug>}. */
    static String shortKey(Instant publishAt, String slug) {
        StringBuilder key = new StringBuilder(Long.toString(publishAt.getEpochSecond(), Character.MAX_RADIX));
        int nanos = publishAt.getNano();
        if (nanos != 0) {
            // the nine digits of the fraction without their trailing zeros
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            String fraction = Integer.toString(nanos);
            key.append('.').append("000000000", 0, digits - fraction.length()).append(fraction);
        }
        return key.append('#').append(slug).toString();
    }

    /** The entry key ({@link Listings#entryKey}) of a key in short ({@link #shortKey}). */
    static String entryKey(String shortKey) {
        int hash = shortKey.indexOf('#');
        int dot = shortKey.indexOf('.');
        if (hash < 1 || (dot >= 0 && (dot > hash || hash - dot - 1 > 9 || hash - dot - 1 < 1))) {
            throw new IllegalArgumentException("not a front's entry key: " + shortKey);
        }
        long seconds = Long.parseLong(shortKey.substring(0, dot < 0 ? hash : dot), Character.MAX_RADIX);
        int nanos = 0;
        if (dot >= 0) {
            String fraction = shortKey.substring(dot + 1, hash);
            for (int i = 0; i < fraction.length(); i++) {
                if (fraction.charAt(i) < '0' || fraction.charAt(i) > '9') {
                    throw new IllegalArgumentException("not a front's entry key: " + shortKey);
                }
            }
            nanos = Integer.parseInt((fraction + "00000000").substring(0, 9));
        }
        return Listings.entryKey(Instant.ofEpochSecond(seconds, nanos), shortKey.substring(hash + 1));
    }
}
