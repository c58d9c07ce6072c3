package broadsheet.core.render;

import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What every kind of page shares: the site config and layout, the one template factory the
 * templates are compiled with, the page chrome (header, breadcrumb) and the display formats.
 * Made once per {@link MustachePages}; read-only after construction but for its day cache.
 */
final class PageContext {

    private static final Pattern MONTH_KEY = Pattern.compile("\\d{4}-\\d{2}");

    private final SiteConfig config;
    private final SiteLayout layout;
    private final MustacheFactory factory = new TemplateFactory("broadsheet");
    private final DateTimeFormatter dayFormat;
    private final DateTimeFormatter timeFormat;
    private final DateTimeFormatter monthFormat;
    /** {@link #day} by epoch day. */
    private final Map<Long, String> days = new ConcurrentHashMap<>();
    /** {@link #month} by month. */
    private final Map<YearMonth, String> months = new ConcurrentHashMap<>();
    /** {@link #site} by current section slug, "" for none. */
    private final Map<String, Views.Site> sites = new HashMap<>();

    PageContext(SiteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.layout = new SiteLayout(config);
        Locale locale = Locale.forLanguageTag(config.language());
        this.dayFormat = DateTimeFormatter.ofPattern("d MMMM yyyy", locale).withZone(ZoneOffset.UTC);
        this.timeFormat = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", locale).withZone(ZoneOffset.UTC);
        this.monthFormat = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
        sites.put("", newSite(null));
        config.sections().forEach(section -> sites.put(section.slug(), newSite(section.slug())));
    }

    SiteConfig config() {
        return config;
    }

    SiteLayout layout() {
        return layout;
    }

    /** A page template, by name under {@code broadsheet/} (e.g. {@code pages/article.mustache}). */
    Mustache template(String name) {
        return factory.compile(name);
    }

    /** The header of a page in {@code currentSection} (null: none), the same for every page of it, so made once. */
    Views.Site site(String currentSection) {
        Views.Site site = sites.get(currentSection == null ? "" : currentSection);
        return site != null ? site : newSite(currentSection);
    }

    private Views.Site newSite(String currentSection) {
        List<Views.NavItem> nav = config.sections().stream()
                .map(s -> new Views.NavItem(s.title(), layout.sectionFrontPath(s.slug()), s.slug().equals(currentSection)))
                .toList();
        return new Views.Site(config.name(), config.language(), layout.homePath(), layout.stylesheetPath(),
                layout.siteFeedUrl(), nav);
    }

    /** Home, then the given crumbs. */
    Views.Breadcrumb breadcrumb(Views.Crumb... rest) {
        List<Views.Crumb> items = new ArrayList<>();
        items.add(new Views.Crumb("Home", layout.homePath(), false));
        items.addAll(List.of(rest));
        return new Views.Breadcrumb(items);
    }

    Section section(String slug) {
        return config.section(slug).orElseThrow(() -> new IllegalArgumentException("unknown section: " + slug));
    }

    String sectionTitle(String slug) {
        return config.section(slug).map(Section::title).orElse(slug);
    }

    /** "Site name" after a page's own title: {@code World | Broadsheet}. */
    String titled(String title) {
        return title + " | " + config.name();
    }

    /** "29 November 2026": formatted once per day, as every listing page shows the day of each teaser. */
    String day(Instant instant) {
        return days.computeIfAbsent(Math.floorDiv(instant.getEpochSecond(), 86_400L), d -> dayFormat.format(instant));
    }

    /** "29 November 2026, 12:00 UTC". */
    String time(Instant instant) {
        return timeFormat.format(instant);
    }

    /** "November 2026": formatted once per month, as every archive page names its month. */
    String month(YearMonth month) {
        return months.computeIfAbsent(month, monthFormat::format);
    }

    /**
     * An instant as HTML spells a global date and time ({@code <time datetime>}, and the same
     * spelling in the page's metadata): UTC, whole seconds, with three fraction digits only when
     * the milliseconds are not zero ({@code 2026-12-04T13:35:42Z}, {@code 2026-12-04T13:35:42.272Z}).
     * HTML allows at most three; a clock's nanoseconds are cut, not rounded. Null for null.
     */
    static String htmlDateTime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** RFC 3339 as {@link Instant#toString()} spells it (Atom, sitemaps); null for null. */
    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A month key {@code yyyy-MM}, or null when the key is not one. */
    static YearMonth parseMonth(String key) {
        if (!MONTH_KEY.matcher(key).matches()) {
            return null;
        }
        try {
            return YearMonth.parse(key);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static <T> List<T> first(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(0, n);
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A page of bytes just rendered, handed over without a copy. */
    static RenderedPage rendered(String key, String contentType, String cacheControl, byte[] body) {
        return RenderedPage.rendered(key, contentType, cacheControl, body, Optional.empty());
    }

    /** The template's page for {@code view} in UTF-8 (most listing pages are 3 to 4 KB). */
    static byte[] render(Mustache template, Object view) {
        return render(template, view, 4 * 1024);
    }

    /** The same, into a buffer of {@code capacity} bytes to start with: a page's expected size saves growing it. */
    static byte[] render(Mustache template, Object view, int capacity) {
        Utf8Writer out = new Utf8Writer(capacity);
        template.execute(out, view);
        return out.toBytes();
    }
}
