package broadsheet.core.render;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.text.Slugs;
import nu.validator.validation.SimpleDocumentValidator;
import org.apache.log4j.BasicConfigurator;
import org.apache.log4j.varia.NullAppender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of HTML page is valid HTML as the W3C Nu HTML checker (the engine of
 * validator.w3.org/nu) judges it, run offline with the schemas and checkers it bundles: zero
 * errors. Warnings are printed with a failure but do not fail the test.
 */
class HtmlValidityTest {

    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private static final MustachePages pages = new MustachePages(Fixtures.site());
    private static final Messages messages = new Messages();
    private static SimpleDocumentValidator checker;

    /** A body with every construct CommonMark has, and the URLs the renderer refuses. */
    private static final String EVERY_CONSTRUCT = String.join("\n",
            "Intro with *em*, **strong**, `code`, a [link](https://example.org \"title\"), an <https://example.org/auto>",
            "autolink, a <mail@example.org> mail, an &amp; entity, &#x1F5DE; and a hard  ",
            "break, and a backslash\\",
            "break.",
            "",
            "### Deep heading first",
            "",
            "Setext heading",
            "--------------",
            "",
            "> A quote with a [reference link][ref]",
            "> > nested",
            "",
            "1. one",
            "2. two",
            "   - nested *item*",
            "",
            "   - loose",
            "",
            "***",
            "",
            "    indented code <b>",
            "",
            "```java title",
            "fenced <code> & \"quotes\"",
            "```",
            "",
            "<div onclick=\"x()\">raw block</div>",
            "",
            "Inline <span>raw</span> and <!-- comment -->.",
            "",
            "![an image](media/2026/11/photo.jpg \"t\") ![refused image](javascript:alert(1)) ![](https://example.org/i.png)",
            "[refused link](javascript:alert(1)) [empty]() [relative](/world/) [mail](mailto:a@example.org)",
            "",
            "[ref]: https://example.org/ref",
            "");

    @BeforeAll
    static void setUpChecker() throws Exception {
        BasicConfigurator.configure(new NullAppender()); // the checker's internal log stays quiet
        // no log4j setup of its own, no URL logging, no language detection (it guesses from text; fixtures are short)
        checker = new SimpleDocumentValidator(false, false, false);
        checker.setUpMainSchema(HTML_SCHEMA, messages);
        checker.setUpValidatorAndParsers(messages, false, false);
    }

