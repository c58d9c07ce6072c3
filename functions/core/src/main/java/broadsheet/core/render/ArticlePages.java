package broadsheet.core.render;

import broadsheet.core.article.Article;
import broadsheet.core.markdown.MarkdownRenderer;
import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import broadsheet.core.text.Slugs;
import com.github.mustachejava.Mustache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static broadsheet.core.render.MustachePages.ARTICLE_CACHE;
import static broadsheet.core.render.MustachePages.HTML;
import static broadsheet.core.render.MustachePages.PREVIEW_CACHE;
import static broadsheet.core.render.PageContext.firstNonNull;
import static broadsheet.core.render.PageContext.htmlDateTime;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * An article's pages: the public page ({@code pages/article.mustache}), the editors' preview of
 * it (the same template with a banner, {@code noindex}, not cached) and the page left at a moved
 * article's old key ({@code pages/redirect.mustache}).
 */
final class ArticlePages {

    static final List<String> TEMPLATES = List.of("pages/article.mustache", "pages/redirect.mustache");

    /** About what an article page holds besides its body (head, header, footer, byline, tags). */
    private static final int PAGE_AROUND_BODY = 6 * 1024;

    private final PageContext context;
    private final SiteConfig config;
    private final SiteLayout layout;
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final JsonLd jsonLd;
    private final Mustache articleTemplate;
    private final Mustache redirectTemplate;

    ArticlePages(PageContext context) {
        this.context = context;
        this.config = context.config();
        this.layout = context.layout();
        this.jsonLd = new JsonLd(layout);
        this.articleTemplate = context.template("pages/article.mustache");
        this.redirectTemplate = context.template("pages/redirect.mustache");
    }

    String key(String section, String slug) {
        return layout.articleKey(section, slug);
    }

    /** The article page; {@code preview}: as an editor's preview of it. */
    RenderedPage page(Article a, boolean preview) {
        Section section = context.section(a.section());
        Instant published = firstNonNull(a.publishAt(), a.updatedAt(), a.createdAt());
        Instant modified = a.updatedAt() == null || (published != null && a.updatedAt().isBefore(published))
                ? published : a.updatedAt();
        boolean showUpdated = modified != null && published != null && modified.isAfter(published);
        String url = layout.articleUrl(a.section(), a.slug());
        String sectionUrl = layout.sectionFrontUrl(a.section());
        String description = a.standfirst() != null ? a.standfirst() : a.headline();
        Views.ImageMeta imageMeta = a.image() == null ? null
                : new Views.ImageMeta(layout.mediaUrl(a.image().src()), a.image().alt());

        Views.Head head = Views.Head.builder(context.titled(a.headline()), description, config.name())
                .canonicalUrl(url)
                .ogType("article")
                .ogTitle(a.headline())
                .image(imageMeta)
                .article(htmlDateTime(published), htmlDateTime(modified), section.title(), a.tags())
                .feed(new Views.Feed(context.titled(section.title()), layout.sectionFeedUrl(a.section())))
                .noindex(preview)
                .jsonLd(List.of(jsonLd.newsArticle(a, section.title(), published, modified),
                        jsonLd.breadcrumbList(section.title(), sectionUrl, a.headline(), url)))
                .build();
        Views.Breadcrumb breadcrumb = context.breadcrumb(
                new Views.Crumb(section.title(), layout.sectionFrontPath(a.section()), false),
                new Views.Crumb(a.headline(), null, true));
        Views.Figure figure = a.image() == null ? null : new Views.Figure(layout.mediaUrl(a.image().src()),
                a.image().alt(), a.image().caption() == null && a.image().credit() == null ? null
                : new Views.Figcaption(a.image().caption(), a.image().credit()));
        String bodyHtml = markdown.toHtml(a.body());
        Views.ArticleBody body = new Views.ArticleBody(a.headline(), a.standfirst(), section.title(),
                layout.sectionFrontPath(a.section()), figure, authorLinks(a.authors()), htmlDateTime(published),
                published == null ? null : context.day(published),
                showUpdated ? htmlDateTime(modified) : null, showUpdated ? context.time(modified) : null,
                bodyHtml, a.source(), a.tags().isEmpty() ? null
                : new Views.Tags(a.tags().stream()
                        .map(t -> new Views.TagLink(t, layout.tagFrontPath(Slugs.forName(t)))).toList()));
        Views.ArticlePage page = new Views.ArticlePage(context.site(a.section()), head, breadcrumb, body,
                preview ? previewBanner(a) : null);
        return rendered(layout.articleKey(a.section(), a.slug()), HTML, preview ? PREVIEW_CACHE : ARTICLE_CACHE,
                render(articleTemplate, page, PAGE_AROUND_BODY + bodyHtml.length() + bodyHtml.length() / 8));
    }

    RenderedPage redirect(String fromSection, String fromSlug, Article to) {
        String path = layout.articlePath(to.section(), to.slug());
        Views.RedirectPage page = new Views.RedirectPage(config.language(), context.titled(to.headline()),
                to.headline(), path, layout.articleUrl(to.section(), to.slug()));
        return RenderedPage.rendered(layout.articleKey(fromSection, fromSlug), HTML, ARTICLE_CACHE,
                render(redirectTemplate, page), Optional.of(path));
    }

    private String previewBanner(Article a) {
        String state = switch (a.status()) {
            case DRAFT -> "a draft, not published";
            case REVIEW -> "a draft waiting for review, not published";
            case SCHEDULED -> a.publishAt() == null ? "scheduled, not yet published"
                    : "scheduled for " + context.time(a.publishAt());
            case PUBLISHED -> "published";
        };
        return "This article is " + state + ". Readers cannot see this page.";
    }

    /** Each author linked to their page, with the separators of {@link ListingPages#byline}; null for none. */
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
}
