package broadsheet.core;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.site.SiteConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared test data: the packaged site config and the project's fixture articles. */
public final class Fixtures {

    private Fixtures() {
    }

    public static SiteConfig site() {
        return SiteConfig.load();
    }

    public static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The World fixture article, as the store would hand it to the publisher (version 3). */
    public static Article worldArticle() {
        Validated result = new ArticleValidator(site()).parse(resource("fixtures/world-article.json"));
        if (!(result instanceof Validated.Valid valid)) {
            throw new IllegalStateException("fixture is invalid: " + result);
        }
        return valid.article()
                .withTimes(Instant.parse("2026-11-28T17:05:00Z"), Instant.parse("2026-11-28T19:12:00Z"))
                .withVersion(3);
    }

    /**
     * A World article with every field but the body at the validator's maximum: headline,
     * standfirst, caption, credit, alt text, source, ten authors and twenty tags at their maximum
     * lengths in code points, most of them four-byte characters, with characters HTML must escape
     * among them, and an image source of the maximum length; the body has a heading, a link, raw
     * HTML and a list of the same text. Parsed by the validator, so the maxima are its own.
     */
    public static Article atMaxima() {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode json = mapper.createObjectNode();
        json.put("section", "world");
        json.put("slug", "maxima-" + "x".repeat(73));
        json.put("headline", text("Headline <b>&\\\"'", ArticleValidator.MAX_HEADLINE));
        json.put("standfirst", text("Standfirst <i>&", ArticleValidator.MAX_STANDFIRST));
        json.put("body", "## " + text("Heading & <", 80) + "\n\n"
                + text("A [link](https://example.org/?a=1&b=2) <script>x</script> ", 400) + "\n\n- "
                + text("item", 40) + "\n- " + text("item", 40) + "\n");
        ObjectNode image = json.putObject("image");
        image.put("src", ("media/2026/11/maxima-" + "a".repeat(ArticleValidator.MAX_SRC)).substring(0, ArticleValidator.MAX_SRC));
        image.put("alt", text("Alt \"quoted\" &", ArticleValidator.MAX_ALT));
        image.put("caption", text("Caption <u>", ArticleValidator.MAX_CAPTION));
        image.put("credit", text("Credit &amp;", ArticleValidator.MAX_CREDIT));
        json.put("source", text("Source '", ArticleValidator.MAX_SOURCE));
        ArrayNode authors = json.putArray("authors");
        for (int a = 0; a < ArticleValidator.MAX_AUTHORS; a++) {
            authors.add(text("Author " + a + " & <", ArticleValidator.MAX_AUTHOR));
        }
        ArrayNode tags = json.putArray("tags");
        for (int t = 0; t < ArticleValidator.MAX_TAGS; t++) {
            tags.add(text("Tag " + t + " \"<", ArticleValidator.MAX_TAG));
        }
        json.put("status", "published");
        json.put("publishAt", "2026-11-28T18:00:00Z");
        Validated result = new ArticleValidator(site()).parse(mapper.writeValueAsBytes(json));
        if (!(result instanceof Validated.Valid valid)) {
            throw new IllegalStateException("the article at the maxima is invalid: " + result);
        }
        return valid.article()
                .withTimes(Instant.parse("2026-11-28T18:00:00Z"), Instant.parse("2026-11-28T19:00:00Z"))
                .withVersion(1);
    }

    /** {@code prefix} then four-byte characters up to exactly {@code codePoints} code points. */
    public static String text(String prefix, int codePoints) {
        StringBuilder text = new StringBuilder(prefix);
        while (text.codePointCount(0, text.length()) < codePoints) {
            text.appendCodePoint(0x1F5DE); // a rolled-up newspaper
        }
        return text.toString();
    }

    /** Three World articles of November 2026 and one of October, given oldest first on purpose. */
    public static List<ListingEntry> worldEntries() {
        return List.of(
                new ListingEntry("lisbon-port-strike-ends", "world", "Lisbon port strike ends after nine days",
                        "Dock workers accept a 4% rise.", Instant.parse("2026-10-30T08:00:00Z"),
                        Instant.parse("2026-10-30T08:00:00Z"), null, null, List.of("Ana Sousa")),
                new ListingEntry("harbour-states-agree-to-pool-coastguard-patrols-after-valletta-summit", "world",
                        "Harbour states agree to pool coastguard patrols after Valletta summit",
                        "Ministers from six Mediterranean states say shared patrols will cut response times at sea.",
                        Instant.parse("2026-11-28T18:30:00Z"), Instant.parse("2026-11-28T19:12:00Z"),
                        "media/2026/11/valletta-harbour.jpg", "Coastguard vessels moored in Valletta's Grand Harbour",
                        List.of("Elena Borg", "Tomás Ruiz")),
                new ListingEntry("kyiv-talks-resume", "world", "Київ: talks resume — 東京 observers attend 🚀",
                        null, Instant.parse("2026-11-02T07:45:00Z"), Instant.parse("2026-11-02T07:45:00Z"),
                        "https://images.example/kyiv.jpg", "Delegates at the table", List.of()),
                new ListingEntry("nordic-grid-deal", "world", "Nordic grid operators sign winter reserve deal",
                        "Power sharing & price caps \"until March\".", Instant.parse("2026-11-15T12:00:00Z"),
                        Instant.parse("2026-11-16T09:30:00Z"), null, null,
                        List.of("Ingrid Dahl", "Jonas Berg", "Aino Virtanen")));
    }

    public static Listing worldFront() {
        return new Listing(worldEntries(), Map.of("2026-11", 3, "2026-10", 1));
    }

    public static Listing worldNovember() {
        return new Listing(worldEntries().stream().filter(e -> e.publishAt().toString().startsWith("2026-11")).toList(),
                Map.of());
    }

    /** The home listing: World entries plus one Culture entry; buckets per section and month. */
    public static Listing home() {
        List<ListingEntry> entries = new java.util.ArrayList<>(worldEntries());
        entries.add(new ListingEntry("cafe-society-returns", "culture", "Café society returns to the Left Bank",
                "A new generation of writers takes a table.", Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:00Z"), null, null, List.of("Léa Martin")));
        return new Listing(entries, Map.of("world/2026-11", 3, "world/2026-10", 1, "culture/2026-11", 1));
    }

    /** The tag listing of "NATO" for November 2026: two entries with their tags. */
    public static Listing natoNovember() {
        return new Listing(List.of(
                new ListingEntry("alliance-summit-opens", "world", "Alliance summit opens in Vilnius",
                        "Leaders meet as winter approaches.", Instant.parse("2026-11-27T09:00:00Z"),
                        Instant.parse("2026-11-27T09:00:00Z"), null, null, List.of("Elena Borg"),
                        List.of("NATO", "Defence")),
                new ListingEntry("defence-budgets-rise", "business", "Defence budgets rise across Europe",
                        null, Instant.parse("2026-11-03T12:00:00Z"), Instant.parse("2026-11-03T12:00:00Z"),
                        null, null, List.of(), List.of("nato"))),
                Map.of());
    }
}
