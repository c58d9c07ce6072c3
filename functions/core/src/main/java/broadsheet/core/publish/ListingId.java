package broadsheet.core.publish;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one listing item. Three kinds exist:
 * <ul>
 *   <li>{@code home}: the newest articles of the whole site (home page, site feed, sitemap index);</li>
 *   <li>{@code section/<section>/front}: the newest articles of a section (section front, section
 *       feed) and the entry count of each of its archive months;</li>
 *   <li>{@code section/<section>/<yyyy-MM>}: every published article of a section whose publish
 *       time falls in that month (UTC): one archive page and one sitemap.</li>
 * </ul>
 * An article belongs to exactly one archive month, derived from its publish time alone, so
 * adding an article never shifts any other archive page.
 */
public record ListingId(String value) implements Comparable<ListingId> {

    public enum Kind { HOME, SECTION_FRONT, SECTION_MONTH }

    private static final String HOME = "home";
    private static final String SECTION = "section/";
    private static final String FRONT = "front";

    public ListingId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a listing id: " + value);
        }
    }

    public static ListingId home() {
        return new ListingId(HOME);
    }

    public static ListingId sectionFront(String section) {
        return new ListingId(SECTION + section + "/" + FRONT);
    }

    public static ListingId sectionMonth(String section, YearMonth month) {
        return new ListingId(SECTION + section + "/" + month);
    }

    public Kind kind() {
        if (value.equals(HOME)) {
            return Kind.HOME;
        }
        return value.endsWith("/" + FRONT) ? Kind.SECTION_FRONT : Kind.SECTION_MONTH;
    }

    /** The section of a section listing; empty for {@code home}. */
    public Optional<String> section() {
        if (kind() == Kind.HOME) {
            return Optional.empty();
        }
        return Optional.of(value.substring(SECTION.length(), value.lastIndexOf('/')));
    }

    /** The archive month of a {@code SECTION_MONTH} listing. */
    public Optional<YearMonth> month() {
        if (kind() != Kind.SECTION_MONTH) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.parse(value.substring(value.lastIndexOf('/') + 1)));
    }

    private static boolean isWellFormed(String value) {
        if (value.equals(HOME)) {
            return true;
        }
        if (!value.startsWith(SECTION)) {
            return false;
        }
        String rest = value.substring(SECTION.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        String section = rest.substring(0, slash);
        String tail = rest.substring(slash + 1);
        return section.matches("[a-z0-9-]+") && (tail.equals(FRONT) || tail.matches("\\d{4}-\\d{2}"));
    }

    @Override
    public int compareTo(ListingId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
