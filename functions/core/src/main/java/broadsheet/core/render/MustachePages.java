package broadsheet.core.render;

import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.site.SiteConfig;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Broadsheet's {@link Pages}, rendered with the Mustache templates of the templates module
 * ({@code broadsheet/pages/*.mustache}, {@code broadsheet/partials/*.mustache}). One class per
 * kind of page shares one {@link PageContext} (site config, layout, template factory, page
 * chrome): {@link ArticlePages}, {@link ListingPages}, {@link Feeds}, {@link Sitemaps} and
 * {@link FixedPages}; this class only decides which pages a listing makes. Templates are compiled
 * once, at construction; rendering is deterministic (no clock, stable ordering), so the same
 * input gives byte-identical pages.
 *
 * <p>Listing conventions: entries are shown newest first by publish time (then slug). A section
 * front shows its first {@link SiteConfig#pageSize()} entries and links to every archive month
 * in its {@code monthCounts} (keys {@code yyyy-MM}, value = number of articles); its feed holds the
 * first {@link SiteConfig#feedEntries()}. The home listing's {@code monthCounts} are keyed
 * {@code <section>/<yyyy-MM>}: together with the months of its entries they name the month
 * sitemaps listed in the sitemap index. Author and tag fronts and months render like a section's
 * front and archive, with the author's or tag's name as the newest entry spells it.
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
    public static final List<String> TEMPLATES = Stream.of(ArticlePages.TEMPLATES, ListingPages.TEMPLATES,
            Feeds.TEMPLATES, Sitemaps.TEMPLATES, FixedPages.TEMPLATES).flatMap(List::stream).toList();

    private final SiteConfig config;
    private final ArticlePages articles;
    private final ListingPages listings;
    private final Feeds feeds;
    private final Sitemaps sitemaps;
    private final FixedPages fixed;

    public MustachePages(SiteConfig config) {
        PageContext context = new PageContext(config);
        this.config = config;
        this.articles = new ArticlePages(context);
        this.listings = new ListingPages(context);
        this.feeds = new Feeds(context);
        this.sitemaps = new Sitemaps(context);
        this.fixed = new FixedPages(context);
    }

    @Override
    public String articlePageKey(String section, String slug) {
        return articles.key(section, slug);
    }

    @Override
    public RenderedPage articlePage(Article article) {
        return articles.page(article, false);
    }

    @Override
    public RenderedPage previewPage(Article article) {
        return articles.page(article, true);
    }

    @Override
    public RenderedPage redirectPage(String fromSection, String fromSlug, Article to) {
        return articles.redirect(fromSection, fromSlug, to);
    }

    @Override
    public List<RenderedPage> listingPages(ListingId id, Listing listing) {
        List<ListingEntry> entries = listing.entries().stream().sorted(Listings.NEWEST_FIRST).toList();
        return switch (id.kind()) {
            case HOME -> List.of(listings.home(entries), feeds.siteAtom(entries), feeds.siteRss(entries),
                    sitemaps.index(entries, listing.monthCounts()), sitemaps.robots(entries, listing.monthCounts()));
            case SECTION_FRONT -> {
                String section = id.section().orElseThrow();
                yield List.of(listings.sectionFront(section, entries, listing.monthCounts()),
                        feeds.sectionAtom(section, entries), feeds.sectionRss(section, entries));
            }
            case SECTION_MONTH -> {
                String section = id.section().orElseThrow();
                YearMonth month = id.month().orElseThrow();
                SortedMap<LocalDate, Integer> days = Listings.dayCounts(listing);
                yield List.of(listings.month(id.collection().orElseThrow(), month, days),
                        sitemaps.month(section, month, days));
            }
            case AUTHOR_FRONT, TAG_FRONT -> List.of(listings.collectionFront(id.collection().orElseThrow(), entries,
                    listing.monthCounts()));
            case AUTHOR_MONTH, TAG_MONTH -> List.of(listings.month(id.collection().orElseThrow(),
                    id.month().orElseThrow(), Listings.dayCounts(listing)));
        };
    }

    @Override
    public List<RenderedPage> dayPages(ListingId month, LocalDate day, List<ListingEntry> entries, int firstPosition,
                                       int total, int fromPage, int toPage) {
        ListingId.Collection collection = month.collection().orElseThrow();
        YearMonth yearMonth = month.month().orElseThrow();
        int size = config.pageSize();
        int pageCount = Listings.pagesOf(total, size);
        List<RenderedPage> rendered = new ArrayList<>();
        for (int page = Math.max(1, fromPage); page <= toPage; page++) {
            int from = Math.max(0, Math.min(entries.size(), (page - 1) * size - firstPosition));
            int to = Math.max(0, Math.min(entries.size(), Math.min(total, page * size) - firstPosition));
            List<ListingEntry> onPage = new ArrayList<>(entries.subList(from, Math.max(from, to)));
            Collections.reverse(onPage);
            rendered.add(listings.day(collection, yearMonth, day, onPage, page, pageCount));
            int number = page;
            month.section().ifPresent(section ->
                    rendered.add(sitemaps.dayPage(section, yearMonth, day, number, onPage)));
        }
        return rendered;
    }

    @Override
    public int dayPageSize() {
        return config.pageSize();
    }

    @Override
    public FrontSizes frontSizes() {
        return FrontSizes.of(config);
    }

    @Override
    public RenderedPage newsSitemap(List<ListingEntry> recent) {
        return sitemaps.news(recent);
    }

    @Override
    public List<RenderedPage> fixedPages() {
        return fixed.pages();
    }

    @Override
    public int generation() {
        return config.generation();
    }
}
