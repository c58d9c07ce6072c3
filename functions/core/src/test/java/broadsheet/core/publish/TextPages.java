package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.render.Pages;

import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny deterministic {@link Pages} for publisher tests: every page is text lines that name
 * everything it was rendered from, so equal pages mean equal input.
 */
final class TextPages implements Pages {

    static final String HTML = "text/html; charset=utf-8";
    static final String CACHE = "public, max-age=60";
    static final String NEWS = "news-sitemap.xml";

    /** Entries on a day page in these tests: small, so days split into pages. */
    static final int DAY_PAGE_SIZE = 3;

    private final int generation;
    private final int dayPageSize;

    TextPages() {
        this(1);
    }

    /** Pages of the given render generation; the bytes do not depend on it. */
    TextPages(int generation) {
        this(generation, DAY_PAGE_SIZE);
    }

    TextPages(int generation, int dayPageSize) {
        this.generation = generation;
        this.dayPageSize = dayPageSize;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public RenderedPage articlePage(Article article) {
        String body = "article " + article.slug() + " v" + article.version() + "\n"
                + article.section() + "\n" + article.headline() + "\n" + article.publishAt() + "\n";
        return page(articlePageKey(article.section(), article.slug()), body);
    }

    @Override
    public RenderedPage previewPage(Article article) {
        RenderedPage page = articlePage(article);
        return page(page.key(), "preview\n" + page.text());
    }

    @Override
    public RenderedPage redirectPage(String fromSection, String fromSlug, Article to) {
        String path = "/" + to.section() + "/" + to.slug() + "/";
        return new RenderedPage(articlePageKey(fromSection, fromSlug), HTML, CACHE,
                ("redirect to " + path + "\n").getBytes(StandardCharsets.UTF_8), java.util.Optional.of(path));
    }

    @Override
    public String articlePageKey(String section, String slug) {
        return section + "/" + slug + "/index.html";
    }

    @Override
    public List<RenderedPage> listingPages(ListingId id, Listing listing) {
        return switch (id.kind()) {
            case HOME -> List.of(page("index.html", entries(listing)), page("sitemap.xml", buckets(listing)));
            case SECTION_FRONT, AUTHOR_FRONT, TAG_FRONT -> List.of(page(prefix(id) + "index.html",
                    entries(listing) + buckets(listing)));
            case SECTION_MONTH, AUTHOR_MONTH, TAG_MONTH -> List.of(page(monthPageKey(id), buckets(listing)));
        };
    }

    /** Day pages: {@code <month page dir>/<dd>/[<n>/]index.html}, each naming its entries and whether more follow. */
    @Override
    public List<RenderedPage> dayPages(ListingId month, LocalDate day, List<ListingEntry> entries, int firstPosition,
                                       int count, int fromPage, int toPage) {
        List<RenderedPage> pages = new ArrayList<>();
        for (int page = fromPage; page <= toPage; page++) {
            int from = Math.max(0, Math.min(entries.size(), (page - 1) * dayPageSize - firstPosition));
            int to = Math.max(from, Math.min(entries.size(), Math.min(count, page * dayPageSize) - firstPosition));
            List<ListingEntry> onPage = entries.subList(from, to);
            pages.add(page(dayPageKey(month, day, page), entries(new Listing(onPage, java.util.Map.of()))
                    + (count > page * dayPageSize ? "more\n" : "")));
        }
        return pages;
    }

    @Override
    public int dayPageSize() {
        return dayPageSize;
    }

    /** The publisher tests' front size, the same for every front. */
    @Override
    public FrontSizes frontSizes() {
        return FrontSizes.of(5);
    }

    static String dayPageKey(ListingId month, LocalDate day, int page) {
        return prefix(month) + "archive/" + month.month().orElseThrow() + "/" + day.getDayOfMonth() + "/"
                + (page > 1 ? page + "/" : "") + "index.html";
    }

    @Override
    public RenderedPage newsSitemap(List<ListingEntry> recent) {
        return page(NEWS, entries(new Listing(recent, java.util.Map.of())));
    }

    @Override
    public List<RenderedPage> fixedPages() {
        return List.of(page("404.html", "not found\n"));
    }

    static String monthPageKey(ListingId month) {
        return prefix(month) + "archive/" + month.month().orElseThrow() + "/index.html";
    }

    /** {@code world/}, {@code author/ann-smith/}, {@code tag/news/}. */
    private static String prefix(ListingId id) {
        ListingId.Collection c = id.collection().orElseThrow();
        return (c.type() == ListingId.Collection.Type.SECTION ? "" : c.type().prefix() + "/") + c.slug() + "/";
    }

    private static String entries(Listing listing) {
        StringBuilder text = new StringBuilder();
        for (ListingEntry e : listing.entries()) {
            text.append(e.slug()).append('|').append(e.section()).append('|').append(e.headline()).append('|')
                    .append(e.publishAt()).append('|').append(e.updatedAt()).append('\n');
        }
        return text.toString();
    }

    private static String buckets(Listing listing) {
        StringBuilder text = new StringBuilder();
        broadsheet.core.listing.Listings.counts(listing).forEach((key, count) -> text.append("bucket ").append(key).append('=').append(count).append('\n'));
        return text.toString();
    }

    private static RenderedPage page(String key, String body) {
        return new RenderedPage(key, HTML, CACHE, body.getBytes(StandardCharsets.UTF_8));
    }
}
