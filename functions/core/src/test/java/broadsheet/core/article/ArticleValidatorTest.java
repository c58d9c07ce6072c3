package broadsheet.core.article;

import broadsheet.core.Fixtures;

import broadsheet.core.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleValidatorTest {

    private final ArticleValidator validator = new ArticleValidator(Fixtures.site());

    // ------------------------------------------------------------ valid input

    @Test
    void acceptsTheFixtureArticleWithEveryField() {
        Article a = valid(new String(Fixtures.resource("fixtures/world-article.json"), StandardCharsets.UTF_8));
        assertThat(a.section()).isEqualTo("world");
        assertThat(a.slug()).isEqualTo("harbour-states-agree-to-pool-coastguard-patrols-after-valletta-summit");
        assertThat(a.image().caption()).startsWith("Coastguard vessels");
        assertThat(a.authors()).containsExactly("Elena Borg", "Tomás Ruiz");
        assertThat(a.status()).isEqualTo(Status.PUBLISHED);
        assertThat(a.publishAt()).isEqualTo(Instant.parse("2026-11-28T18:30:00Z"));
        assertThat(a.version()).isZero();
        assertThat(a.createdAt()).isNull();
        assertThat(a.updatedAt()).isNull();
    }

    @Test
    void defaultsToDraftAndDerivesTheSlugFromTheHeadline() {
        Article a = valid("{\"section\":\"world\",\"headline\":\"Café talks resume\",\"body\":\"Text.\"}");
        assertThat(a.status()).isEqualTo(Status.DRAFT);
        assertThat(a.slug()).isEqualTo("cafe-talks-resume");
        assertThat(a.authors()).isEmpty();
        assertThat(a.tags()).isEmpty();
        assertThat(a.image()).isNull();
        assertThat(a.publishAt()).isNull();
    }

    @Test
    void ignoresServerSetFields() {
        Article a = valid("{\"section\":\"world\",\"headline\":\"H\",\"body\":\"B\",\"version\":7,"
                + "\"createdAt\":\"2020-01-01T00:00:00Z\",\"updatedAt\":\"x\",\"url\":\"https://evil.example/\"}");
        assertThat(a.version()).isZero();
        assertThat(a.createdAt()).isNull();
        assertThat(a.updatedAt()).isNull();
    }

    @Test
    void keepsUnicodeTextIntactAndNormalisesToNfc() {
        String decomposed = "Cafe\u0301 \u05E9\u05DC\u05D5\u05DD 東京 🚀 مرحبا";
        Article a = valid("{\"section\":\"culture\",\"headline\":\"" + decomposed + "\",\"body\":\"ok\","
                + "\"authors\":[\"Zoë Ångström\"],\"tags\":[\"日本\"]}");
        assertThat(a.headline()).isEqualTo("Café \u05E9\u05DC\u05D5\u05DD 東京 🚀 مرحبا");
        assertThat(a.headline()).contains("\u00e9");
        assertThat(a.authors()).containsExactly("Zoë Ångström");
        assertThat(a.tags()).containsExactly("日本");
    }

    @Test
    void keepsLineFeedsAndTabsInTheBodyAndTurnsCrLfIntoLf() {
        Article a = valid("{\"section\":\"world\",\"headline\":\"H\",\"body\":\"one\\r\\n\\ttwo\\n\\nthree\"}");
        assertThat(a.body()).isEqualTo("one\n\ttwo\n\nthree");
    }

    @Test
    void acceptsScheduledArticlesWithAPublishTimeInAnyOffset() {
        Article a = valid("{\"section\":\"world\",\"headline\":\"H\",\"body\":\"B\",\"status\":\"scheduled\","
                + "\"publishAt\":\"2026-12-01T09:00:00+01:00\"}");
        assertThat(a.status()).isEqualTo(Status.SCHEDULED);
        assertThat(a.publishAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    // ------------------------------------------------------------ the body as a whole

    @Test
    void reportsMalformedJsonAsOneViolationWithoutLibraryText() {
        for (String body : List.of("{\"section\": ", "nul", "{\"a\":1} trailing", "", "{'single':1}")) {
            assertThat(violations(body)).as(body).containsExactly(new Violation("", "the body is not valid JSON"));
        }
    }

    @Test
    void rejectsBytesThatAreNotStrictUtf8IncludingOverlongForms() {
        String json = "{\"section\":\"world\",\"headline\":\"XA headline\",\"body\":\"B\"}";
        int at = json.indexOf('X');
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xC3, 0x28},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        for (byte[] bytes : bad) {
            byte[] body = new byte[json.length() - 1 + bytes.length];
            System.arraycopy(json.getBytes(StandardCharsets.US_ASCII), 0, body, 0, at);
            System.arraycopy(bytes, 0, body, at, bytes.length);
            System.arraycopy(json.getBytes(StandardCharsets.US_ASCII), at + 1, body, at + bytes.length, json.length() - at - 1);
            Validated result = new ArticleValidator(Fixtures.site()).parse(body);
            assertThat(result).as(java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(new Validated.Invalid(List.of(new Violation("", "the body is not valid UTF-8"))));
        }
    }

    @Test
    void readsTheBodyAsUtf8OnlyNeverGuessingUtf16OrUtf32() {
        String json = "{\"section\":\"world\",\"headline\":\"A headline\",\"body\":\"B\"}";
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                java.nio.charset.Charset.forName("UTF-32LE"))) {
            assertThat(validator.parse(json.getBytes(charset))).as(charset.name())
                    .isInstanceOf(Validated.Invalid.class);
        }
        assertThat(validator.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Validated.Valid.class);
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        assertThat(violations("[1,2]")).containsExactly(new Violation("", "the body must be a JSON object"));
        assertThat(violations("\"text\"")).containsExactly(new Violation("", "the body must be a JSON object"));
    }

    @Test
    void rejectsDuplicateKeysAtTheirPath() {
        assertThat(violations("{\"section\":\"world\",\"headline\":\"a\",\"headline\":\"b\",\"body\":\"c\"}"))
                .containsExactly(new Violation("/headline", "duplicate field"));
        assertThat(violations("{\"section\":\"world\",\"headline\":\"a\",\"body\":\"c\",\"image\":{\"alt\":\"x\",\"alt\":\"y\"}}"))
                .containsExactly(new Violation("/image/alt", "duplicate field"));
    }

    @Test
    void rejectsUnknownFieldsByName() {
        assertThat(violations("{\"section\":\"world\",\"headline\":\"a\",\"body\":\"c\",\"standFirst\":\"x\","
                + "\"a/b\":1,\"image\":{\"src\":\"media/a.jpg\",\"alt\":\"x\",\"width\":3}}"))
                .containsExactlyInAnyOrder(new Violation("/standFirst", "unknown field"),
                        new Violation("/a~1b", "unknown field"), new Violation("/image/width", "unknown field"));
    }

    @Test
    void returnsEveryViolationAtOnce() {
        List<Violation> v = violations("{\"section\":\"weather\",\"headline\":42,\"body\":[],\"slug\":\"Bad Slug\","
                + "\"image\":{\"src\":\"javascript:alert(1)\"},\"authors\":[],\"tags\":[1],\"status\":\"live\","
                + "\"publishAt\":\"tomorrow\"}");
        assertThat(v).extracting(Violation::path).containsExactlyInAnyOrder("/section", "/headline", "/slug",
                "/body", "/image/src", "/image/alt", "/authors", "/tags/0", "/status", "/publishAt");
    }

    @Test
    void boundsTheNumberOfViolationsReturned() {
        StringBuilder body = new StringBuilder("{\"section\":\"world\",\"headline\":\"H\",\"body\":\"B\"");
        for (int i = 0; i < 500; i++) {
            body.append(",\"x").append(i).append("\":1");
        }
        body.append(",\"tags\":[").append("1,".repeat(10_000)).append("1]}");
        List<Violation> v = violations(body.toString());
        assertThat(v).hasSize(ArticleValidator.MAX_VIOLATIONS + 1)
                .endsWith(new Violation("", "more problems were found; fix these first"));
        List<Violation> tags = violations(base("\"tags\":[" + "1,".repeat(30) + "1]"));
        assertThat(tags).hasSize(21).startsWith(new Violation("/tags", "must hold 0..20 entries"))
                .contains(new Violation("/tags/19", "must be a string"))
                .doesNotContain(new Violation("/tags/20", "must be a string"));
    }

    // ------------------------------------------------------------ required fields and types

    @Test
    void requiresSectionHeadlineAndBody() {
        assertThat(violations("{}")).containsExactlyInAnyOrder(new Violation("/section", "is required"),
                new Violation("/headline", "is required"), new Violation("/body", "is required"));
        assertThat(violations("{\"section\":null,\"headline\":\"  \",\"body\":\" \\n \"}")).containsExactlyInAnyOrder(
                new Violation("/section", "is required"), new Violation("/headline", "must not be blank"),
                new Violation("/body", "must not be blank"));
    }

    @Test
    void reportsWrongTypesPerField() {
        assertThat(violations("{\"section\":1,\"headline\":true,\"body\":{},\"standfirst\":[],\"source\":2,"
                + "\"image\":\"media/a.jpg\",\"authors\":\"Ann\",\"tags\":{},\"status\":1,\"publishAt\":5,\"slug\":3}"))
                .containsExactlyInAnyOrder(new Violation("/section", "must be a string"),
                        new Violation("/headline", "must be a string"), new Violation("/body", "must be a string"),
                        new Violation("/standfirst", "must be a string"), new Violation("/source", "must be a string"),
                        new Violation("/image", "must be an object"),
                        new Violation("/authors", "must be an array of strings"),
                        new Violation("/tags", "must be an array of strings"),
                        new Violation("/status", "must be a string"), new Violation("/publishAt", "must be a string"),
                        new Violation("/slug", "must be a string"));
    }

    @Test
    void rejectsAnUnknownSection() {
        assertThat(violations(base("\"section\":\"weather\""))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/section");
            assertThat(v.message()).contains("world", "opinion");
        });
    }

    // ------------------------------------------------------------ lengths

    @Test
    void limitsTheHeadlineTo200Characters() {
        assertThat(violations(base("\"headline\":\"" + "é".repeat(200) + "\""))).isEmpty();
        assertThat(violations(base("\"headline\":\"" + "🚀".repeat(200) + "\""))).isEmpty();
        assertThat(violations(base("\"headline\":\"" + "a".repeat(201) + "\"")))
                .containsExactly(new Violation("/headline", "must be at most 200 characters"));
    }

    @Test
    void limitsTheStandfirstTo600Characters() {
        assertThat(violations(base("\"standfirst\":\"" + "a".repeat(600) + "\""))).isEmpty();
        assertThat(violations(base("\"standfirst\":\"" + "a".repeat(601) + "\"")))
                .containsExactly(new Violation("/standfirst", "must be at most 600 characters"));
    }

    @Test
    void limitsTheBodyTo200KibibytesOfUtf8() {
        assertThat(violations(base("\"body\":\"" + "a".repeat(200 * 1024) + "\""))).isEmpty();
        // 70,000 three-byte characters are 210,000 bytes
        assertThat(violations(base("\"body\":\"" + "東".repeat(70_000) + "\"")))
                .containsExactly(new Violation("/body", "must be at most 204800 bytes of UTF-8"));
    }

    @Test
    void limitsTagsToTwentyOfOneToFiftyCharacters() {
        assertThat(violations(base("\"tags\":[" + quoted(20, "t") + "]"))).isEmpty();
        assertThat(violations(base("\"tags\":[" + quoted(21, "t") + "]")))
                .containsExactly(new Violation("/tags", "must hold 0..20 entries"));
        assertThat(violations(base("\"tags\":[\"ok\",\"\",\"" + "x".repeat(51) + "\"]"))).containsExactly(
                new Violation("/tags/1", "must not be blank"), new Violation("/tags/2", "must be at most 50 characters"));
    }

    @Test
    void requiresOneToTenAuthorsOfOneToHundredCharactersWhenGiven() {
        assertThat(violations(base("\"authors\":[" + quoted(10, "a") + "]"))).isEmpty();
        assertThat(violations(base("\"authors\":[]"))).containsExactly(new Violation("/authors", "must hold 1..10 entries"));
        assertThat(violations(base("\"authors\":[" + quoted(11, "a") + "]")))
                .containsExactly(new Violation("/authors", "must hold 1..10 entries"));
        assertThat(violations(base("\"authors\":[\"" + "x".repeat(101) + "\",null]"))).containsExactly(
                new Violation("/authors/0", "must be at most 100 characters"), new Violation("/authors/1", "must be a string"));
    }

    // ------------------------------------------------------------ slugs

    @Test
    void acceptsAWellFormedSlug() {
        assertThat(valid(base("\"slug\":\"nato-2026-summit\"")).slug()).isEqualTo("nato-2026-summit");
    }

    @Test
    void rejectsSlugsOutsideTheCharsetOrShape() {
        assertThat(slugViolation("Upper")).isEqualTo("may only contain a-z, 0-9 and hyphens");
        assertThat(slugViolation("caf\u00e9")).isEqualTo("may only contain a-z, 0-9 and hyphens");
        assertThat(slugViolation("a/b")).isEqualTo("may only contain a-z, 0-9 and hyphens");
        assertThat(slugViolation("-lead")).isEqualTo("must not start or end with a hyphen");
        assertThat(slugViolation("trail-")).isEqualTo("must not start or end with a hyphen");
        assertThat(slugViolation("double--hyphen")).isEqualTo("must not contain a double hyphen");
        assertThat(slugViolation("")).isEqualTo("must be 1..80 characters");
        assertThat(slugViolation("a".repeat(81))).isEqualTo("must be 1..80 characters");
        assertThat(violations(base("\"slug\":\"" + "a".repeat(80) + "\""))).isEmpty();
    }

    @Test
    void rejectsReservedSlugs() {
        for (String reserved : List.of("api", "media", "feeds", "feed", "static", "archive", "sitemaps", "index",
                "404", "tag", "author", "preview")) {
            assertThat(slugViolation(reserved)).as(reserved).isEqualTo("is a reserved name");
        }
    }

    // ------------------------------------------------------------ images

    @Test
    void acceptsHttpUrlsAndMediaKeysAsImageSources() {
        for (String src : List.of("https://images.example/a.jpg", "http://images.example/a.jpg?w=800",
                "media/2026/11/a.jpg", "media/a-b_c.webp")) {
            assertThat(violations(base(image(src, "Alt")))).as(src).isEmpty();
        }
    }

    @Test
    void rejectsOtherImageSources() {
        for (String src : List.of("javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://x.example/a.jpg",
                "media/../secrets", "media/a/../../b.jpg", "/etc/passwd", "images/a.jpg", "//cdn.example/a.jpg",
                "https://", "media/", "media/a b.jpg", "vbscript:x")) {
            assertThat(violations(base(image(src, "Alt")))).as(src).containsExactly(new Violation("/image/src",
                    "must be an http(s) URL or a media key such as media/2026/photo.jpg"));
        }
    }

    @Test
    void requiresNonBlankAltTextWhenAnImageIsGiven() {
        assertThat(violations(base("\"image\":{\"src\":\"media/a.jpg\"}")))
                .containsExactly(new Violation("/image/alt", "is required"));
        assertThat(violations(base(image("media/a.jpg", " "))))
                .containsExactly(new Violation("/image/alt", "must not be blank"));
        assertThat(violations(base("\"image\":null"))).isEmpty();
    }

    // ------------------------------------------------------------ status and times

    @Test
    void acceptsOnlyTheFourStatuses() {
        assertThat(valid(base("\"status\":\"published\"")).status()).isEqualTo(Status.PUBLISHED);
        assertThat(valid(base("\"status\":\"review\"")).status()).isEqualTo(Status.REVIEW);
        assertThat(violations(base("\"status\":\"PUBLISHED\"")))
                .containsExactly(new Violation("/status", "must be one of draft, review, scheduled, published"));
    }

    @Test
    void ignoresTheCreatorSentBackSoABodyCannotClaimAnotherOwner() {
        Article a = valid(base("\"createdBy\":\"someone-else\""));
        assertThat(a.createdBy()).isNull();
    }

    @Test
    void requiresAPublishTimeWhenScheduled() {
        assertThat(violations(base("\"status\":\"scheduled\"")))
                .containsExactly(new Violation("/publishAt", "is required when status is scheduled"));
    }

    @Test
    void rejectsPublishTimesThatAreNotIsoInstants() {
        for (String t : List.of("2026-11-29", "2026-11-29T10:15:30", "29/11/2026 10:15", "2026-13-01T00:00:00Z")) {
            assertThat(violations(base("\"publishAt\":\"" + t + "\""))).as(t).containsExactly(
                    new Violation("/publishAt", "must be an ISO-8601 instant such as 2026-11-29T10:15:30Z"));
        }
    }

    // ------------------------------------------------------------ characters

    @Test
    void rejectsControlCharacters() {
        assertThat(violations(base("\"headline\":\"a\\u0000b\""))).containsExactly(
                new Violation("/headline", "must not contain control characters"));
        assertThat(violations(base("\"headline\":\"a\\nb\""))).containsExactly(
                new Violation("/headline", "must not contain control characters"));
        assertThat(violations(base("\"body\":\"a\\u0007b\""))).containsExactly(
                new Violation("/body", "must not contain control characters"));
        assertThat(violations(base("\"body\":\"a\\rb\""))).containsExactly(
                new Violation("/body", "must not contain control characters"));
        assertThat(violations(base("\"tags\":[\"a\\u009fb\"]"))).containsExactly(
                new Violation("/tags/0", "must not contain control characters"));
        assertThat(violations(base("\"image\":{\"src\":\"media/a.jpg\",\"alt\":\"x\",\"caption\":\"\\u001b[31m\"}")))
                .containsExactly(new Violation("/image/caption", "must not contain control characters"));
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThat(violations(base("\"standfirst\":\"a\\ud800b\""))).containsExactly(
                new Violation("/standfirst", "must be valid Unicode text"));
    }

    // ------------------------------------------------------------ helpers

    private Article valid(String json) {
        Validated result = validator.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid) result).article();
    }

    private List<Violation> violations(String json) {
        Validated result = validator.parse(json.getBytes(StandardCharsets.UTF_8));
        return result instanceof Validated.Invalid invalid ? invalid.violations() : List.of();
    }

    private String slugViolation(String slug) {
        List<Violation> v = violations(base("\"slug\":\"" + slug + "\""));
        assertThat(v).as(slug).hasSize(1);
        assertThat(v.get(0).path()).isEqualTo("/slug");
        return v.get(0).message();
    }

    /** A valid article with one field replaced or added. */
    private static String base(String field) {
        String name = field.substring(0, field.indexOf(':'));
        StringBuilder json = new StringBuilder("{").append(field);
        for (String[] f : new String[][] {{"\"section\"", "\"world\""}, {"\"headline\"", "\"A headline\""},
                {"\"body\"", "\"A body.\""}}) {
            if (!f[0].equals(name)) {
                json.append(',').append(f[0]).append(':').append(f[1]);
            }
        }
        return json.append('}').toString();
    }

    private static String image(String src, String alt) {
        return "\"image\":{\"src\":\"" + src + "\",\"alt\":\"" + alt + "\"}";
    }

    private static String quoted(int n, String prefix) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
        }
        return s.toString();
    }
}
