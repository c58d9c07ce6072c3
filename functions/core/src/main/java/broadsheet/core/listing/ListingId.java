package broadsheet.core.listing;

import java.time.YearMonth;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names one listing item. Besides {@code home}, every listing belongs to a {@link Collection}
 * of articles: a section, an author or a tag. Each collection has a front and month listings:
 * <ul>
 *   <li>{@code home}: the newest articles of the whole site (home page, site feeds, sitemap index);</li>
 *   <li>{@code <type>/<slug>/front}: the newest articles of the collection (its front page, and a
 *       section's feeds) and the entry count of each of its archive months;</li>
 *   <li>{@code <type>/<slug>/<yyyy-MM>}: every live article of the collection whose publish time
 *       falls in that month (UTC): one archive page (and, for a section, one sitemap).</li>
 * </ul>
 * {@code <type>} is {@code section}, {@code author} or {@code tag}; section ids are unchanged
 * from before authors and tags had listings. An article belongs to exactly one archive month of
 * each of its collections, derived from its publish time alone, so adding an article never
 * shifts any other archive page.
 */
public record ListingId(String value) implements Comparable<ListingId> {

    public enum Kind {
        HOME, SECTION_FRONT, SECTION_MONTH, AUTHOR_FRONT, AUTHOR_MONTH, TAG_FRONT, TAG_MONTH;

        public boolean isFront() {
            return this == SECTION_FRONT || this == AUTHOR_FRONT || this == TAG_FRONT;
        }

        public boolean isMonth() {
            return this == SECTION_MONTH || this == AUTHOR_MONTH || this == TAG_MONTH;
        }
    }

    /** A set of articles with its own front and archive months. */
    public record Collection(Type type, String slug) implements Comparable<Collection> {

        public enum Type {
            SECTION, AUTHOR, TAG;

            /** The first segment of the listing id: {@code section}, {@code author}, {@code tag}. */
            public String prefix() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Collection {
            Objects.requireNonNull(type, "type");
            if (slug == null || !SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException("not a collection slug: " + slug);
            }
        }

        public static Collection section(String slug) {
            return new Collection(Type.SECTION, slug);
        }

        public static Collection author(String slug) {
            return new Collection(Type.AUTHOR, slug);
        }

        public static Collection tag(String slug) {
            return new Collection(Type.TAG, slug);
        }

        public ListingId front() {
            return new ListingId(type.prefix() + "/" + slug + "/" + FRONT);
        }

        public ListingId month(YearMonth month) {
            return new ListingId(type.prefix() + "/" + slug + "/" + month);
        }

        @Override
        public int compareTo(Collection other) {
            int byType = type.compareTo(other.type);
            return byType != 0 ? byType : slug.compareTo(other.slug);
        }
    }

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final String HOME = "home";
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
        return Collection.section(section).front();
    }

    public static ListingId sectionMonth(String section, YearMonth month) {
        return Collection.section(section).month(month);
    }

    public static ListingId authorFront(String authorSlug) {
        return Collection.author(authorSlug).front();
    }

    public static ListingId authorMonth(String authorSlug, YearMonth month) {
        return Collection.author(authorSlug).month(month);
    }

    public static ListingId tagFront(String tagSlug) {
        return Collection.tag(tagSlug).front();
    }

    public static ListingId tagMonth(String tagSlug, YearMonth month) {
        return Collection.tag(tagSlug).month(month);
    }

    public Kind kind() {
        Optional<Collection> collection = collection();
        if (collection.isEmpty()) {
            return Kind.HOME;
        }
        boolean front = value.endsWith("/" + FRONT);
        return switch (collection.get().type()) {
            case SECTION -> front ? Kind.SECTION_FRONT : Kind.SECTION_MONTH;
            case AUTHOR -> front ? Kind.AUTHOR_FRONT : Kind.AUTHOR_MONTH;
            case TAG -> front ? Kind.TAG_FRONT : Kind.TAG_MONTH;
        };
    }

    /** The collection of a front or month listing; empty for {@code home}. */
    public Optional<Collection> collection() {
        if (value.equals(HOME)) {
            return Optional.empty();
        }
        int first = value.indexOf('/');
        Collection.Type type = Collection.Type.valueOf(value.substring(0, first).toUpperCase(Locale.ROOT));
        return Optional.of(new Collection(type, value.substring(first + 1, value.lastIndexOf('/'))));
    }

    /** The front listing of this listing's collection; empty for {@code home}. */
    public Optional<ListingId> front() {
        return collection().map(Collection::front);
    }

    /** The section of a section listing; empty for {@code home} and for author and tag listings. */
    public Optional<String> section() {
        return collection().filter(c -> c.type() == Collection.Type.SECTION).map(Collection::slug);
    }

    /** The archive month of a month listing. */
    public Optional<YearMonth> month() {
        if (!kind().isMonth()) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.parse(value.substring(value.lastIndexOf('/') + 1)));
    }

    private static boolean isWellFormed(String value) {
        if (value.equals(HOME)) {
            return true;
        }
        String[] parts = value.split("/", -1);
        if (parts.length != 3) {
            return false;
        }
        boolean knownType = parts[0].equals("section") || parts[0].equals("author") || parts[0].equals("tag");
        return knownType && SLUG.matcher(parts[1]).matches()
                && (parts[2].equals(FRONT) || MONTH.matcher(parts[2]).matches());
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
