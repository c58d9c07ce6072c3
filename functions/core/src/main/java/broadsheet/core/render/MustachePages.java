package broadsheet.core.render;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.Pages;

import broadsheet.core.article.Article;
import broadsheet.core.text.Slugs;
import broadsheet.core.markdown.MarkdownRenderer;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.Pages;
import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders Broadsheet's pages with the Mustache templates of the templates module
 * ({@code broadsheet/pages/*.mustache}, {@code broadsheet/partials/*.mustache}). Templates are
 * compiled once, at construction; rendering is deterministic (no clock, stable ordering), so
 * the same input gives byte-identical pages.
 *
 * <p>Listing conventions: entries are shown newest first by publish time (then slug). A section
 * front shows its first {@link SiteConfig#pageSize()} entries and links to every archive month
 * in its {@code buckets} (keys {@code yyyy-MM}, value = number of articles); its feed holds the
 * first {@link SiteConfig#feedSize()}. The home listing's {@code buckets} are keyed
 * {@code <section>/<yyyy-MM>}: together with the months of its entries they name the month
 * sitemaps listed in the sitemap index. Author and tag fronts and months render like a section's
 * front and archive, with the author's or tag's name as the newest entry spells it.
 *
 * <p>Besides listing pages: {@link #previewPage} (editors' preview of any article),
 * {@link #redirectPage} (left at a moved article's old key) and {@link #newsSitemap}.
 */
public final class MustachePages implements Pages {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String ATOM = "application/atom+xml; charset=utf-8";
    public static final String RSS = "application/rss+xml; charset=utf-8";
    public static final String XML = "application/xml; charset=utf-8";
    public static final String CSS = "text/css; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static final String ARTICLE_CACHE = "public, max-age=300, stale-while-revalidate=60";
    public static final String LISTING_CACHE = "public, max-age=60, stale-while-revalidate=30";
    public static final String STATIC_CACHE = "public, max-age=86400";
    public static final String PREVIEW_CACHE = "private, no-store";

    /** Every page template, by name under {@code broadsheet/}. */
    public static final List<String> TEMPLATES = List.of(
            "pages/article.mustache", "pages/section.mustache", "pages/archive.mustache", "pages/home.mustache",
            "pages/not-found.mustache", "pages/feed.mustache", "pages/rss.mustache", "pages/sitemap.mustache",
            "pages/sitemap-index.mustache", "pages/news-sitemap.mustache", "pages/redirect.mustache",
            "pages/author.mustache", "pages/tag.mustache");

    /** RFC 822 dates for RSS, in GMT with a four-digit year. */
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern MONTH_KEY = Pattern.compile("\\d{4}-\\d{2}");
    private static final String EMPTY = "No articles have been published here yet.";

    private final SiteConfig config;
    private final SiteLayout layout;
    private final MustacheFactory factory = new TemplateFactory("broadsheet");
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final JsonLd jsonLd;
    private final DateTimeFormatter dayFormat;
    private final DateTimeFormatter timeFormat;
    private final DateTimeFormatter monthFormat;
    private final Mustache articleTemplate;
    private final Mustache sectionTemplate;
    private final Mustache archiveTemplate;
    private final Mustache homeTemplate;
    private final Mustache notFoundTemplate;
    private final Mustache feedTemplate;
    private final Mustache authorTemplate;
    private final Mustache tagTemplate;
    private final Mustache redirectTemplate;
    private final Mustache rssTemplate;
    private final Mustache newsSitemapTemplate;
    private final Mustache sitemapTemplate;
    private final Mustache sitemapIndexTemplate;
    private final byte[] stylesheet;
    /** {@link #day} by epoch day. */
    private final Map<Long, String> days = new ConcurrentHashMap<>();
    /** {@link #site} by current section slug, "" for none. */
    private final Map<String, Views.Site> sites = new HashMap<>();

    public MustachePages(SiteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.layout = new SiteLayout(config);
        this.jsonLd = new JsonLd(layout);
        Locale locale = Locale.forLanguageTag(config.language());
        this.dayFormat = DateTimeFormatter.ofPattern("d MMMM yyyy", locale).withZone(ZoneOffset.UTC);
        this.timeFormat = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", locale).withZone(ZoneOffset.UTC);
        this.monthFormat = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
        this.articleTemplate = factory.compile("pages/article.mustache");
        this.sectionTemplate = factory.compile("pages/section.mustache");
        this.archiveTemplate = factory.compile("pages/archive.mustache");
        this.homeTemplate = factory.compile("pages/home.mustache");
        this.notFoundTemplate = factory.compile("pages/not-found.mustache");
        this.feedTemplate = factory.compile("pages/feed.mustache");
        this.authorTemplate = factory.compile("pages/author.mustache");
        this.tagTemplate = factory.compile("pages/tag.mustache");
        this.redirectTemplate = factory.compile("pages/redirect.mustache");
        this.rssTemplate = factory.compile("pages/rss.mustache");
        this.newsSitemapTemplate = factory.compile("pages/news-sitemap.mustache");
        this.sitemapTemplate = factory.compile("pages/sitemap.mustache");
        this.sitemapIndexTemplate = factory.compile("pages/sitemap-index.mustache");
        this.stylesheet = resource("broadsheet/static/site.css");
        sites.put("", newSite(null));
        config.sections().forEach(section -> sites.put(section.slug(), newSite(section.slug())));
    }

    // ---------------------------------------------------------------- article pages

    @Override
    public String articlePageKey(String section, String slug) {
        return layout.articleKey(section, slug);
    }

    @Override
    public RenderedPage articlePage(Article a) {
        return articlePage(a, false);
    }

    /**
     * The article page as it would look published, with a visible "Preview" banner, marked
     * {@code noindex} and not cached: for editors, whatever the article's status.
     */
    @Override
    public RenderedPage previewPage(Article a) {
        return articlePage(a, true);
    }

    private RenderedPage articlePage(Article a, boolean preview) {
        Section section = section(a.section());
        Instant published = firstNonNull(a.publishAt(), a.updatedAt(), a.createdAt());
        Instant modified = a.updatedAt() == null || (published != null && a.updatedAt().isBefore(published))
                ? published : a.updatedAt();
        boolean showUpdated = modified != null && published != null && modified.isAfter(published);
        String url = layout.articleUrl(a.section(), a.slug());
        String sectionUrl = layout.sectionFrontUrl(a.section());
        String description = a.standfirst() != null ? a.standfirst() : a.headline();
        Views.ImageMeta imageMeta = a.image() == null ? null
                : new Views.ImageMeta(layout.mediaUrl(a.image().src()), a.image().alt());

        Views.Head head = new Views.Head(
                a.headline() + " | " + config.name(), description, url, config.name(), "article", a.headline(),
                imageMeta, imageMeta == null ? "summary" : "summary_large_image", iso(published), iso(modified),
                section.title(), a.tags(), new Views.Feed(section.title() + " | " + config.name(),
                layout.sectionFeedUrl(a.section())), preview,
                List.of(jsonLd.newsArticle(a, section.title(), published, modified),
                        jsonLd.breadcrumbList(section.title(), sectionUrl, a.headline(), url)));
        Views.Breadcrumb breadcrumb = breadcrumb(
                new Views.Crumb(section.title(), layout.sectionFrontPath(a.section()), false),
                new Views.Crumb(a.headline(), null, true));
        Views.Figure figure = a.image() == null ? null : new Views.Figure(layout.mediaUrl(a.image().src()),
                a.image().alt(), a.image().caption() == null && a.image().credit() == null ? null
                : new Views.Figcaption(a.image().caption(), a.image().credit()));
        Views.ArticleBody body = new Views.ArticleBody(a.headline(), a.standfirst(), section.title(),
                layout.sectionFrontPath(a.section()), figure, authorLinks(a.authors()), iso(published),
                published == null ? null : day(published),
                showUpdated ? iso(modified) : null, showUpdated ? timeFormat.format(modified) : null,
                markdown.toHtml(a.body()), a.source(), a.tags().isEmpty() ? null
                : new Views.Tags(a.tags().stream()
                        .map(t -> new Views.TagLink(t, layout.tagFrontPath(Slugs.forName(t)))).toList()));
        Views.ArticlePage page = new Views.ArticlePage(site(a.section()), head, breadcrumb, body,
                preview ? previewBanner(a) : null);
        return rendered(layout.articleKey(a.section(), a.slug()), HTML, preview ? PREVIEW_CACHE : ARTICLE_CACHE,
                render(articleTemplate, page));
    }

    @Override
    public RenderedPage redirectPage(String fromSection, String fromSlug, Article to) {
        String path = layout.articlePath(to.section(), to.slug());
        Views.RedirectPage page = new Views.RedirectPage(config.language(), to.headline() + " | " + config.name(),
                to.headline(), path, layout.articleUrl(to.section(), to.slug()));
        return RenderedPage.rendered(layout.articleKey(fromSection, fromSlug), HTML, ARTICLE_CACHE,
                render(redirectTemplate, page), Optional.of(path));
    }

    private String previewBanner(Article a) {
        String state = switch (a.status()) {
            case DRAFT -> "a draft, not published";
            case REVIEW -> "a draft waiting for review, not published";
            case SCHEDULED -> a.publishAt() == null ? "scheduled, not yet published"
                    : "scheduled for " + timeFormat.format(a.publishAt());
            case PUBLISHED -> "published";
        };
        return "This article is " + state + ". Readers cannot see this page.";
    }

    // ---------------------------------------------------------------- listing pages

    @Override
    public List<RenderedPage> listingPages(ListingId id, Listing listing) {
        List<ListingEntry> entries = listing.entries().stream().sorted(Listings.NEWEST_FIRST).toList();
        return switch (id.kind()) {
            case HOME -> List.of(homePage(entries), siteFeed(entries), siteRss(entries),
                    sitemapIndex(entries, listing.buckets()));
            case SECTION_FRONT -> {
                String section = id.section().orElseThrow();
                yield List.of(sectionFront(section, entries, listing.buckets()), sectionFeed(section, entries),
                        sectionRss(section, entries));
            }
            case AUTHOR_FRONT, TAG_FRONT -> List.of(collectionFront(id.collection().orElseThrow(), entries,
                    listing.buckets()));
            case AUTHOR_MONTH, TAG_MONTH -> List.of(collectionArchive(id.collection().orElseThrow(),
                    id.month().orElseThrow(), entries));
            case SECTION_MONTH -> {
                String section = id.section().orElseThrow();
                YearMonth month = id.month().orElseThrow();
                yield List.of(archivePage(section, month, entries), monthSitemap(section, month, entries));
            }
        };
    }

    private RenderedPage homePage(List<ListingEntry> entries) {
        Views.Head head = listingHead(config.name(), config.description(), layout.homeUrl(),
                new Views.Feed(config.name(), layout.siteFeedUrl()));
        Views.ListingPage page = listingPage(site(null), head, null, "Latest news", config.description(),
                teasers(first(entries, config.pageSize()), true), null);
        return rendered(layout.homeKey(), HTML, LISTING_CACHE, render(homeTemplate, page));
    }

    private RenderedPage sectionFront(String slug, List<ListingEntry> entries, Map<String, Integer> buckets) {
        Section section = section(slug);
        Views.Head head = listingHead(section.title() + " | " + config.name(),
                "The latest " + section.title() + " articles from " + config.name() + ".",
                layout.sectionFrontUrl(slug), new Views.Feed(section.title() + " | " + config.name(),
                        layout.sectionFeedUrl(slug)));
        Views.ListingPage page = listingPage(site(slug), head,
                breadcrumb(new Views.Crumb(section.title(), null, true)), section.title(), null,
                teasers(first(entries, config.pageSize()), false), archive(slug, buckets));
        return rendered(layout.sectionFrontKey(slug), HTML, LISTING_CACHE, render(sectionTemplate, page));
    }

    private RenderedPage archivePage(String slug, YearMonth month, List<ListingEntry> entries) {
        Section section = section(slug);
        String label = monthFormat.format(month);
        Views.Head head = listingHead(section.title() + ", " + label + " | " + config.name(),
                section.title() + " articles published in " + label + ".", layout.archiveUrl(slug, month),
                new Views.Feed(section.title() + " | " + config.name(), layout.sectionFeedUrl(slug)));
        Views.ListingPage page = listingPage(site(slug), head,
                breadcrumb(new Views.Crumb(section.title(), layout.sectionFrontPath(slug), false),
                        new Views.Crumb(label, null, true)),
                section.title() + ": " + label, null, teasers(entries, false), null);
        return rendered(layout.archiveKey(slug, month), HTML, LISTING_CACHE, render(archiveTemplate, page));
    }

    private Views.ListingPage listingPage(Views.Site site, Views.Head head, Views.Breadcrumb breadcrumb,
                                          String heading, String intro, List<Views.Teaser> teasers,
                                          Views.Archive archive) {
        return new Views.ListingPage(site, head, breadcrumb, heading, blankToNull(intro),
                teasers.isEmpty() ? null : new Views.Teasers(teasers), teasers.isEmpty() ? EMPTY : null, archive);
    }

    private Views.Head listingHead(String title, String description, String url, Views.Feed feed) {
        return new Views.Head(title, description, url, config.name(), "website", title, null, "summary",
                null, null, null, List.of(), feed, false, List.of());
    }

    private List<Views.Teaser> teasers(List<ListingEntry> entries, boolean withSection) {
        List<Views.Teaser> teasers = new ArrayList<>(entries.size());
        for (ListingEntry e : entries) {
            Views.NavItem kicker = withSection
                    ? new Views.NavItem(sectionTitle(e.section()), layout.sectionFrontPath(e.section()), false)
                    : null;
            Views.Figure image = e.imageSrc() == null ? null
                    : new Views.Figure(layout.mediaUrl(e.imageSrc()), e.imageAlt() == null ? "" : e.imageAlt(), null);
            teasers.add(new Views.Teaser(e.headline(), layout.articlePath(e.section(), e.slug()),
                    blankToNull(e.standfirst()), byline(e.authors()), iso(e.publishAt()),
                    e.publishAt() == null ? null : day(e.publishAt()), image, kicker));
        }
        return teasers;
    }

    private RenderedPage collectionFront(ListingId.Collection collection, List<ListingEntry> entries,
                                         Map<String, Integer> buckets) {
        String name = displayName(collection, entries);
        boolean author = collection.type() == ListingId.Collection.Type.AUTHOR;
        String intro = author ? "Articles by " + name + "." : "Articles tagged \u201c" + name + "\u201d.";
        String path = author ? layout.authorFrontPath(collection.slug()) : layout.tagFrontPath(collection.slug());
        Views.Head head = listingHead(name + " | " + config.name(), intro + " " + config.name(), layout.url(path),
                new Views.Feed(config.name(), layout.siteFeedUrl()));
        Views.ListingPage page = listingPage(site(null), head, breadcrumb(new Views.Crumb(name, null, true)), name,
                intro, teasers(first(entries, config.pageSize()), true),
                archive(month -> collectionArchivePath(collection, month), buckets));
        String key = author ? layout.authorFrontKey(collection.slug()) : layout.tagFrontKey(collection.slug());
        return rendered(key, HTML, LISTING_CACHE, render(author ? authorTemplate : tagTemplate, page));
    }

    private RenderedPage collectionArchive(ListingId.Collection collection, YearMonth month,
                                           List<ListingEntry> entries) {
        String name = displayName(collection, entries);
        boolean author = collection.type() == ListingId.Collection.Type.AUTHOR;
        String label = monthFormat.format(month);
        String frontPath = author ? layout.authorFrontPath(collection.slug()) : layout.tagFrontPath(collection.slug());
        String path = collectionArchivePath(collection, month);
        Views.Head head = listingHead(name + ", " + label + " | " + config.name(),
                (author ? "Articles by " + name : "Articles tagged \u201c" + name + "\u201d") + " published in "
                        + label + ".", layout.url(path), new Views.Feed(config.name(), layout.siteFeedUrl()));
        Views.ListingPage page = listingPage(site(null), head,
                breadcrumb(new Views.Crumb(name, frontPath, false), new Views.Crumb(label, null, true)),
                name + ": " + label, null, teasers(entries, true), null);
        String key = author ? layout.authorArchiveKey(collection.slug(), month)
                : layout.tagArchiveKey(collection.slug(), month);
        return rendered(key, HTML, LISTING_CACHE, render(archiveTemplate, page));
    }

    private String collectionArchivePath(ListingId.Collection collection, YearMonth month) {
        return switch (collection.type()) {
            case SECTION -> layout.archivePath(collection.slug(), month);
            case AUTHOR -> layout.authorArchivePath(collection.slug(), month);
            case TAG -> layout.tagArchivePath(collection.slug(), month);
        };
    }

    /**
     * The name shown for an author or tag: as the newest entry spells it (entries carry names,
     * listing ids only slugs); the slug itself when the listing is empty.
     */
    private static String displayName(ListingId.Collection collection, List<ListingEntry> entries) {
        for (ListingEntry e : entries) {
            List<String> names = collection.type() == ListingId.Collection.Type.AUTHOR ? e.authors() : e.tags();
            for (String name : names) {
                if (Slugs.forName(name).equals(collection.slug())) {
                    return name;
                }
            }
        }
        return collection.slug();
    }

    private Views.Archive archive(String slug, Map<String, Integer> buckets) {
        return archive(month -> layout.archivePath(slug, month), buckets);
    }

    private Views.Archive archive(java.util.function.Function<YearMonth, String> pathOf, Map<String, Integer> buckets) {
        TreeMap<YearMonth, Integer> months = new TreeMap<>(Comparator.reverseOrder());
        buckets.forEach((key, count) -> {
            YearMonth month = parseMonth(key);
            if (month != null && count != null && count > 0) {
                months.put(month, count);
            }
        });
        if (months.isEmpty()) {
            return null;
        }
        List<Views.ArchiveLink> links = new ArrayList<>();
        months.forEach((month, count) ->
                links.add(new Views.ArchiveLink(monthFormat.format(month), pathOf.apply(month), count)));
        return new Views.Archive("Archive", links);
    }

    // ---------------------------------------------------------------- feeds and sitemaps

    private RenderedPage siteFeed(List<ListingEntry> entries) {
        Views.AtomFeed feed = atom(config.name(), config.description(), layout.siteFeedUrl(), layout.homeUrl(),
                first(entries, config.feedSize()));
        return rendered(layout.siteFeedKey(), ATOM, LISTING_CACHE, render(feedTemplate, feed));
    }

    private RenderedPage sectionFeed(String slug, List<ListingEntry> entries) {
        Section section = section(slug);
        Views.AtomFeed feed = atom(section.title() + " | " + config.name(), null, layout.sectionFeedUrl(slug),
                layout.sectionFrontUrl(slug), first(entries, config.feedSize()));
        return rendered(layout.sectionFeedKey(slug), ATOM, LISTING_CACHE, render(feedTemplate, feed));
    }

    private RenderedPage siteRss(List<ListingEntry> entries) {
        Views.RssChannel channel = rss(config.name(), layout.homeUrl(), config.description(), layout.siteRssUrl(),
                first(entries, config.feedSize()));
        return rendered(layout.siteRssKey(), RSS, LISTING_CACHE, render(rssTemplate, channel));
    }

    private RenderedPage sectionRss(String slug, List<ListingEntry> entries) {
        Section section = section(slug);
        Views.RssChannel channel = rss(section.title() + " | " + config.name(), layout.sectionFrontUrl(slug),
                "The latest " + section.title() + " articles from " + config.name() + ".",
                layout.sectionRssUrl(slug), first(entries, config.feedSize()));
        return rendered(layout.sectionRssKey(slug), RSS, LISTING_CACHE, render(rssTemplate, channel));
    }

    /** RSS 2.0: lastBuildDate is the newest publish or update time of the items, so it needs no clock. */
    private Views.RssChannel rss(String title, String link, String description, String selfUrl,
                                 List<ListingEntry> entries) {
        List<Views.RssItem> items = new ArrayList<>();
        Instant lastBuild = Instant.EPOCH;
        for (ListingEntry e : entries) {
            Instant published = firstNonNull(e.publishAt(), e.updatedAt(), Instant.EPOCH);
            Instant updated = e.updatedAt() != null && e.updatedAt().isAfter(published) ? e.updatedAt() : published;
            if (updated.isAfter(lastBuild)) {
                lastBuild = updated;
            }
            String url = layout.articleUrl(e.section(), e.slug());
            items.add(new Views.RssItem(e.headline(), url, url, RFC_822.format(published),
                    htmlText(blankToNull(e.standfirst())), e.authors(), sectionTitle(e.section())));
        }
        return new Views.RssChannel(title, link, description, config.language(), RFC_822.format(lastBuild), selfUrl,
                items);
    }

    private Views.AtomFeed atom(String title, String subtitle, String selfUrl, String alternateUrl,
                                List<ListingEntry> entries) {
        List<Views.AtomEntry> atomEntries = new ArrayList<>();
        Instant feedUpdated = Instant.EPOCH;
        for (ListingEntry e : entries) {
            Instant published = firstNonNull(e.publishAt(), e.updatedAt(), Instant.EPOCH);
            Instant updated = e.updatedAt() != null && e.updatedAt().isAfter(published) ? e.updatedAt() : published;
            if (updated.isAfter(feedUpdated)) {
                feedUpdated = updated;
            }
            String url = layout.articleUrl(e.section(), e.slug());
            atomEntries.add(new Views.AtomEntry(url, e.headline(), url, published.toString(), updated.toString(),
                    e.authors(), blankToNull(e.standfirst()), new Views.Category(e.section(), sectionTitle(e.section()))));
        }
        return new Views.AtomFeed(config.language(), selfUrl, title, blankToNull(subtitle), feedUpdated.toString(),
                selfUrl, alternateUrl, config.name(), atomEntries);
    }

    private RenderedPage monthSitemap(String slug, YearMonth month, List<ListingEntry> entries) {
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

    private RenderedPage sitemapIndex(List<ListingEntry> entries, Map<String, Integer> buckets) {
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
                render(sitemapIndexTemplate, new Views.SitemapIndex(sitemaps)));
    }

    @Override
    public RenderedPage newsSitemap(List<ListingEntry> recent) {
        List<Views.NewsUrl> urls = recent.stream().filter(e -> e.publishAt() != null).sorted(Listings.NEWEST_FIRST)
                .map(e -> new Views.NewsUrl(layout.articleUrl(e.section(), e.slug()), config.name(),
                        config.language(), iso(e.publishAt()), e.headline()))
                .toList();
        return rendered(layout.newsSitemapKey(), XML, LISTING_CACHE,
                render(newsSitemapTemplate, new Views.NewsUrlSet(urls)));
    }

    // ---------------------------------------------------------------- fixed pages

    @Override
    public List<RenderedPage> fixedPages() {
        Views.Head head = new Views.Head("Page not found | " + config.name(), "There is no page at this address.",
                null, config.name(), "website", "Page not found", null, "summary", null, null, null, List.of(),
                null, true, List.of());
        byte[] notFound = render(notFoundTemplate, new Views.NotFoundPage(site(null), head, null));
        String robots = "User-agent: *\nDisallow: /api/\n\nSitemap: " + layout.sitemapIndexUrl()
                + "\nSitemap: " + layout.newsSitemapUrl() + "\n";
        return List.of(
                rendered(layout.notFoundKey(), HTML, LISTING_CACHE, notFound),
                new RenderedPage(layout.stylesheetKey(), CSS, STATIC_CACHE, stylesheet),
                rendered(layout.robotsKey(), TEXT, STATIC_CACHE, robots.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- helpers

    /** The header of a page in {@code currentSection} (null: none), the same for every page of it, so made once. */
    private Views.Site site(String currentSection) {
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

    /** "29 November 2026": formatted once per day, as every listing page shows the day of each teaser. */
    private String day(Instant instant) {
        return days.computeIfAbsent(Math.floorDiv(instant.getEpochSecond(), 86_400L), d -> dayFormat.format(instant));
    }

    private Views.Breadcrumb breadcrumb(Views.Crumb... rest) {
        List<Views.Crumb> items = new ArrayList<>();
        items.add(new Views.Crumb("Home", layout.homePath(), false));
        items.addAll(List.of(rest));
        return new Views.Breadcrumb(items);
    }

    private Section section(String slug) {
        return config.section(slug).orElseThrow(() -> new IllegalArgumentException("unknown section: " + slug));
    }

    private String sectionTitle(String slug) {
        return config.section(slug).map(Section::title).orElse(slug);
    }

    /** Each author linked to their page, with the separators of {@link #byline}; null for none. */
    private Views.Byline authorLinks(List<String> authors) {
        if (authors == null || authors.isEmpty()) {
            return null;
        }
        List<Views.AuthorLink> links = new ArrayList<>();
        for (int i = 0; i < authors.size(); i++) {
            String separator = i == authors.size() - 1 ? null : i == authors.size() - 2 ? " and " : ", ";
            links.add(new Views.AuthorLink(authors.get(i), layout.authorFrontPath(Slugs.forName(authors.get(i))),
                    separator));
        }
        return new Views.Byline(links);
    }

    /** "Ann Smith", "Ann Smith and Bo Li", "Ann Smith, Bo Li and Cy Young"; null for none. */
    static String byline(List<String> authors) {
        if (authors == null || authors.isEmpty()) {
            return null;
        }
        if (authors.size() == 1) {
            return authors.get(0);
        }
        return String.join(", ", authors.subList(0, authors.size() - 1)) + " and " + authors.get(authors.size() - 1);
    }

    private static YearMonth parseMonth(String key) {
        if (!MONTH_KEY.matcher(key).matches()) {
            return null;
        }
        try {
            return YearMonth.parse(key);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> List<T> first(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(0, n);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * Plain text as HTML source that shows the text: an RSS item's description is entity-encoded
     * HTML, which feed readers render, so the editor's text is HTML-escaped here and the template
     * escapes it once more for XML.
     */
    private static String htmlText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A page of bytes this class has just made, handed over without a copy. */
    private static RenderedPage rendered(String key, String contentType, String cacheControl, byte[] body) {
        return RenderedPage.rendered(key, contentType, cacheControl, body, Optional.empty());
    }

    private static byte[] render(Mustache template, Object view) {
        TextWriter out = new TextWriter(16 * 1024);
        template.execute(out, view);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = MustachePages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public int generation() {
        return config.generation();
    }
}
