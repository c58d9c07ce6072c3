package broadsheet.core.render;

import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listings;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static broadsheet.core.render.MustachePages.LISTING_CACHE;
import static broadsheet.core.render.MustachePages.TEXT;
import static broadsheet.core.render.MustachePages.XML;
import static broadsheet.core.render.PageContext.firstNonNull;
import static broadsheet.core.render.PageContext.iso;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * The sitemaps ({@code pages/sitemap.mustache}, {@code pages/sitemap-index.mustache}): one per
 * page of a section day (the page and its articles), a sitemap index per section month (those of
 * its days),
 * the site's {@code sitemap.xml} (home, section fronts, archive months), robots.txt listing those
 * and every month index, and the Google News sitemap of recent articles
 * ({@code pages/news-sitemap.mustache}). See docs/design-publishing.md, "Sitemaps".
 */
final class Sitemaps {

    static final List<String> TEMPLATES = List.of("pages/sitemap.mustache", "pages/sitemap-index.mustache",
            "pages/news-sitemap.mustache");

    private final SiteConfig config;
    private final SiteLayout layout;
    private final Mustache sitemapTemplate;
    private final Mustache indexTemplate;
    private final Mustache newsTemplate;
    /** The last {@code sitemap.xml} and robots.txt rendered ({@link LastRendered}). */
    private final LastRendered lastIndex = new LastRendered();
    private final LastRendered lastRobots = new LastRendered();

    Sitemaps(PageContext context) {
        this.config = context.config();
        this.layout = context.layout();
        this.sitemapTemplate = context.template("pages/sitemap.mustache");
        this.indexTemplate = context.template("pages/sitemap-index.mustache");
        this.newsTemplate = context.template("pages/news-sitemap.mustache");
    }

    /**
     * The sitemap of one page of a section day: the page, last modified with its newest entry,
     * then its articles ({@code entries}, newest first): bounded by the page size.
     */
    RenderedPage dayPage(String slug, YearMonth month, LocalDate day, int page, List<ListingEntry> entries) {
        List<Views.SitemapUrl> urls = new ArrayList<>();
        Instant newest = null;
        for (ListingEntry e : entries) {
            Instant modified = firstNonNull(e.updatedAt(), e.publishAt());
            if (modified != null && (newest == null || modified.isAfter(newest))) {
                newest = modified;
            }
            urls.add(new Views.SitemapUrl(layout.articleUrl(e.section(), e.slug()), iso(modified)));
        }
        urls.add(0, new Views.SitemapUrl(layout.url(ListingPages.dayPath(layout.archivePath(slug, month), day, page)),
                iso(newest)));
        return rendered(layout.daySitemapKey(slug, day, page), XML, LISTING_CACHE,
                render(sitemapTemplate, new Views.UrlSet(urls)));
    }

    /**
     * A section month's sitemap index: the sitemap of each page of each of its days with entries,
     * from the head's counts. A month with none is an index of nothing, which the protocol does
     * not allow: it is then a sitemap of the month's archive page alone.
     */
    RenderedPage month(String slug, YearMonth month, SortedMap<LocalDate, Integer> dayCounts) {
        List<Views.SitemapUrl> sitemaps = new ArrayList<>();
        dayCounts.forEach((day, count) -> {
            for (int page = 1; count > 0 && page <= Listings.pagesOf(count, config.pageSize()); page++) {
                sitemaps.add(new Views.SitemapUrl(layout.url("/" + layout.daySitemapKey(slug, day, page)), null));
            }
        });
        byte[] body = sitemaps.isEmpty()
                ? render(sitemapTemplate, new Views.UrlSet(List.of(new Views.SitemapUrl(layout.archiveUrl(slug, month), null))))
                : render(indexTemplate, new Views.SitemapIndex(sitemaps));
        return rendered(layout.sitemapKey(slug, month), XML, LISTING_CACHE, body);
    }

    /**
     * The site's sitemap ({@code sitemap.xml}): home, every section front and every section
     * archive month named by home's {@code <section>/<yyyy-MM>} counts or its entries. The
     * articles are in the day sitemaps, reached through the month sitemap indexes that
     * {@link #robots} lists (sitemap indexes may not list other indexes).
     */
    RenderedPage index(List<ListingEntry> entries, Map<String, Integer> buckets) {
        return lastIndex.render(sectionMonths(entries, buckets), months -> {
            List<Views.SitemapUrl> urls = new ArrayList<>();
            urls.add(new Views.SitemapUrl(layout.homeUrl(), null));
            config.sections().forEach(section -> urls.add(new Views.SitemapUrl(layout.sectionFrontUrl(section.slug()), null)));
            months.forEach(key -> urls.add(new Views.SitemapUrl(layout.archiveUrl(sectionOf(key), monthOf(key)), null)));
            return rendered(layout.sitemapIndexKey(), XML, LISTING_CACHE, render(sitemapTemplate, new Views.UrlSet(urls)));
        });
    }

