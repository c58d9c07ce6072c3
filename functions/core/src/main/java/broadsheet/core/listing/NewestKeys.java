package broadsheet.core.listing;

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
 * first: empty for an entry of that month, its entry key ({@link Listings#entryKey}) otherwise. A
 * front that shows 20 entries of its newest month stores the month and 20 empty strings (about
 * 70 bytes); one whose 20 entries span 18 months about 1.3 KB. A front with no entries, or one
 * stored by an earlier release, stores none ({@link #of} is empty): its readers read its months.
 *
 * @param size the number of entries the front shows
 */
public record NewestKeys(YearMonth month, int inMonth, List<String> older, int size) {

    public NewestKeys {
        older = List.copyOf(older);
        if (inMonth < 1 || size != inMonth + older.size()) {
            throw new IllegalArgumentException("a front's newest entries start in their newest month: "
                    + inMonth + " of " + size);
        }
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
                    ? "" : Listings.entryKey(entry.publishAt(), entry.slug()));
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
                older.add(key);
            }
        }
        return Optional.of(new NewestKeys(month, inMonth, older, stored.size() - 1));
    }
}
