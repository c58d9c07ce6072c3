package broadsheet.core.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** URL slugs: the rules a slug must follow and the slug derived from a headline. */
public final class Slugs {

    public static final int MAX_LENGTH = 80;

    /**
     * Names that would clash with site paths or that we keep for later use. An article slug is
     * used as {@code <section>/<slug>/}, so these also guard paths such as {@code world/archive/}.
     */
    public static final Set<String> RESERVED = Set.of(
            "api", "media", "feeds", "feed", "static", "archive", "archives", "sitemaps", "sitemap",
            "index", "404", "tag", "tags", "author", "authors", "preview", "search", "assets", "robots",
            "section", "sections", "page", "admin", "login", "rss", "atom", "new", "edit", "drafts");

    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    /** Letters that do not decompose into a base letter plus marks. */
    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('ẞ', "ss"), Map.entry('æ', "ae"), Map.entry('Æ', "ae"),
            Map.entry('ø', "o"), Map.entry('Ø', "o"), Map.entry('ł', "l"), Map.entry('Ł', "l"),
            Map.entry('đ', "d"), Map.entry('Đ', "d"), Map.entry('ð', "d"), Map.entry('Ð', "d"),
            Map.entry('þ', "th"), Map.entry('Þ', "th"), Map.entry('œ', "oe"), Map.entry('Œ', "oe"),
            Map.entry('ı', "i"), Map.entry('ħ', "h"), Map.entry('Ħ', "h"), Map.entry('ŋ', "ng"),
            Map.entry('&', " and "));

    private Slugs() {
    }

    /** True when the slug has the right characters and shape (reserved names aside). */
    public static boolean isWellFormed(String slug) {
        return slug != null && !slug.isEmpty() && slug.length() <= MAX_LENGTH && WELL_FORMED.matcher(slug).matches();
    }

    public static boolean isReserved(String slug) {
        return RESERVED.contains(slug);
    }

    /**
     * The slug for a headline: lowercase ASCII, accents transliterated, everything else folded to
     * single hyphens, at most {@value #MAX_LENGTH} characters cut at a hyphen. A headline with no
     * Latin letters or digits (e.g. all CJK) gets a stable {@code article-<8 hex>} slug from the
     * hash of the headline; a reserved result gets an {@code -article} suffix.
     */
    public static String fromHeadline(String headline) {
        String text = headline == null ? "" : headline;
        String slug = fold(text);
        if (slug.isEmpty()) {
            return "article-" + shortHash(text);
        }
        return isReserved(slug) ? slug + "-article" : slug;
    }

    /**
     * The slug of an author's name or a tag, for {@code /author/<slug>/} and {@code /tag/<slug>/}:
     * folded like a headline; a name with no Latin letters or digits gets {@code n-<8 hex>} from
     * its hash. Reserved names need no suffix here: they sit below {@code author/} or {@code tag/}.
     */
    public static String forName(String name) {
        String text = name == null ? "" : name.strip();
        String slug = fold(text);
        return slug.isEmpty() ? "n-" + shortHash(text) : slug;
    }

    private static String fold(String text) {
        String slug = isPlainAscii(text) ? hyphenatePlainAscii(text) : hyphenateAnyText(text);
        slug = trimHyphens(slug);
        if (slug.length() > MAX_LENGTH) {
            String cut = slug.substring(0, MAX_LENGTH);
            int hyphen = cut.lastIndexOf('-');
            boolean cutInsideWord = slug.charAt(MAX_LENGTH) != '-';
            slug = cutInsideWord && hyphen > 0 ? cut.substring(0, hyphen) : trimHyphens(cut);
        }
        return slug;
    }

    /** ASCII without {@code &}: nothing to transliterate or decompose, the common case for names and tags. */
    static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == '&') {
                return false;
            }
        }
        return true;
    }

    /** What {@link #hyphenateAnyText} gives for plain ASCII, without normalising or regular expressions. */
    static String hyphenatePlainAscii(String text) {
        StringBuilder slug = new StringBuilder(text.length());
        boolean inGap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
                inGap = false;
            } else if (!inGap) {
                slug.append('-');
                inGap = true;
            }
        }
        return slug.toString();
    }

    /** Letters transliterated, accents dropped, lowercase, every run of other characters one hyphen. */
    static String hyphenateAnyText(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = LETTERS.get(c);
            mapped.append(replacement != null ? replacement : String.valueOf(c));
        }
        String ascii = MARKS.matcher(Normalizer.normalize(mapped, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(ascii.toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
