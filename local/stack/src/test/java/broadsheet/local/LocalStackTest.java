package broadsheet.local;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole local stack in this JVM (dynalite, s3proxy, handlers, feed, site) on an ephemeral port. */
class LocalStackTest {

    static final String REFERENCE = "01-nato-russia-not-major-threat.json";
    static final String SLUG = "nato-russia-not-major-threat";
    static final String HEADLINE = "NATO Secretary General: Russia is not major threat to Alliance";
    static final String CAPTION = "NATO Secretary-General Jens Stoltenberg attends a news conference in Lisbon";

    @TempDir
    static Path data;

    static LocalStack stack;
    static Http http;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "test-editor-token"));
        http = new Http(stack.siteUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void publishesAPostedArticleSoItsPageIsReadableWithinTwoSeconds() throws Exception {
        HttpResponse<String> created = http.postJson("/api/articles", Seed.article(REFERENCE), stack.editorToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"slug\":\"" + SLUG + "\"");

        HttpResponse<String> page = http.awaitPage("/world/" + SLUG + "/", Duration.ofSeconds(2));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=300, stale-while-revalidate=60");
        Document article = Jsoup.parse(page.body());
        assertThat(article.selectFirst("h1").text()).isEqualTo(HEADLINE);
        assertThat(article.select("nav.breadcrumb li").eachText())
                .map(t -> t.replace("/", "").strip())
                .containsExactly("Home", "World", HEADLINE);
        assertThat(article.selectFirst("figure figcaption").text()).contains(CAPTION);
        assertThat(article.select(".article-body p").text()).contains("“But we don't seek any confrontation with Russia");

        Document section = Jsoup.parse(http.awaitPage("/world/", Duration.ofSeconds(2)).body());
        assertThat(section.select("ol.teasers h2 a").eachAttr("href")).contains("/world/" + SLUG + "/");
        Document home = Jsoup.parse(http.awaitPage("/", Duration.ofSeconds(2)).body());
        assertThat(home.select("ol.teasers h2 a").eachText()).contains(HEADLINE);
    }

    @Test
    void unpublishesADeletedArticle() throws Exception {
        String path = "/politics/budget-vote-delayed/";
        assertThat(http.postJson("/api/articles", Seed.article("03-budget-vote-delayed.json"), stack.editorToken())
                .statusCode()).isEqualTo(201);
        assertThat(http.awaitStatus(path, 200, Duration.ofSeconds(2))).isEqualTo(200);

        HttpResponse<String> deleted = http.delete("/api/articles/budget-vote-delayed", stack.editorToken(), "\"1\"");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(http.awaitStatus(path, 404, Duration.ofSeconds(2))).isEqualTo(404);
        assertThat(stack.feed().awaitSettled(Duration.ofSeconds(5))).isTrue();
        assertThat(http.get("/politics/").body()).doesNotContain("budget-vote-delayed");
    }

    @Test
    void answersARequestWithoutTheTokenWith401Problem() throws Exception {
        HttpResponse<String> noToken = http.postJson("/api/articles", Seed.article(REFERENCE), null);
        HttpResponse<String> wrongToken = http.postJson("/api/articles", Seed.article(REFERENCE), "not-the-token");

        for (HttpResponse<String> response : java.util.List.of(noToken, wrongToken)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401");
        }
    }

    @Test
    void keepsTheSiteReadableWithoutAToken() throws Exception {
        HttpResponse<String> css = http.get("/static/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        HttpResponse<String> robots = http.get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.body()).contains("Disallow: /api/");
    }

    @Test
    void redirectsPrettyUrlsAndServesThe404PageWithItsStatus() throws Exception {
        HttpResponse<String> redirect = http.get("/world/" + SLUG);
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/world/" + SLUG + "/");

        HttpResponse<String> missing = http.get("/world/no-such-article/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.body()).title()).contains("Page not found");

        HttpResponse<String> post = http.postJson("/world/", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void refusesAnApiBodyOverOneMegabyte() throws Exception {
        byte[] big = new byte[LocalSettings.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> response = http.postJson("/api/articles", big, stack.editorToken());
        assertThat(response.statusCode()).isEqualTo(413);
    }
}
