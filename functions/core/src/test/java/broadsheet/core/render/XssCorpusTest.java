package broadsheet.core.render;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.article.Validated;
import broadsheet.core.publish.Listing;
import broadsheet.core.publish.ListingEntry;
import broadsheet.core.publish.ListingId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Puts each vector of an XSS corpus into every text field an editor controls and the Markdown
 * body, renders article and listing pages and checks that nothing executable survives.
 */
class XssCorpusTest {

    static final List<String> VECTORS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<ScRiPt>alert(1)</sCrIpT>",
            "</script><script>alert(1)</script>",
            "</title><script>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"jav&#x09;ascript:alert(1)\">",
            "<img src=x:alert(alt) onerror=eval(src) alt=0>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"data:text/html,<script>alert(1)</script>\">",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"&#106;avascript:alert(1)\">click</a>",
            "<a href=\"  JaVaScRiPt:alert(1)\">click</a>",
            "<a href=\"vbscript:msgbox(1)\">click</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
            "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
            "<body onload=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<style>@import 'javascript:alert(1)';</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<!--<script>alert(1)</script>-->",
            "\"><script>alert(1)</script>",
            "'><img src=x onerror=alert(1)>",
            "\" onmouseover=\"alert(1)",
            "' onfocus='alert(1)' autofocus='",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
            "\u2028\u2029</script><script>alert(1)</script>",
            "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E",
            "<a href=\"#\" onclick=\"alert(1)\">x</a>",
            "{{site.name}}{{{head}}}<script>alert(1)</script>");

    /** Markdown-only tricks, used in the body next to the corpus. */
    static final List<String> MARKDOWN = List.of(
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](jav&#x09;ascript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "<javascript:alert(1)>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox(1))",
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
            "[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")",
            "<div onclick=\"alert(1)\">\n\n*md*\n\n</div>");

    private static final Set<String> URL_ATTRIBUTES =
            Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Immutable and thread-safe, so one instance serves every case. */
    private static final MustachePages pages = new MustachePages(Fixtures.site());

    static List<String> vectors() {
        return VECTORS;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void articlePageKeepsEveryVectorInert(String vector) {
        Article article = new Article("world", "xss-test", vector, vector, vector + "\n\n" + String.join("\n\n", MARKDOWN)
                + "\n\n" + vector, new LeadImage("media/x.jpg", vector, vector, vector), List.of(vector, "Ann " + vector),
                List.of(vector), vector, Status.PUBLISHED, Instant.parse("2026-11-28T18:30:00Z"),
                Instant.parse("2026-11-28T18:00:00Z"), Instant.parse("2026-11-28T19:00:00Z"), 2);
        Document doc = assertInert(pages.articlePage(article).text(), 2);
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("main article figure img")).hasSize(1);
        assertThat(assertInert(pages.previewPage(article).text(), 2).select(".preview-banner")).hasSize(1);
        Document redirect = org.jsoup.Jsoup.parse(pages.redirectPage("politics", "xss-test", article).text());
        assertThat(redirect.select("script")).isEmpty();
        assertThat(redirect.select("body *").stream().map(org.jsoup.nodes.Element::tagName))
                .as("the headline stays text").containsExactly("p", "a");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void articlePageOfAValidatedArticleKeepsEveryVectorInert(String vector) {
        ObjectNode json = JSON.createObjectNode();
        json.put("section", "world");
        json.put("headline", vector);
        json.put("standfirst", vector);
        json.put("body", vector + "\n\n" + String.join("\n\n", MARKDOWN));
        json.putObject("image").put("src", "media/x.jpg").put("alt", vector).put("caption", vector).put("credit", vector);
        json.putArray("authors").add(vector);
        json.putArray("tags").add(vector.length() > 50 ? vector.substring(0, 50) : vector);
        json.put("source", vector);
        Validated result = new ArticleValidator(Fixtures.site()).parse(JSON.writeValueAsBytes(json));
        assertThat(result).isInstanceOf(Validated.Valid.class);
        Article article = ((Validated.Valid) result).article();
        assertInert(pages.articlePage(article).text(), 2);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void listingPagesAndFeedsKeepEveryVectorInert(String vector) throws Exception {
        ListingEntry entry = new ListingEntry("xss-test", "world", vector, vector, Instant.parse("2026-11-28T18:30:00Z"),
                Instant.parse("2026-11-28T19:00:00Z"), vector, vector, List.of(vector));
        ListingEntry withMedia = new ListingEntry("xss-media", "world", vector, vector,
                Instant.parse("2026-11-27T18:30:00Z"), null, "media/x.jpg", vector, List.of(vector, vector));
        Listing listing = new Listing(List.of(entry, withMedia), Map.of("2026-11", 2));
        Listing home = new Listing(List.of(entry, withMedia), Map.of("world/2026-11", 2));
        List<RenderedPage> rendered = new java.util.ArrayList<>();
        rendered.addAll(pages.listingPages(ListingId.home(), home));
        rendered.addAll(pages.listingPages(ListingId.sectionFront("world"), listing));
        rendered.addAll(pages.listingPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)), listing));
        rendered.add(pages.newsSitemap(List.of(entry, withMedia)));
        String authorSlug = broadsheet.core.article.Slugs.forName(vector);
        rendered.addAll(pages.listingPages(ListingId.authorFront(authorSlug), listing));
        rendered.addAll(pages.listingPages(ListingId.authorMonth(authorSlug, YearMonth.of(2026, 11)), listing));
        ListingEntry tagged = new ListingEntry("xss-tagged", "world", vector, vector,
                Instant.parse("2026-11-26T18:30:00Z"), null, null, null, List.of(vector), List.of(vector, "news"));
        Listing tagListing = new Listing(List.of(entry, withMedia, tagged), Map.of("2026-11", 3));
        rendered.addAll(pages.listingPages(ListingId.tagFront(authorSlug), tagListing));
        assertThat(rendered).hasSize(13);
        for (RenderedPage page : rendered) {
            if (page.contentType().startsWith("text/html")) {
                Document doc = assertInert(page.text(), 0);
                assertThat(doc.select("main h2 a")).as(page.key()).hasSizeGreaterThanOrEqualTo(2);
            } else {
                assertWellFormedXmlWithoutScripts(page);
            }
        }
    }

    /** Fails on anything executable; returns the parsed page. */
    static Document assertInert(String html, int expectedJsonLd) {
        Document doc = Jsoup.parse(html);
        List<Element> scripts = doc.select("script");
        assertThat(scripts).as("script elements").hasSize(expectedJsonLd);
        for (Element script : scripts) {
            assertThat(script.attributes().size()).isEqualTo(1);
            assertThat(script.attr("type")).isEqualTo("application/ld+json");
            assertThat(script.parent().tagName()).isEqualTo("head");
            JsonNode parsed = JSON.readTree(script.data());
            assertThat(parsed.get("@context").stringValue()).isEqualTo("https://schema.org");
        }
        for (Element element : doc.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    fail("event handler attribute %s on <%s>", name, element.tagName());
                }
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                    if (url.startsWith("javascript:") || url.startsWith("data:") || url.startsWith("vbscript:")) {
                        fail("dangerous URL %s=%s on <%s>", name, attribute.getValue(), element.tagName());
                    }
                }
                assertThat(name).as("style attributes are never rendered").isNotEqualTo("style");
            }
        }
        assertThat(doc.select("iframe, object, embed, svg, math, form, input, button, style, base, noscript, details,"
                + " meta[http-equiv], body[onload]")).as("elements from input").isEmpty();
        assertThat(doc.select("body *").stream().map(Element::tagName).distinct())
                .allMatch(tag -> ALLOWED_TAGS.contains(tag), "only the templates' own tags");
        return doc;
    }

    private static final Set<String> ALLOWED_TAGS = Set.of("a", "article", "blockquote", "code", "div", "em",
            "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main",
            "nav", "ol", "p", "pre", "section", "span", "strong", "time", "ul", "br");

    private static void assertWellFormedXmlWithoutScripts(RenderedPage page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.body()));
        NodeList all = xml.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            String name = all.item(i).getLocalName();
            assertThat(name).as(page.key()).isNotIn("script", "svg", "iframe", "img", "a");
        }
        Document parsed = Jsoup.parse(page.text(), "", Parser.xmlParser());
        assertThat(parsed.select("script")).isEmpty();
    }
}