    /** robots.txt: the site's sitemap, the news sitemap and the sitemap index of every section month. */
    RenderedPage robots(List<ListingEntry> entries, Map<String, Integer> buckets) {
        return lastRobots.render(sectionMonths(entries, buckets), months -> {
            StringBuilder robots = new StringBuilder("User-agent: *\nDisallow: /api/\n\nSitemap: ")
                    .append(layout.sitemapIndexUrl()).append("\nSitemap: ").append(layout.newsSitemapUrl()).append('\n');
            months.forEach(key -> robots.append("Sitemap: ").append(layout.sitemapUrl(sectionOf(key), monthOf(key)))
                    .append('\n'));
            return rendered(layout.robotsKey(), TEXT, LISTING_CACHE, robots.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * The last page rendered from a set of section months, rendered again only for another set.
     * {@code sitemap.xml} and robots.txt list every archive month of the site's history (about
     * 2,600 at 27 years and eight sections, some 190 KB each) and are rendered with home on every
     * publish, while their months change about once a month per section: rendering them took
     * about 19 ms a publish at that size with C1 alone (BENCHMARKS.md, section 4). A page is a
     * function of its months, so the one kept is the one that would be rendered.
     */
    private static final class LastRendered {
        private record Kept(TreeSet<String> months, RenderedPage page) {
        }

        private final AtomicReference<Kept> kept = new AtomicReference<>();

        RenderedPage render(TreeSet<String> months, Function<TreeSet<String>, RenderedPage> renderer) {
            Kept last = kept.get();
            if (last != null && last.months().equals(months)) {
                return last.page();
            }
            RenderedPage page = renderer.apply(months);
            kept.set(new Kept(months, page));
            return page;
        }
    }

    /** The {@code <section>/<yyyy-MM>} keys of home's counts (positive) and of its entries, of the site's sections. */
    private TreeSet<String> sectionMonths(List<ListingEntry> entries, Map<String, Integer> buckets) {
        TreeSet<String> sectionMonths = new TreeSet<>();
        // About 2,600 keys at 27 years and eight sections, on every publish: checked by hand, each
        // section once for the run of keys it starts (home's counts are sorted).
        String lastSection = null;
        boolean known = false;
        for (Map.Entry<String, Integer> bucket : buckets.entrySet()) {
            String key = bucket.getKey();
            Integer count = bucket.getValue();
            int slash = key.indexOf('/');
            if (slash <= 0 || count == null || count <= 0 || !isMonth(key, slash + 1)) {
                continue;
            }
            String section = key.substring(0, slash);
            if (!section.equals(lastSection)) {
                lastSection = section;
                known = config.hasSection(section);
            }
            if (known) {
                sectionMonths.add(key);
            }
        }
        for (ListingEntry e : entries) {
            if (e.publishAt() != null && config.hasSection(e.section())) {
                sectionMonths.add(e.section() + "/" + SiteLayout.archiveMonth(e.publishAt()));
            }
        }
        return sectionMonths;
    }

    /** True when {@code key} from {@code at} to its end is a month, {@code yyyy-MM} (as {@link PageContext#parseMonth} reads it). */
    private static boolean isMonth(String key, int at) {
        if (key.length() != at + 7 || key.charAt(at + 4) != '-') {
            return false;
        }
        for (int i = at; i < at + 7; i++) {
            if (i != at + 4 && (key.charAt(i) < '0' || key.charAt(i) > '9')) {
                return false;
            }
        }
        int month = (key.charAt(at + 5) - '0') * 10 + key.charAt(at + 6) - '0';
        return month >= 1 && month <= 12;
    }

    private static String sectionOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static YearMonth monthOf(String key) {
        return YearMonth.parse(key.substring(key.indexOf('/') + 1));
    }

    RenderedPage news(List<ListingEntry> recent) {
        List<Views.NewsUrl> urls = recent.stream().filter(e -> e.publishAt() != null).sorted(Listings.NEWEST_FIRST)
                .map(e -> new Views.NewsUrl(layout.articleUrl(e.section(), e.slug()), config.name(),
                        config.language(), iso(e.publishAt()), e.headline()))
                .toList();
        return rendered(layout.newsSitemapKey(), XML, LISTING_CACHE,
                render(newsTemplate, new Views.NewsUrlSet(urls)));
    }
}
