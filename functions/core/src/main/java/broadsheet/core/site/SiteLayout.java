package broadsheet.core.site;



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
 * section feed (Atom)   world/feed.xml
 * section feed (RSS)    world/rss.xml
 * home                  index.html                       /
 * site feed (Atom)      feed.xml
 * site feed (RSS)       rss.xml
 * sitemap index         sitemap.xml
 * section archive day   world/archive/2026/11/05/index.html (page 2: .../05/2/index.html)
 * month sitemap index   sitemaps/world/2026-11.xml
 * day page sitemap      sitemaps/world/2026-11-05.xml (page 2: sitemaps/world/2026-11-05-2.xml)
 * Google News sitemap   news-sitemap.xml
 * author front          author/ann-smith/index.html      /author/ann-smith/
 * author archive month  author/ann-smith/archive/2026/11/index.html
 * tag front             tag/nato/index.html              /tag/nato/
 * tag archive month     tag/nato/archive/2026/11/index.html
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
        return sectionFrontPath(section) + monthPath(month);
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

    public String sectionRssKey(String section) {
        return section + "/rss.xml";
    }

    public String sectionRssUrl(String section) {
        return url("/" + sectionRssKey(section));
    }

    // ---- author and tag pages: /author/<slug>/ and /tag/<slug>/, archived by month like sections

    public String authorFrontKey(String authorSlug) {
        return authorFrontPath(authorSlug).substring(1) + INDEX;
    }

    public String authorFrontPath(String authorSlug) {
        return "/author/" + authorSlug + "/";
    }

    public String authorFrontUrl(String authorSlug) {
        return url(authorFrontPath(authorSlug));
    }

    public String authorArchiveKey(String authorSlug, YearMonth month) {
        return authorArchivePath(authorSlug, month).substring(1) + INDEX;
    }

    public String authorArchivePath(String authorSlug, YearMonth month) {
        return authorFrontPath(authorSlug) + monthPath(month);
    }

    public String authorArchiveUrl(String authorSlug, YearMonth month) {
        return url(authorArchivePath(authorSlug, month));
    }

    public String tagFrontKey(String tagSlug) {
        return tagFrontPath(tagSlug).substring(1) + INDEX;
    }

    public String tagFrontPath(String tagSlug) {
        return "/tag/" + tagSlug + "/";
    }

    public String tagFrontUrl(String tagSlug) {
        return url(tagFrontPath(tagSlug));
    }

    public String tagArchiveKey(String tagSlug, YearMonth month) {
        return tagArchivePath(tagSlug, month).substring(1) + INDEX;
    }

    public String tagArchivePath(String tagSlug, YearMonth month) {
        return tagFrontPath(tagSlug) + monthPath(month);
    }

    public String tagArchiveUrl(String tagSlug, YearMonth month) {
        return url(tagArchivePath(tagSlug, month));
    }

    private static String monthPath(YearMonth month) {
        int year = month.getYear();
        if (year < 1000 || year > 9999) {
            return "archive/" + String.format(Locale.ROOT, "%04d/%02d/", year, month.getMonthValue());
        }
        return "archive/" + year + "/" + twoDigits(month.getMonthValue()) + "/";
    }

    /** {@code n} (0 to 99) with two digits, as {@code %02d} spells it: formatting is slow where every listing page needs it. */
    public static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
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

    public String siteRssKey() {
        return "rss.xml";
    }

    public String siteRssUrl() {
        return url("/" + siteRssKey());
    }

    public String newsSitemapKey() {
        return "news-sitemap.xml";
    }

    public String newsSitemapUrl() {
        return url("/" + newsSitemapKey());
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

    /** The sitemap of one page of a day of a section: {@code sitemaps/world/2026-11-05.xml}, page 2 {@code ...-05-2.xml}. */
    public String daySitemapKey(String section, java.time.LocalDate day, int page) {
        return "sitemaps/" + section + "/" + day + (page > 1 ? "-" + page : "") + ".xml";
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

    /** Absolute URL of a site path. */
    public String url(String path) {
        return config.baseUrl() + path;
    }
}
