package broadsheet.core.render;

import broadsheet.core.article.Article;
import broadsheet.core.site.SiteLayout;
import broadsheet.core.text.CharScan;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Structured data (schema.org JSON-LD) for article pages, written by Jackson's streaming generator
 * (no tree per page) and made safe
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
        TextWriter out = new TextWriter(1024);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("@context", "https://schema.org");
            g.writeStringProperty("@type", "NewsArticle");
            g.writeStringProperty("headline", a.headline());
            g.writeStringProperty("description", a.standfirst() != null ? a.standfirst() : a.headline());
            if (published != null) {
                g.writeStringProperty("datePublished", PageContext.htmlDateTime(published));
            }
            if (modified != null) {
                g.writeStringProperty("dateModified", PageContext.htmlDateTime(modified));
            }
            g.writeName("author");
            g.writeStartArray();
            for (String name : a.authors()) {
                g.writeStartObject();
                g.writeStringProperty("@type", "Person");
                g.writeStringProperty("name", name);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (a.image() != null) {
                g.writeName("image");
                g.writeStartArray();
                g.writeString(layout.mediaUrl(a.image().src()));
                g.writeEndArray();
            }
            g.writeStringProperty("articleSection", sectionTitle);
            if (!a.tags().isEmpty()) {
                g.writeStringProperty("keywords", String.join(", ", a.tags()));
            }
            g.writeStringProperty("inLanguage", layout.config().language());
            String url = layout.articleUrl(a.section(), a.slug());
            g.writeStringProperty("url", url);
            g.writeName("mainEntityOfPage");
            g.writeStartObject();
            g.writeStringProperty("@type", "WebPage");
            g.writeStringProperty("@id", url);
            g.writeEndObject();
            g.writeName("publisher");
            g.writeStartObject();
            g.writeStringProperty("@type", "Organization");
            g.writeStringProperty("name", layout.config().name());
            g.writeStringProperty("url", layout.homeUrl());
            g.writeEndObject();
            g.writeEndObject();
        }
        return forScript(out.toString());
    }

    String breadcrumbList(String sectionTitle, String sectionUrl, String headline, String articleUrl) {
        TextWriter out = new TextWriter(512);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("@context", "https://schema.org");
            g.writeStringProperty("@type", "BreadcrumbList");
            g.writeName("itemListElement");
            g.writeStartArray();
            item(g, 1, "Home", layout.homeUrl());
            item(g, 2, sectionTitle, sectionUrl);
            item(g, 3, headline, articleUrl);
            g.writeEndArray();
            g.writeEndObject();
        }
        return forScript(out.toString());
    }

    private static void item(JsonGenerator g, int position, String name, String url) {
        g.writeStartObject();
        g.writeStringProperty("@type", "ListItem");
        g.writeNumberProperty("position", position);
        g.writeStringProperty("name", name);
        g.writeStringProperty("item", url);
        g.writeEndObject();
    }

    /** JSON text made safe to sit inside a {@code <script>} element. */
    static String forScript(String json) {
        int i = firstUnsafeInScript(json);
        if (i < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 16);
        out.append(json, 0, i);
        for (; i < json.length(); i++) {
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

    private static int firstUnsafeInScript(String json) {
        byte[] latin1 = CharScan.latin1(json);
        for (int i = 0; i < json.length(); i++) {
            // the line separators are above U+00FF: their Latin-1 byte is '?', so a '?' is checked on the string
            if (latin1 == null || latin1[i] == '?' ? isUnsafeInScript(json.charAt(i))
                    : latin1[i] == '<' || latin1[i] == '>' || latin1[i] == '&') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafeInScript(char c) {
        return c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029';
    }
}
