package broadsheet.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article in review, through the whole running stack: stored and listed for the newsroom,
 * previewed, never published; publishing it afterwards works like publishing a draft, and
 * sending a live article back to review takes its page down.
 */
class ReviewStatusLocalStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLUG = "review-me";

    @TempDir
    static Path data;

    static LocalStack stack;
    static Http http;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "review-editor-token"));
        http = new Http(stack.siteUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static byte[] article(String status) {
        ObjectNode node = (ObjectNode) JSON.readTree(Seed.article(LocalStackTest.REFERENCE));
        node.put("slug", SLUG);
        node.put("status", status);
        return JSON.writeValueAsBytes(node);
    }

    private static HttpResponse<String> put(byte[] json, long version) throws Exception {
        return client.send(HttpRequest.newBuilder(stack.siteUrl().resolve("/api/articles/" + SLUG))
                .header("Authorization", "Bearer " + stack.editorToken()).header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"").PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anArticleInReviewIsStoredListedAndPreviewedButNeverPublished() throws Exception {
        HttpResponse<String> created = http.postJson("/api/articles", article("review"), stack.editorToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("status").asString()).isEqualTo("review");

        HttpResponse<String> listed = http.get("/api/articles?status=review", stack.editorToken());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode articles = JSON.readTree(listed.body()).get("articles");
        assertThat(articles).hasSize(1);
        assertThat(articles.get(0).get("slug").asString()).isEqualTo(SLUG);
        assertThat(JSON.readTree(http.get("/api/articles?status=draft", stack.editorToken()).body()).get("articles")).isEmpty();

        HttpResponse<String> preview = http.get("/api/articles/" + SLUG + "/preview", stack.editorToken());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("waiting for review");

        stack.feed().awaitSettled(Duration.ofSeconds(10));
        assertThat(http.get("/world/" + SLUG + "/").statusCode()).isEqualTo(404);
        assertThat(http.get("/world/").body()).doesNotContain(LocalStackTest.HEADLINE);

        HttpResponse<String> published = put(article("published"), 1);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(http.awaitPage("/world/" + SLUG + "/", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

        HttpResponse<String> back = put(article("review"), 2);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(http.awaitStatus("/world/" + SLUG + "/", 404, Duration.ofSeconds(5))).isEqualTo(404);
    }
}
