package broadsheet.reliability;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus through the local stack's HTTP server: every request is refused with
 * a 4xx problem, no answer leaks a stack trace or a library's message, and the table and the
 * bucket are byte for byte what they were before. Then valid but unusual articles (accents, CJK,
 * right-to-left text, emoji, a body near the size limit) are accepted and rendered intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    /** Words that only a stack trace, an exception or a library's own message would put in a body. */
    private static final Pattern LEAK = Pattern.compile(
            "exception|\\tat |\\bat (java|broadsheet|software|tools|com|org)\\.|jackson|amazon|dynamo|s3proxy|jetty"
                    + "|unrecognized token|unexpected character|line: \\d|column: \\d|java\\.|nullpointer|stacktrace|caused by",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path data;

    static RunningStack stack;

    @BeforeAll
    static void start() throws InterruptedException {
        stack = RunningStack.start(data);
        ObjectNode existing = HostileCorpus.valid();
        existing.put("slug", "existing-article");
        assertThat(stack.api.create(existing.toString()).status()).isEqualTo(201);
        ObjectNode draft = HostileCorpus.valid();
        draft.put("slug", "a-draft");
        draft.put("status", "draft");
        assertThat(stack.api.create(draft.toString()).status()).isEqualTo(201);
        SuiteSummary.SUITE.written(2);
        assertThat(stack.settleAndCheck().divergences()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void refusesEveryHostileRequestWithAProblemAndChangesNothing() throws Exception {
        Map<String, String> tableBefore = stack.checker.tableSnapshot();
        Map<String, String> bucketBefore = stack.checker.bucketSnapshot();
        List<RawHttp.Request> corpus = HostileCorpus.requests("existing-article");
        RawHttp http = new RawHttp(stack.stack.port());

        List<String> failures = new ArrayList<>();
        for (RawHttp.Request request : corpus) {
            RawHttp.Response response = http.send(request);
            SuiteSummary.SUITE.answered(response.status());
            String problem = problemFailure(response);
            if (problem != null) {
                failures.add(request.label() + ": " + problem);
            }
        }
        System.out.printf("hostile corpus: %d requests, %d answered with a problem%n",
                corpus.size(), corpus.size() - failures.size());

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        assertThat(failures).as("requests not refused cleanly").isEmpty();
        assertThat(stack.stack.feed().awaitSettled(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(stack.checker.tableSnapshot()).as("the table after the corpus").isEqualTo(tableBefore);
        assertThat(stack.checker.bucketSnapshot()).as("the bucket after the corpus").isEqualTo(bucketBefore);
        assertThat(stack.settleAndCheck().divergences()).isEmpty();
    }

    /** Null when the answer is a clean 4xx problem, else what is wrong with it. */
    static String problemFailure(RawHttp.Response response) {
        if (response.status() < 400 || response.status() > 499) {
            return "status " + response.status() + " " + abbreviate(response.text());
        }
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "content type " + type + " " + abbreviate(response.text());
        }
        if (LEAK.matcher(response.text()).find()) {
            return "leaks detail: " + abbreviate(response.text());
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "body is not JSON: " + abbreviate(response.text());
        }
        if (problem.path("status").asInt() != response.status() || !problem.path("title").isString()
                || !problem.path("type").isString()) {
            return "not a problem document: " + abbreviate(response.text());
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Test
    @Order(2)
    void acceptsUnusualButValidArticlesAndRendersThemIntact() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"accents", "Élysée: Zoë's naïve façade in Ångström, Łódź and Şişli", "Crème brûlée, piñata, smørrebrød, Größe."},
                new String[] {"cjk", "東京の新しい図書館が開館 — 北京与首尔的读者", "読書は心の糧。한국어 문장도 있습니다。"},
                new String[] {"rtl", "مرحبا بالعالم: الأخبار اليوم — שלום עולם", "هذا نص عربي. וזה טקסט בעברית."},
                new String[] {"emoji", "Launch day 🚀 for the 👩‍🚀 crew 🇪🇺 and 🏳️‍🌈", "Family: 👨‍👩‍👧‍👦, skin tones: 👍🏽, flags: 🇯🇵."},
                new String[] {"decomposed", "Cafe\u0301 society and the nai\u0308ve reader", "Combining marks: e\u0301 a\u0300 o\u0302."},
                new String[] {"long", "A very long but legal body, two hundred kilobytes less a little", "Paragraph. ".repeat(17_000)});
        List<String> problems = new ArrayList<>();
        for (String[] c : cases) {
            ObjectNode article = HostileCorpus.valid();
            article.put("slug", "unusual-" + c[0]);
            article.put("headline", c[1]);
            article.put("standfirst", c[1]);
            article.put("body", c[2] + "\n\nSecond paragraph, " + c[1]);
            article.putArray("authors").add(c[1].substring(0, 12));
            ((ObjectNode) article.get("image")).put("alt", c[1]);
            Api.Answer created = stack.api.create(article.toString());
            if (created.status() != 201) {
                problems.add(c[0] + ": " + created.status() + " " + created.body());
                continue;
            }
            SuiteSummary.SUITE.written(1);
            String nfc = Normalizer.normalize(c[1], Normalizer.Form.NFC);
            assertThat(created.json().get("headline").asString()).as(c[0]).isEqualTo(nfc);
        }
        assertThat(problems).as("unusual articles refused").isEmpty();
        assertThat(stack.settleAndCheck().divergences()).isEmpty();

        for (String[] c : cases) {
            Api.Answer page = stack.api.page("/world/unusual-" + c[0] + "/");
            assertThat(page.status()).as(c[0]).isEqualTo(200);
            Document doc = Jsoup.parse(page.body());
            String nfc = Normalizer.normalize(c[1], Normalizer.Form.NFC);
            assertThat(doc.selectFirst("h1").text()).as("headline of %s", c[0]).isEqualTo(nfc);
            assertThat(doc.select(".article-body p").first().text()).as("body of %s", c[0])
                    .isEqualTo(Normalizer.normalize(c[2], Normalizer.Form.NFC).strip());
            assertThat(doc.select("img[alt]").eachAttr("alt")).as("alt of %s", c[0]).contains(nfc);
        }
        Document home = Jsoup.parse(stack.api.page("/").body());
        for (String[] c : cases) {
            assertThat(home.text()).as("home lists %s", c[0]).contains(Normalizer.normalize(c[1], Normalizer.Form.NFC));
        }
    }
}
