package broadsheet.lambda;

import broadsheet.aws.ArticleItems;
import broadsheet.aws.TableDefinition;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.render.MustachePages;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.lambda.schedule.ScheduleHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.WORLD_SLUG;
import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static broadsheet.lambda.ApiGatewayEvents.worldArticle;
import static org.assertj.core.api.Assertions.assertThat;

/** Preview, revisions, media uploads and scheduled publishing through the handlers, on dynalite and s3proxy. */
class NewsroomApiIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final String ARTICLE = "/api/articles/" + WORLD_SLUG;

    private LocalFunctions functions;

    @org.junit.jupiter.api.BeforeEach
    void wire() {
        functions = new LocalFunctions(AWS, START);
    }

    private static JsonNode body(HttpResponse response) {
        return JSON.readTree(response.bodyText());
    }

    private HttpResponse get(String path) {
        return functions.call(fixture("get-article.json").path(path));
    }

    private void publishStream() {
        StreamBatchResponse response = Invocations.publish(functions.publisher(), functions.takeStream());
        assertThat(response.failedSequenceNumbers()).isEmpty();
    }

    @Test
    void previewShowsADraftToEditorsOnlyAndNeverPublishesIt() {
        assertThat(functions.call(fixture("post-article.json").body(worldArticle(Map.of("status", "draft"))))
                .status()).isEqualTo(201);
        publishStream();

        HttpResponse preview = get(ARTICLE + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.headers().get("Content-Type")).startsWith("text/html");
        assertThat(preview.headers().get("Cache-Control")).isEqualTo("private, no-store");
        assertThat(preview.bodyText()).contains("Alliance chief: Russia is not the main threat")
                .contains("Preview").contains("noindex");

        assertThat(functions.call(fixture("get-article.json").path(ARTICLE + "/preview").withoutAuthorizer())
                .status()).isEqualTo(401);
        assertThat(functions.call(fixture("get-article.json").path(ARTICLE + "/preview")
                .claim("cognito:groups", "[readers]")).status()).isEqualTo(403);
        assertThat(get("/api/articles/no-such-article/preview").status()).isEqualTo(404);
        assertThat(functions.listBucket()).extracting(o -> o.key()).noneMatch(k -> k.contains(WORLD_SLUG));
    }

    @Test
    void aRestoredRevisionBecomesTheCurrentVersionAndIsPublished() {
        functions.call(fixture("post-article.json"));
        functions.clock.advance(Duration.ofMinutes(1));
        HttpResponse edited = functions.call(fixture("put-article.json").path(ARTICLE)
                .header("if-match", "\"1\"")
                .body(worldArticle(Map.of("headline", "A corrected headline"))));
        assertThat(edited.status()).isEqualTo(200);
        publishStream();
        assertThat(functions.page("world/" + WORLD_SLUG + "/index.html")).contains("A corrected headline");

        JsonNode list = body(get(ARTICLE + "/revisions"));
        assertThat(list.get("revisions")).hasSize(1);
        assertThat(list.get("revisions").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(list.get("revisions").get(0).get("headline").asString())
                .isEqualTo("Alliance chief: Russia is not the main threat to the Alliance");
        assertThat(list.get("revisions").get(0).get("updatedAt").asString()).isEqualTo("2026-11-29T12:00:00Z");
        JsonNode first = body(get(ARTICLE + "/revisions/1"));
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("headline").asString()).startsWith("Alliance chief");
        assertThat(get(ARTICLE + "/revisions/2").status()).as("the current version").isEqualTo(404);
        assertThat(get(ARTICLE + "/revisions/x").status()).isEqualTo(400);

        ApiGatewayEvents restore = fixture("post-article.json").path(ARTICLE + "/revisions/1/restore").body("");
        assertThat(functions.call(restore).status()).isEqualTo(428);
        assertThat(functions.call(fixture("post-article.json").path(ARTICLE + "/revisions/1/restore")
                .header("if-match", "\"1\"").body("")).status()).isEqualTo(412);
        HttpResponse restored = functions.call(fixture("post-article.json")
                .path(ARTICLE + "/revisions/1/restore").header("if-match", "\"2\"").body(""));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.headers().get("ETag")).isEqualTo("\"3\"");
        assertThat(body(restored).get("version").asLong()).isEqualTo(3);
        assertThat(body(restored).get("headline").asString()).startsWith("Alliance chief");

        assertThat(body(get(ARTICLE)).get("headline").asString()).startsWith("Alliance chief");
        assertThat(body(get(ARTICLE + "/revisions")).get("revisions")).extracting(r -> r.get("version").asLong())
                .containsExactly(2L, 1L);
        publishStream();
        assertThat(functions.page("world/" + WORLD_SLUG + "/index.html")).contains("Alliance chief")
                .doesNotContain("A corrected headline");
        assertThat(get("/api/articles/no-such-article/revisions").status()).isEqualTo(404);
    }

    @Test
    void revisionItemsInTheStreamPublishNothing() {
        functions.call(fixture("post-article.json"));
        Article stored = functions.articles.find(WORLD_SLUG).orElseThrow();
        functions.takeWrites();
        Map<String, AttributeValue> revision = ArticleItems.toRevisionItem(stored);
        assertThat(stored.status()).as("a published article's revision would be rendered").isEqualTo(Status.PUBLISHED);

        StreamBatchResponse response = Invocations.publish(functions.publisher(),
                functions.stream(List.of(new LocalFunctions.Write(Map.of(), revision))));

        assertThat(response.failedSequenceNumbers()).isEmpty();
        assertThat(functions.listBucket()).isEmpty();
    }

    @Test
    void anImageUploadedThroughThePresignedUrlIsStoredUnderMedia() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(AWS.endpoints().s3())
                .region(AWS.endpoints().region()).credentialsProvider(AWS.endpoints().credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            ApiHandler api = new ApiHandler(functions.wiring().presigner(presigner).build().articleApi());
            byte[] image = new byte[2048];
            image[0] = (byte) 0x89;

            HttpResponse signed = Invocations.api(api, fixture("post-article.json").path("/api/media")
                    .body("{\"filename\":\"../Harbour at dawn.PNG\",\"contentType\":\"image/png\",\"size\":2048}"));
            assertThat(signed.status()).isEqualTo(201);
            JsonNode upload = body(signed);
            String src = upload.get("src").asString();
            assertThat(src).matches("media/2026/11/[a-z0-9]{12}-harbour-at-dawn\\.png");
            assertThat(upload.get("method").asString()).isEqualTo("PUT");
            assertThat(upload.get("headers").get("Content-Length").asString()).isEqualTo("2048");

            java.net.http.HttpResponse<Void> put = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asString()))
                            .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(AWS.s3().getObjectAsBytes(b -> b.bucket(AWS.bucketName()).key(src)).asByteArray())
                    .isEqualTo(image);

            HttpResponse refused = Invocations.api(api, fixture("post-article.json").path("/api/media")
                    .body("{\"filename\":\"x.svg\",\"contentType\":\"image/svg+xml\",\"size\":20000000,\"path\":\"/\"}"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(body(refused).get("violations")).extracting(v -> v.get("path").asString())
                    .containsExactlyInAnyOrder("/path", "/contentType", "/size");
            assertThat(Invocations.api(api, fixture("post-article.json").path("/api/media").withoutAuthorizer()
                    .body("{}")).status()).isEqualTo(401);
        }
    }

    @Test
    void aScheduledArticleIsPublishedByItsScheduleOnceItsTimeHasCome() {
        Instant at = START.plus(Duration.ofHours(1));
        assertThat(functions.call(fixture("post-article.json").body(worldArticle(Map.of("status", "scheduled",
                "publishAt", at.toString())))).status()).isEqualTo(201);
        publishStream();
        ScheduleHandler handler = new ScheduleHandler(functions.wiring.schedulePublisher());

        String sweep = "{\"sweep\": true}";
        String schedule = "{\"slug\": \"" + WORLD_SLUG + "\", \"publishAt\": \"" + at + "\"}";
        assertThat(Invocations.answer(handler, sweep).toString()).isEqualTo("{\"published\":[]}");
        assertThat(Invocations.answer(handler, schedule).toString()).isEqualTo("{\"published\":[]}");
        assertThat(functions.listBucket()).extracting(o -> o.key()).noneMatch(k -> k.contains(WORLD_SLUG));

        functions.clock.advance(Duration.ofHours(1));
        assertThat(Invocations.answer(handler, schedule).toString()).isEqualTo("{\"published\":[\"" + WORLD_SLUG + "\"]}");
        assertThat(Invocations.answer(handler, sweep).toString()).isEqualTo("{\"published\":[]}");
        List<LocalFunctions.Write> writes = functions.takeWrites();
        assertThat(writes).as("one write: scheduled to published").hasSize(1);
        assertThat(Invocations.publish(functions.publisher(), functions.stream(writes)).failedSequenceNumbers()).isEmpty();
        assertThat(functions.page("world/" + WORLD_SLUG + "/index.html")).contains("Alliance chief");

        assertThat(body(get(ARTICLE)).get("status").asString()).isEqualTo("published");
        assertThat(body(get(ARTICLE)).get("version").asLong()).isEqualTo(2);
        assertThat(functions.takeWrites()).as("reads write nothing").isEmpty();
    }
}
