package broadsheet.core.render;

import broadsheet.core.text.Slugs;

import broadsheet.core.Fixtures;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.article.Validated;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
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

    private static final Set<String> URL_ATTRIBUTES =
            Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Immutable and thread-safe, so one instance serves every case. */
    private static final MustachePages pages = new MustachePages(Fixtures.site());

    static List<String> vectors() {
        return XssVectors.VECTORS;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void articlePageKeepsEveryVectorInert(String vector) {
        Article article = new Article("world", "xss-test", vector, vector, vector + "\n\n" + String.join("\n\n", XssVectors.MARKDOWN)
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
        json.put("body", vector + "\n\n" + String.join("\n\n", XssVectors.MARKDOWN));
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
        rendered.addAll(pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                broadsheet.core.listing.Listings.monthView(listing.entries())));
        rendered.add(pages.newsSitemap(List.of(entry, withMedia)));
        String authorSlug = broadsheet.core.text.Slugs.forName(vector);
        rendered.addAll(pages.listingPages(ListingId.authorFront(authorSlug), listing));
        rendered.addAll(pages.allPages(ListingId.authorMonth(authorSlug, YearMonth.of(2026, 11)),
                broadsheet.core.listing.Listings.monthView(listing.entries())));
        ListingEntry tagged = new ListingEntry("xss-tagged", "world", vector, vector,
                Instant.parse("2026-11-26T18:30:00Z"), null, null, null, List.of(vector), List.of(vector, "news"));
        Listing tagListing = new Listing(List.of(entry, withMedia, tagged), Map.of("2026-11", 3));
        rendered.addAll(pages.listingPages(ListingId.tagFront(authorSlug), tagListing));
        assertThat(rendered).hasSize(20);
        for (RenderedPage page : rendered) {
            if (page.contentType().startsWith("text/plain")) {
                assertThat(page.text()).as(page.key()).doesNotContain(vector);
            } else if (page.contentType().startsWith("text/html")) {
                Document doc = assertInert(page.text(), 0);
                boolean month = page.key().matches(".*/archive/\\d{4}/\\d{2}/index\\.html");
                boolean day = !month && page.key().contains("/archive/");
                assertThat(doc.select(month ? "nav.archive a" : "main h2 a")).as(page.key())
                        .hasSizeGreaterThanOrEqualTo(day || month ? 1 : 2);
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
