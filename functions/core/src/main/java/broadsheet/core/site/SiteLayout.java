package broadsheet.core.site;

import broadsheet.core.publish.ListingId;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Where every page lives: bucket keys (no leading slash), site paths (leading slash, for links
 * inside the site) and absolute URLs (for canonical links, feeds, sitemaps and the API). Pure
 * functions of the site config.
 *
 * <pre>
 * article page          world/&lt;slug&gt;/index.html        /world/&lt;slug&gt;/
 * section front         world/index.html                 /world/
 * section archive month world/archive/2026/11/index.html /world/archive/2026/11/
 * section feed          world/feed.xml
 * home                  index.html                       /
 * site feed             feed.xml
 * sitemap index         sitemap.xml
 * month sitemap         sitemaps/world/2026-11.xml
 * not found             404.html
 * stylesheet            static/site.css
 * robots                robots.txt
 * </pre>
 *
 * An article's archive month is the UTC month of its publish time: it never changes when other
 * articles are added, so each archive page only changes when one of its own articles does.
 */
public final class SiteLayout {

    public static final String INDEX = "index.html";

    private final SiteConfig config;

    public SiteLayout(SiteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SiteConfig config() {
        return config;
    }

    // ---- article pages

    public String articleKey(String section, String slug) {
        return section + "/" + slug + "/" + INDEX;
    }

    public String articlePath(String section, String slug) {
        return "/" + section + "/" + slug + "/";
    }

    public String articleUrl(String section, String slug) {
        return url(articlePath(section, slug));
    }

    // ---- section pages

    public String sectionFrontKey(String section) {
        return section + "/" + INDEX;
    }

    public String sectionFrontPath(String section) {
        return "/" + section + "/";
    }

    public String sectionFrontUrl(String section) {
        return url(sectionFrontPath(section));
    }

    public String archiveKey(String section, YearMonth month) {
        return archivePath(section, month).substring(1) + INDEX;
    }

    public String archivePath(String section, YearMonth month) {
        return "/" + section + "/archive/" + String.format(Locale.ROOT, "%04d/%02d/", month.getYear(), month.getMonthValue());
    }

    public String archiveUrl(String section, YearMonth month) {
        return url(archivePath(section, month));
    }

    public String sectionFeedKey(String section) {
        return section + "/feed.xml";
    }

    public String sectionFeedUrl(String section) {
        return url("/" + sectionFeedKey(section));
    }

    // ---- site-wide pages

    public String homeKey() {
        return INDEX;
    }

    public String homePath() {
        return "/";
    }

    public String homeUrl() {
        return url(homePath());
    }

    public String siteFeedKey() {
        return "feed.xml";
    }

    public String siteFeedUrl() {
        return url("/" + siteFeedKey());
    }

    public String sitemapIndexKey() {
        return "sitemap.xml";
    }

    public String sitemapIndexUrl() {
        return url("/" + sitemapIndexKey());
    }

    public String sitemapKey(String section, YearMonth month) {
        return "sitemaps/" + section + "/" + month + ".xml";
    }

    public String sitemapUrl(String section, YearMonth month) {
        return url("/" + sitemapKey(section, month));
    }

    public String notFoundKey() {
        return "404.html";
    }

    public String stylesheetKey() {
        return "static/site.css";
    }

    public String stylesheetPath() {
        return "/" + stylesheetKey();
    }

    public String robotsKey() {
        return "robots.txt";
    }

    // ---- media and archives

    /**
     * The absolute URL of an image source: http(s) URLs are kept, media keys ({@code media/x.jpg})
     * are served from the site root.
     */
    public String mediaUrl(String src) {
        if (src == null) {
            return null;
        }
        if (src.startsWith("http://") || src.startsWith("https://")) {
            return src;
        }
        return url(src.startsWith("/") ? src : "/" + src);
    }

    /** The archive month (UTC) an article published at {@code publishAt} belongs to. */
    public static YearMonth archiveMonth(Instant publishAt) {
        return YearMonth.from(publishAt.atZone(ZoneOffset.UTC));
    }

    /** The listing of the archive month an article published at {@code publishAt} belongs to. */
    public static ListingId archiveListing(String section, Instant publishAt) {
        return ListingId.sectionMonth(section, archiveMonth(publishAt));
    }

    /** Absolute URL of a site path. */
    public String url(String path) {
        return config.baseUrl() + path;
    }
}
