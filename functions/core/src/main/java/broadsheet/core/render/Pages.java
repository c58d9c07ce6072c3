package broadsheet.core.render;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.render.PageRevision;

import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;

import java.util.List;

/**
 * Turns articles and listings into pages. Rendering is deterministic: the same input and
 * templates give byte-identical pages.
 */
public interface Pages {

    /** The article page, stored under {@link #articlePageKey}. */
    RenderedPage articlePage(Article article);

    /**
     * The article page of any article, draft or scheduled included, for an editor's preview: a
     * visible "Preview" banner, {@code noindex}, not cacheable. Never uploaded to the bucket.
     */
    RenderedPage previewPage(Article article);

    /**
     * The page left at an article's old key ({@code fromSection}/{@code fromSlug}) when it moved:
     * it redirects to {@code to}'s page, in its body (meta refresh, canonical link, a plain link)
     * and in {@link RenderedPage#redirectLocation()} (the site path of the new page).
     */
    RenderedPage redirectPage(String fromSection, String fromSlug, Article to);

    /** The bucket key of an article's page, e.g. {@code world/some-slug/index.html}. */
    String articlePageKey(String section, String slug);

    /**
     * Every page rendered from one listing: for {@code home} the home page, the site Atom and RSS
     * feeds and the sitemap index; for a section front the front page and the section's Atom and
     * RSS feeds; for a section month its archive page and its sitemap; for an author or tag front
     * its front page; for an author or tag month its archive page.
     */
    List<RenderedPage> listingPages(ListingId id, Listing listing);

    /**
     * The Google News sitemap ({@code news-sitemap.xml}) of the given entries, which the caller
     * has already limited to the articles of the last two days (rendering reads no clock).
     */
    RenderedPage newsSitemap(List<ListingEntry> recent);

    /** Pages that do not depend on articles: the 404 page, the stylesheet, robots.txt. */
    List<RenderedPage> fixedPages();

    /**
     * The render generation of these templates and site config (at least 1): every page is put
     * with {@link PageRevision#of}{@code (generation(), version)}, so a page of a newer generation
     * replaces the page an older one rendered from the same version.
     */
    int generation();
}