    @Test
    void everyKindOfHtmlPageHasNoErrors() throws Exception {
        Map<String, RenderedPage> html = new LinkedHashMap<>();
        html.put("article", pages.articlePage(Fixtures.worldArticle()));
        html.put("article with a clock's times", pages.articlePage(Fixtures.worldArticle()
                .withPublishAt(Instant.parse("2026-12-04T13:35:42.272175810Z"))
                .withTimes(Instant.parse("2026-12-04T13:30:00Z"), Instant.parse("2026-12-04T14:00:07.000900123Z"))));
        html.put("preview", pages.previewPage(Fixtures.worldArticle()));
        html.put("redirect", pages.redirectPage("politics", Fixtures.worldArticle().slug(), Fixtures.worldArticle()));
        html.put("home", pages.listingPages(ListingId.home(), Fixtures.home()).get(0));
        html.put("section front", pages.listingPages(ListingId.sectionFront("world"), Fixtures.worldFront()).get(0));
        List<RenderedPage> world = pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                broadsheet.core.listing.Listings.monthView(Fixtures.worldNovember().entries()));
        html.put("section archive month", world.get(0));
        html.put("section archive day", world.get(2));
        html.put("empty archive month", pages.listingPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                Listing.EMPTY).get(0));
        List<broadsheet.core.listing.ListingEntry> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * pages.dayPageSize() + 1; i++) {
            java.time.Instant at = java.time.Instant.parse("2026-11-28T06:00:00Z").plusSeconds(60L * i);
            many.add(new broadsheet.core.listing.ListingEntry("story-" + i, "world", "Story " + i, null, at, at, null,
                    null, List.of()));
        }
        List<RenderedPage> paged = pages.dayPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                java.time.LocalDate.of(2026, 11, 28), many, 0, many.size(), 1, 4);
        html.put("first page of a day", paged.get(0));
        html.put("middle page of a day", paged.get(2));
        html.put("last page of a day", paged.get(4));
        html.put("page past the end of a day", paged.get(6));
        html.put("author front", pages.listingPages(ListingId.authorFront("elena-borg"), Fixtures.worldFront()).get(0));
        html.put("author archive day", pages.allPages(ListingId.authorMonth("elena-borg", YearMonth.of(2026, 11)),
                broadsheet.core.listing.Listings.monthView(Fixtures.worldNovember().entries())).get(1));
        html.put("tag front", pages.listingPages(ListingId.tagFront("nato"),
                new Listing(Fixtures.natoNovember().entries(), Map.of("2026-11", 2))).get(0));
        html.put("tag archive month", pages.listingPages(ListingId.tagMonth("nato", YearMonth.of(2026, 11)),
                broadsheet.core.listing.Listings.monthView(Fixtures.natoNovember().entries())).get(0));
        html.put("empty section front", pages.listingPages(ListingId.sectionFront("sport"),
                new Listing(List.of(), Map.of())).get(0));
        html.put("404", pages.fixedPages().get(0));
        Article maxima = Fixtures.atMaxima();
        ListingEntry maximaEntry = Listings.entryOf(maxima);
        html.put("article at the validator's maxima", pages.articlePage(maxima));
        html.put("article whose body uses every Markdown construct", pages.articlePage(withBody(Fixtures.worldArticle(),
                EVERY_CONSTRUCT)));
        html.put("tag front of it", pages.listingPages(ListingId.tagFront(Slugs.forName(maxima.tags().get(19))),
                new Listing(List.of(maximaEntry), Map.of("2026-11", 1))).get(0));
        html.put("author archive day of it", pages.allPages(ListingId.authorMonth(
                        Slugs.forName(maxima.authors().get(9)), YearMonth.of(2026, 11)),
                Listings.monthView(List.of(maximaEntry))).get(1));

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, RenderedPage> page : html.entrySet()) {
            assertThat(page.getValue().contentType()).startsWith("text/html");
            messages.clear();
            // as stored on S3: with the comment naming its revision after the page (RevisionMark)
            byte[] stored = concat(page.getValue().body(), RevisionMark.of(page.getValue().contentType(), 4_294_967_295L));
            InputSource source = new InputSource(new ByteArrayInputStream(stored));
            source.setSystemId(page.getValue().key());
            checker.checkHtmlInputSource(source);
            messages.errors.forEach(e -> problems.add(page.getKey() + " (" + page.getValue().key() + ") " + e));
            messages.warnings.forEach(w -> System.out.println("warning: " + page.getKey() + " " + w));
        }
        assertThat(problems).as("errors the Nu HTML checker reports").isEmpty();
    }

    @Test
    void theCheckerFindsTheErrorsItIsHereToFind() throws Exception {
        messages.clear();
        checker.checkHtmlInputSource(new InputSource(new ByteArrayInputStream(("<!DOCTYPE html><html lang=\"en\">"
                + "<title>t</title><p><time datetime=\"2026-12-04T13:35:42.272175810Z\">now</time></p></html>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(messages.errors).singleElement().asString().contains("datetime");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Article withBody(Article a, String body) {
        return new Article(a.section(), a.slug(), a.headline(), a.standfirst(), body, a.image(),
                a.authors(), a.tags(), a.source(), a.status(), a.publishAt(), a.createdAt(), a.updatedAt(), a.version(),
                a.createdBy());
    }

    /** What the checker reports, as "line:column message". */
    private static final class Messages implements ErrorHandler {
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        void clear() {
            errors.clear();
            warnings.clear();
        }

        @Override
        public void warning(SAXParseException e) {
            warnings.add(describe(e));
        }

        @Override
        public void error(SAXParseException e) {
            errors.add(describe(e));
        }

        @Override
        public void fatalError(SAXParseException e) {
            errors.add("fatal: " + describe(e));
        }

        private static String describe(SAXParseException e) {
            return e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage();
        }
    }
}
