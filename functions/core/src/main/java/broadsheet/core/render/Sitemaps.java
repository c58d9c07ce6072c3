package broadsheet.core.render;

import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listings;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static broadsheet.core.render.MustachePages.LISTING_CACHE;
import static broadsheet.core.render.MustachePages.XML;
import static broadsheet.core.render.PageContext.firstNonNull;
import static broadsheet.core.render.PageContext.iso;
import static broadsheet.core.render.PageContext.parseMonth;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * The sitemaps: one per section month ({@code pages/sitemap.mustache}: the archive page and its
 * articles), the index of those ({@code pages/sitemap-index.mustache}) and the Google News sitemap
 * of recent articles ({@code pages/news-sitemap.mustache}).
 */
final class Sitemaps {

    static final List<String> TEMPLATES = List.of("pages/sitemap.mustache", "pages/sitemap-index.mustache",
            "pages/news-sitemap.mustache");

    private final SiteConfig config;
    private final SiteLayout layout;
    private final Mustache sitemapTemplate;
    private final Mustache indexTemplate;
    private final Mustache newsTemplate;

    Sitemaps(PageContext context) {
        this.config = context.config();
        this.layout = context.layout();
        this.sitemapTemplate = context.template("pages/sitemap.mustache");
        this.indexTemplate = context.template("pages/sitemap-index.mustache");
        this.newsTemplate = context.template("pages/news-sitemap.mustache");
    }

    /** A section month's sitemap: its archive page (last modified with its newest entry), then its articles. */
    RenderedPage month(String slug, YearMonth month, List<ListingEntry> entries) {
        List<Views.SitemapUrl> urls = new ArrayList<>();
        Instant newest = null;
        for (ListingEntry e : entries) {
            Instant modified = firstNonNull(e.updatedAt(), e.publishAt());
            if (modified != null && (newest == null || modified.isAfter(newest))) {
                newest = modified;
            }
            urls.add(new Views.SitemapUrl(layout.articleUrl(e.section(), e.slug()), iso(modified)));
        }
        urls.add(0, new Views.SitemapUrl(layout.archiveUrl(slug, month), iso(newest)));
        return rendered(layout.sitemapKey(slug, month), XML, LISTING_CACHE,
                render(sitemapTemplate, new Views.UrlSet(urls)));
    }

    /**
     * The sitemap index: a month sitemap for every {@code <section>/<yyyy-MM>} key of the home
     * listing's {@code buckets} and every month of its entries.
     */
    RenderedPage index(List<ListingEntry> entries, Map<String, Integer> buckets) {
        TreeSet<String> sectionMonths = new TreeSet<>();
        buckets.forEach((key, count) -> {
            int slash = key.indexOf('/');
            if (slash > 0 && count != null && count > 0 && config.hasSection(key.substring(0, slash))
                    && parseMonth(key.substring(slash + 1)) != null) {
                sectionMonths.add(key);
            }
        });
        for (ListingEntry e : entries) {
            if (e.publishAt() != null && config.hasSection(e.section())) {
                sectionMonths.add(e.section() + "/" + SiteLayout.archiveMonth(e.publishAt()));
            }
        }
        List<Views.SitemapUrl> sitemaps = sectionMonths.stream()
                .map(key -> new Views.SitemapUrl(layout.sitemapUrl(key.substring(0, key.indexOf('/')),
                        YearMonth.parse(key.substring(key.indexOf('/') + 1))), null))
                .toList();
        return rendered(layout.sitemapIndexKey(), XML, LISTING_CACHE,
                render(indexTemplate, new Views.SitemapIndex(sitemaps)));
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
