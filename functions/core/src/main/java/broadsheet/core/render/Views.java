package broadsheet.core.render;

import java.util.List;

/**
 * The view models the templates read: display-ready values only (formatted dates, site paths,
 * absolute URLs, sanitised HTML), so the templates hold no logic. A null value or an empty list
 * hides its template section.
 */
public final class Views {

    private Views() {
    }

    /** What every HTML page shows around its content. */
    public record Site(String name, String language, String homePath, String stylesheetPath,
                       String siteFeedUrl, List<NavItem> sections) {
    }

    /** One section link in the header; {@code current} marks the section being shown. */
    public record NavItem(String title, String path, boolean current) {
    }

    /**
     * The document head: title, description, canonical link, Open Graph, Twitter card, JSON-LD.
     * Made with {@link #builder}, so that a page names what it sets.
     */
    public record Head(String title, String description, String canonicalUrl, String siteName, String ogType,
                       String ogTitle, ImageMeta image, String twitterCard, String publishedTime,
                       String modifiedTime, String sectionTitle, List<String> tags, Feed feed,
                       boolean noindex, List<String> jsonLd) {

        public Head {
            tags = List.copyOf(tags);
            jsonLd = List.copyOf(jsonLd);
        }

        /**
         * A head titled {@code title} (also the Open Graph title unless {@link Builder#ogTitle} says
         * otherwise) of a {@code website} page of {@code siteName}: no canonical link, image, article
         * metadata, feed or JSON-LD until set; indexable.
         */
        public static Builder builder(String title, String description, String siteName) {
            return new Builder(title, description, siteName);
        }

        /** Builds a {@link Head}; the Twitter card follows from the image ({@code summary_large_image} with one). */
        public static final class Builder {
            private final String title;
            private final String description;
            private final String siteName;
            private String canonicalUrl;
            private String ogType = "website";
            private String ogTitle;
            private ImageMeta image;
            private String publishedTime;
            private String modifiedTime;
            private String sectionTitle;
            private List<String> tags = List.of();
            private Feed feed;
            private boolean noindex;
            private List<String> jsonLd = List.of();

            private Builder(String title, String description, String siteName) {
                this.title = title;
                this.description = description;
                this.siteName = siteName;
                this.ogTitle = title;
            }

            public Builder canonicalUrl(String url) {
                this.canonicalUrl = url;
                return this;
            }

            public Builder ogType(String type) {
                this.ogType = type;
                return this;
            }

            public Builder ogTitle(String title) {
                this.ogTitle = title;
                return this;
            }

            public Builder image(ImageMeta image) {
                this.image = image;
                return this;
            }

            /** Open Graph {@code article:*} metadata: times as HTML spells them, the section's title, the tags. */
            public Builder article(String publishedTime, String modifiedTime, String sectionTitle, List<String> tags) {
                this.publishedTime = publishedTime;
                this.modifiedTime = modifiedTime;
                this.sectionTitle = sectionTitle;
                this.tags = tags;
                return this;
            }

            public Builder feed(Feed feed) {
                this.feed = feed;
                return this;
            }

            public Builder noindex(boolean noindex) {
                this.noindex = noindex;
                return this;
            }

            public Builder jsonLd(List<String> scripts) {
                this.jsonLd = scripts;
                return this;
            }

            public Head build() {
                return new Head(title, description, canonicalUrl, siteName, ogType, ogTitle, image,
                        image == null ? "summary" : "summary_large_image", publishedTime, modifiedTime,
                        sectionTitle, tags, feed, noindex, jsonLd);
            }
        }
    }

    public record ImageMeta(String url, String alt) {
    }

    public record Feed(String title, String url) {
    }

    /** The visible breadcrumb; the last item has no path (it is the page itself). */
    public record Breadcrumb(List<Crumb> items) {
    }

    public record Crumb(String name, String path, boolean last) {
    }

