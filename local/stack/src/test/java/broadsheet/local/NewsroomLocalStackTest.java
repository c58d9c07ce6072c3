package broadsheet.local;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled publishing, moves, media and preview in the running local stack. */
class NewsroomLocalStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    static LocalStack stack;
    static Http http;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "test-editor-token")
                .withSchedulerInterval(Duration.ofMillis(200)));
        http = new Http(stack.siteUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static byte[] article(String seed, String slug, String... members) {
        ObjectNode node = (ObjectNode) JSON.readTree(Seed.article(seed));
        node.put("slug", slug);
        for (int i = 0; i < members.length; i += 2) {
            node.put(members[i], members[i + 1]);
        }
        return JSON.writeValueAsBytes(node);
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.get(path, stack.editorToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> put(String path, byte[] json, String ifMatch) throws Exception {
        return client.send(HttpRequest.newBuilder(stack.siteUrl().resolve(path))
                .header("Authorization", "Bearer " + stack.editorToken()).header("Content-Type", "application/json")
                .header("If-Match", ifMatch).PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScheduledArticleAppearsOnceAndOnlyAfterItsTime() throws Exception {
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> created = http.postJson("/api/articles", article("02-ports-reopen-after-storm.json",
                "ports-on-schedule", "status", "scheduled", "publishAt", at.toString()), stack.editorToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(http.get("/world/ports-on-schedule/").statusCode()).isEqualTo(404);
        assertThat(api("/api/articles/ports-on-schedule").get("status").asString()).isEqualTo("scheduled");

        HttpResponse<String> page = http.awaitPage("/world/ports-on-schedule/", Duration.ofSeconds(15));
        Instant seen = Instant.now();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(seen).isAfterOrEqualTo(at);
        assertThat(stack.feed().awaitSettled(Duration.ofSeconds(5))).isTrue();
        Thread.sleep(600); // three more scheduler runs: none may publish it again

        JsonNode stored = api("/api/articles/ports-on-schedule");
        assertThat(stored.get("status").asString()).isEqualTo("published");
        assertThat(stored.get("version").asLong()).as("one write published it").isEqualTo(2);
        assertThat(Jsoup.parse(http.awaitPage("/world/", Duration.ofSeconds(2)).body())
                .select("ol.teasers h2 a[href=/world/ports-on-schedule/]")).hasSize(1);
    }

    @Test
    void aMovedArticlesOldUrlAnswers301ToTheNewOne() throws Exception {
        assertThat(http.postJson("/api/articles", article("05-open-source-city-maps.json", "maps-on-the-move"),
                stack.editorToken()).statusCode()).isEqualTo(201);
        assertThat(http.awaitStatus("/technology/maps-on-the-move/", 200, Duration.ofSeconds(5))).isEqualTo(200);

        HttpResponse<String> moved = put("/api/articles/maps-on-the-move",
                article("05-open-source-city-maps.json", "maps-on-the-move", "section", "science"), "\"1\"");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(http.awaitStatus("/science/maps-on-the-move/", 200, Duration.ofSeconds(5))).isEqualTo(200);

        assertThat(http.awaitStatus("/technology/maps-on-the-move/", 301, Duration.ofSeconds(5))).isEqualTo(301);
        HttpResponse<String> old = http.get("/technology/maps-on-the-move/");
        assertThat(old.headers().firstValue("Location")).hasValue("/science/maps-on-the-move/");
    }

    @Test
    void anImageUploadedThroughThePresignedUrlIsServedUnderMedia() throws Exception {
        byte[] image = new byte[4096];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31);
        }
        HttpResponse<String> signed = http.postJson("/api/media", JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("filename", "harbour.webp").put("contentType", "image/webp").put("size", image.length)),
                stack.editorToken());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        JsonNode upload = JSON.readTree(signed.body());
        String src = upload.get("src").asString();
        assertThat(src).startsWith("media/").endsWith("-harbour.webp");

        HttpResponse<Void> put = client.send(HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asString()))
                .header("Content-Type", "image/webp").PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(200);

        HttpResponse<byte[]> served = client.send(HttpRequest.newBuilder(stack.siteUrl().resolve("/" + src)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(served.body()).isEqualTo(image);
        assertThat(upload.get("url").asString()).isEqualTo(stack.siteUrl() + "/" + src);
    }

    @Test
    void previewIsForEditorsOnly() throws Exception {
        assertThat(http.postJson("/api/articles", article("02-ports-reopen-after-storm.json", "ports-draft",
                "status", "draft"), stack.editorToken()).statusCode()).isEqualTo(201);

        HttpResponse<String> preview = http.get("/api/articles/ports-draft/preview", stack.editorToken());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(preview.body()).contains("Baltic ports reopen");
        assertThat(http.get("/api/articles/ports-draft/preview").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/articles/ports-draft/preview", "not-the-token").statusCode()).isEqualTo(401);
    }
}
