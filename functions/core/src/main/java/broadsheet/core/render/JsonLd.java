package broadsheet.core.render;

import broadsheet.core.article.Article;
import broadsheet.core.site.SiteLayout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Structured data (schema.org JSON-LD) for article pages, serialised by Jackson and made safe
 * for a {@code <script>} element: {@code <}, {@code >}, {@code &} and the JavaScript line
 * separators are written as {@code \}{@code uXXXX} escapes, which only occur inside JSON strings
 * and so leave the JSON value unchanged. Only then may a template insert it unescaped.
 */
final class JsonLd {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SiteLayout layout;

    JsonLd(SiteLayout layout) {
        this.layout = layout;
    }

    String newsArticle(Article a, String sectionTitle, Instant published, Instant modified) {
        ObjectNode o = mapper.createObjectNode();
        o.put("@context", "https://schema.org");
        o.put("@type", "NewsArticle");
        o.put("headline", a.headline());
        o.put("description", a.standfirst() != null ? a.standfirst() : a.headline());
        if (published != null) {
            o.put("datePublished", published.toString());
        }
        if (modified != null) {
            o.put("dateModified", modified.toString());
        }
        ArrayNode authors = o.putArray("author");
        for (String name : a.authors()) {
            authors.addObject().put("@type", "Person").put("name", name);
        }
        if (a.image() != null) {
            o.putArray("image").add(layout.mediaUrl(a.image().src()));
        }
        o.put("articleSection", sectionTitle);
        if (!a.tags().isEmpty()) {
            o.put("keywords", String.join(", ", a.tags()));
        }
        o.put("inLanguage", layout.config().language());
        o.put("url", layout.articleUrl(a.section(), a.slug()));
        o.putObject("mainEntityOfPage").put("@type", "WebPage").put("@id", layout.articleUrl(a.section(), a.slug()));
        o.putObject("publisher").put("@type", "Organization")
                .put("name", layout.config().name()).put("url", layout.homeUrl());
        return safe(o);
    }

    String breadcrumbList(String sectionTitle, String sectionUrl, String headline, String articleUrl) {
        ObjectNode o = mapper.createObjectNode();
        o.put("@context", "https://schema.org");
        o.put("@type", "BreadcrumbList");
        ArrayNode items = o.putArray("itemListElement");
        item(items, 1, "Home", layout.homeUrl());
        item(items, 2, sectionTitle, sectionUrl);
        item(items, 3, headline, articleUrl);
        return safe(o);
    }

    private static void item(ArrayNode items, int position, String name, String url) {
        items.addObject().put("@type", "ListItem").put("position", position).put("name", name).put("item", url);
    }

    private String safe(ObjectNode node) {
        return forScript(mapper.writeValueAsString(node));
    }

    /** JSON text made safe to sit inside a {@code <script>} element. */
    static String forScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