    /** An article page; {@code preview} is the banner text of an editor's preview, null on the public page. */
    public record ArticlePage(Site site, Head head, Breadcrumb breadcrumb, ArticleBody article, String preview) {
    }

    public record ArticleBody(String headline, String standfirst, String sectionTitle, String sectionPath,
                              Figure image, Byline byline, String publishedIso, String publishedDisplay,
                              String updatedIso, String updatedDisplay, String bodyHtml, String source,
                              Tags tags) {
    }

    /** The article's tags, each linking to its tag page; null when it has none. */
    public record Tags(List<TagLink> items) {
    }

    public record TagLink(String name, String path) {
    }

    /** The article's authors, each linking to their author page; null when it has none. */
    public record Byline(List<AuthorLink> authors) {
    }

    /** One author; {@code separator} (", " or " and ") follows the name, null after the last. */
    public record AuthorLink(String name, String path, String separator) {
    }

    /** The lead image; {@code figcaption} is null when there is neither caption nor credit. */
    public record Figure(String src, String alt, Figcaption figcaption) {
    }

    public record Figcaption(String caption, String credit) {
    }

    /**
     * Any listing page: the home page, a section, author or tag front, or an archive month.
     * {@code variant} (e.g. {@code author}, {@code tag}) adds the class {@code listing-<variant>}
     * to the listing; null for none.
     */
    public record ListingPage(Site site, Head head, Breadcrumb breadcrumb, String variant, String heading,
                              String intro, Teasers teasers, String emptyText, Archive archive, Pager pager) {
    }

    /** Links to the older and newer pages of an archive day; null when the day has one page. */
    public record Pager(String label, PagerLink older, PagerLink newer) {
    }

    public record PagerLink(String label, String path) {
    }

    /** The teasers of a listing page; null when the listing is empty (then {@code emptyText} shows). */
    public record Teasers(List<Teaser> items) {
    }

    /** Links to the archive months of a section, author or tag, newest first; null when there are none. */
    public record Archive(String heading, List<ArchiveLink> months) {
    }

    /** One article in a listing; {@code kicker} (its section) is shown on the home page only. */
    public record Teaser(String headline, String path, String standfirst, String byline, String publishedIso,
                         String publishedDisplay, Figure image, NavItem kicker) {
    }

    public record ArchiveLink(String label, String path, int count) {
    }

    /** The page left at a moved article's old address: {@code path} is the new site path, {@code url} its absolute URL. */
    public record RedirectPage(String language, String title, String headline, String path, String url) {
    }

    public record NotFoundPage(Site site, Head head, Breadcrumb breadcrumb) {
    }

    /** An Atom 1.0 feed. */
    public record AtomFeed(String language, String id, String title, String subtitle, String updated,
                           String selfUrl, String alternateUrl, String authorName, List<AtomEntry> entries) {
    }

    public record AtomEntry(String id, String title, String url, String published, String updated,
                            List<String> authors, String summary, Category category) {
    }

    /** A feed category: a machine term (the section slug) and its label. */
    public record Category(String term, String label) {
    }

    /** An RSS 2.0 channel; dates are RFC 822 ({@code Sun, 29 Nov 2026 12:00:00 GMT}). */
    public record RssChannel(String title, String link, String description, String language, String lastBuildDate,
                             String selfUrl, List<RssItem> items) {
    }

    public record RssItem(String title, String link, String guid, String pubDate, String description,
                          List<String> creators, String category) {
    }

    /** A Google News sitemap: one entry per article of the last two days. */
    public record NewsUrlSet(List<NewsUrl> urls) {
    }

    public record NewsUrl(String loc, String publicationName, String language, String publicationDate,
                          String title) {
    }

    public record UrlSet(List<SitemapUrl> urls) {
    }

    public record SitemapUrl(String loc, String lastmod) {
    }

    public record SitemapIndex(List<SitemapUrl> sitemaps) {
    }
}
