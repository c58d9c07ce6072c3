package broadsheet.local;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newsroom's roles through the running local stack, over HTTP: a contributor (the static
 * {@code BROADSHEET_CONTRIBUTOR_TOKEN}) writes a draft and submits it, is refused publishing it
 * with a 403 problem that gives the reason, and an editor then publishes it onto the site.
 */
class NewsroomRolesLocalStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLUG = "contributed-story";
    private static final String EDITOR = "roles-editor-token";
    private static final String CONTRIBUTOR = "roles-contributor-token";

    @TempDir
    static Path data;

    static LocalStack stack;
    static Http http;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, EDITOR).withContributorToken(CONTRIBUTOR));
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
        node.remove("publishAt");
        return JSON.writeValueAsBytes(node);
    }

    private static HttpResponse<String> put(byte[] json, long version, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(stack.siteUrl().resolve("/api/articles/" + SLUG))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"").PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aContributorsPublishIsRefusedAndAnEditorThenPublishesTheirArticle() throws Exception {
        HttpResponse<String> created = http.postJson("/api/articles", article("draft"), CONTRIBUTOR);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("createdBy").asString()).isEqualTo(EditorAuthorizer.LOCAL_CONTRIBUTOR);
        String page = URI.create(JSON.readTree(created.body()).get("url").asString()).getPath();

        HttpResponse<String> submitted = put(article("review"), 1, CONTRIBUTOR);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);

        HttpResponse<String> refused = put(article("published"), 2, CONTRIBUTOR);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("reasons").get(0).asString()).contains("only editors may publish");
        assertThat(http.get(page).statusCode()).as("nothing was published").isEqualTo(404);

        HttpResponse<String> published = put(article("published"), 2, EDITOR);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(JSON.readTree(published.body()).get("createdBy").asString())
                .as("the contributor stays the owner").isEqualTo(EditorAuthorizer.LOCAL_CONTRIBUTOR);
        HttpResponse<String> live = http.awaitPage(page, Duration.ofSeconds(15));
        assertThat(live.statusCode()).isEqualTo(200);
    }
}
