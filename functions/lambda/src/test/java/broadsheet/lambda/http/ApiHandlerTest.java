package broadsheet.lambda.http;

import broadsheet.core.MovableClock;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.ApiGatewayEvents;
import broadsheet.lambda.Invocations;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.WORLD_SLUG;
import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static broadsheet.lambda.ApiGatewayEvents.worldArticle;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API handler driven by API Gateway payload 2.0 events, over the in-memory store. */
class ApiHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    /** The site's public base URL (templates' site config), where CloudFront serves the site and the API. */
    private static final String SITE = "https://broadsheet.example";

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final ApiHandler handler = handler(store);

    private ApiHandler handler(ArticleStore articles) {
        return new ApiHandler(new ArticleApi(articles, SiteConfig.load(), clock,
                new EditorPolicy("cognito:groups", "editors")));
    }

    private HttpResponse send(ApiGatewayEvents event) {
        return Invocations.api(handler, event);
    }

    private static JsonNode body(HttpResponse response) {
        return JSON.readTree(response.bodyText());
    }

    private static String article(Map<String, Object> changes) {
        return ApiGatewayEvents.worldArticle(changes);
    }

    @Test
    void createsArticleWithLocationEtagAndServerSetFields() {
        HttpResponse response = send(fixture("post-article.json"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).as("on the site's public URL, not the execute-api host the event names")
                .containsEntry("Location", SITE + "/api/articles/" + WORLD_SLUG)
                .containsEntry("ETag", "\"1\"")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = body(response);
        assertThat(body.get("slug").asString()).isEqualTo(WORLD_SLUG);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("url").asString()).isEqualTo("https://broadsheet.example/world/" + WORLD_SLUG + "/");
        assertThat(body.get("createdAt").asString()).isEqualTo(START.toString());
        assertThat(body.get("updatedAt").asString()).isEqualTo(START.toString());
        assertThat(body.get("publishAt").asString()).as("published without publishAt: now").isEqualTo(START.toString());
        assertThat(body.get("image").get("caption").asString()).isEqualTo("The Secretary General at a news conference in Lisbon");
        assertThat(store.find(WORLD_SLUG)).hasValueSatisfying(a -> assertThat(a.version()).isEqualTo(1));
    }

    @Test
    void servesANamedStageUnderItsPrefix() {
        HttpResponse created = send(fixture("post-article.json").stage("prod"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers()).as("the public URL has no stage").containsEntry("Location",
                SITE + "/api/articles/" + WORLD_SLUG);
        assertThat(send(fixture("get-article.json").stage("prod")).status()).isEqualTo(200);
    }

    @Test
    void locationOfACreatedArticleIsOnTheDeploymentsPublicBaseUrl() {
        ApiHandler deployed = new ApiHandler(new ArticleApi(new InMemoryArticleStore(),
                SiteConfig.load().withBaseUrl("https://news.example.org"), clock,
                new EditorPolicy("cognito:groups", "editors")));

        HttpResponse created = Invocations.api(deployed, fixture("post-article.json"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers()).containsEntry("Location", "https://news.example.org/api/articles/" + WORLD_SLUG);
    }

    @Test
    void acceptsBase64EncodedBody() {
        HttpResponse response = send(fixture("post-article-base64.json"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(body(response).get("headline").asString())
                .isEqualTo("Alliance chief: Russia is not the main threat to the Alliance");
    }

    @Test
    void replaysTheFirstResultForTheSameIdempotencyKeyAndBody() {
        HttpResponse first = send(fixture("post-article.json").header("idempotency-key", "k-123"));
        clock.advance(Duration.ofMinutes(1));
        HttpResponse again = send(fixture("post-article.json").header("idempotency-key", "k-123"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isIn(200, 201);
        assertThat(again.bodyText()).isEqualTo(first.bodyText());
        assertThat(again.headers().get("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void refusesAnIdempotencyKeyReusedForAnotherBody() {
        send(fixture("post-article.json").header("idempotency-key", "k-9"));
        HttpResponse response = send(fixture("post-article.json").header("idempotency-key", "k-9")
                .body(article(Map.of("slug", "another-story"))));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).get("violations").get(0).get("path").asString()).isEqualTo("Idempotency-Key");
        assertThat(store.find("another-story")).isEmpty();
    }

    @Test
    void refusesATakenSlugWithConflict() {
        send(fixture("post-article.json"));
        HttpResponse response = send(fixture("post-article.json"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(body(response).get("status").asInt()).isEqualTo(409);
    }

    @Test
    void getsAnArticleWithItsEtagAndAnswersNotModified() {
        send(fixture("post-article.json"));

        HttpResponse response = send(fixture("get-article.json"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("ETag", "\"1\"");
        assertThat(body(response).get("slug").asString()).isEqualTo(WORLD_SLUG);

        assertThat(send(fixture("get-article.json").header("if-none-match", "\"1\"")).status()).isEqualTo(304);
        assertThat(send(fixture("get-article.json").path("/api/articles/no-such-story")).status()).isEqualTo(404);
    }

    @Test
    void pagesThroughAListWithAnOpaqueCursor() {
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            send(fixture("post-article.json").body(article(Map.of("slug", "world-story-" + i))));
        }
        send(fixture("post-article.json").body(article(Map.of("slug", "business-story", "section", "business"))));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("section", "world", "status", "published", "limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            HttpResponse response = send(fixture("list-articles.json").query(query));
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = body(response);
            body.get("articles").forEach(a -> seen.add(a.get("slug").asString()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly("world-story-5", "world-story-4", "world-story-3", "world-story-2",
                "world-story-1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void searchesHeadlinesWithTheFiltersAndPagesOverEveryMatch() {
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            send(fixture("post-article.json").body(article(Map.of("slug", "world-story-" + i,
                    "headline", i % 2 == 1 ? "Budget row deepens, part " + i : "Harbour reopens, part " + i))));
        }
        send(fixture("post-article.json").body(article(Map.of("slug", "business-budget", "section", "business",
                "headline", "The budget in numbers"))));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("section", "world", "status", "published",
                    "limit", "1", "q", "  bUDGET row "));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            HttpResponse response = send(fixture("list-articles.json").query(query));
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = body(response);
            body.get("articles").forEach(a -> seen.add(a.get("slug").asString()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly("world-story-5", "world-story-3", "world-story-1");
        List<String> everywhere = new ArrayList<>();
        body(send(fixture("list-articles.json").query(Map.of("q", "Budget", "limit", "20"))))
                .get("articles").forEach(a -> everywhere.add(a.get("slug").asString()));
        assertThat(everywhere).containsExactlyInAnyOrder("world-story-5", "world-story-3", "world-story-1",
                "business-budget");
        List<String> blank = new ArrayList<>();
        body(send(fixture("list-articles.json").query(Map.of("q", "   ", "limit", "20"))))
                .get("articles").forEach(a -> blank.add(a.get("slug").asString()));
        assertThat(blank).hasSize(6);
    }

    @Test
    void rejectsATooLongSearchWithTheOtherViolations() {
        HttpResponse response = send(fixture("list-articles.json")
                .query(Map.of("q", "é".repeat(101), "limit", "0")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        List<String> paths = new ArrayList<>();
        body(response).get("violations").forEach(v -> paths.add(v.get("path").asString()));
        assertThat(paths).containsExactlyInAnyOrder("q", "limit");

        assertThat(send(fixture("list-articles.json").query(Map.of("q", " " + "é".repeat(100) + " "))).status())
                .isEqualTo(200);
        assertThat(send(fixture("list-articles.json").query(Map.of("q", "bell\u0007"))).status()).isEqualTo(400);
    }

    @Test
    void rejectsBadListParametersWithEveryViolation() {
        HttpResponse response = send(fixture("list-articles.json")
                .query(Map.of("section", "nowhere", "status", "live", "limit", "0")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        List<String> paths = new ArrayList<>();
        body(response).get("violations").forEach(v -> paths.add(v.get("path").asString()));
        assertThat(paths).containsExactlyInAnyOrder("section", "status", "limit");

        HttpResponse badCursor = send(fixture("list-articles.json").query(Map.of("cursor", "not-a-cursor")));
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(body(badCursor).get("violations").get(0).get("path").asString()).isEqualTo("cursor");
    }

    @Test
    void replacesWithIfMatchKeepingCreationAndPublishTimes() {
        send(fixture("post-article.json"));
        Instant later = clock.advance(Duration.ofHours(2));

        HttpResponse response = send(fixture("put-article.json")
                .body(article(Map.of("standfirst", "Updated standfirst."))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("ETag", "\"2\"");
        JsonNode body = body(response);
        assertThat(body.get("standfirst").asString()).isEqualTo("Updated standfirst.");
        assertThat(body.get("createdAt").asString()).isEqualTo(START.toString());
        assertThat(body.get("updatedAt").asString()).isEqualTo(later.toString());
        assertThat(body.get("publishAt").asString()).isEqualTo(START.toString());
    }

    @Test
    void refusesStaleOrMissingIfMatch() {
        send(fixture("post-article.json"));
        send(fixture("put-article.json"));

        HttpResponse stale = send(fixture("put-article.json"));
        assertThat(stale.status()).isEqualTo(412);
        HttpResponse missing = send(fixture("put-article.json").withoutHeader("if-match"));
        assertThat(missing.status()).isEqualTo(428);
        HttpResponse wildcard = send(fixture("put-article.json").header("if-match", "*"));
        assertThat(wildcard.status()).isEqualTo(428);
        assertThat(store.find(WORLD_SLUG).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void keepsThePathSlugOfAnArticle() {
        send(fixture("post-article.json"));

        HttpResponse response = send(fixture("put-article.json")
                .body(article(Map.of("slug", "a-new-slug"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).get("violations").get(0).get("path").asString()).isEqualTo("/slug");
        assertThat(store.find("a-new-slug")).isEmpty();
        assertThat(store.find(WORLD_SLUG).orElseThrow().version()).isEqualTo(1);

        HttpResponse sameSlug = send(fixture("put-article.json").body(article(Map.of("slug", WORLD_SLUG))));
        assertThat(sameSlug.status()).isEqualTo(200);
    }

    @Test
    void deletesWithIfMatch() {
        send(fixture("post-article.json"));

        assertThat(send(fixture("delete-article.json").header("if-match", "\"7\"")).status()).isEqualTo(412);
        assertThat(send(fixture("delete-article.json").withoutHeader("if-match")).status()).isEqualTo(428);
        HttpResponse deleted = send(fixture("delete-article.json"));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.bodyText()).isEmpty();
        assertThat(store.find(WORLD_SLUG)).isEmpty();
        assertThat(send(fixture("delete-article.json")).status()).isEqualTo(404);
    }

    @Test
    void answersUnknownRoutesAndWrongMethods() {
        HttpResponse unknown = send(fixture("get-article.json").path("/api/authors"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers()).containsEntry("Content-Type", "application/problem+json");

        HttpResponse wrongMethod = send(fixture("get-article.json").method("PATCH"));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "DELETE, GET, PUT");

        HttpResponse collection = send(fixture("list-articles.json").method("DELETE"));
        assertThat(collection.headers()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void requiresAnEditor() {
        HttpResponse anonymous = send(fixture("post-article.json").withoutAuthorizer());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers()).containsEntry("WWW-Authenticate", "Bearer");

        HttpResponse reader = send(fixture("post-article.json").claim("cognito:groups", "[readers]"));
        assertThat(reader.status()).isEqualTo(403);

        HttpResponse noGroups = send(fixture("get-article.json").withoutClaim("cognito:groups"));
        assertThat(noGroups.status()).isEqualTo(403);

        HttpResponse bareGroup = send(fixture("post-article.json").claim("cognito:groups", "editors"));
        assertThat(bareGroup.status()).isEqualTo(201);
    }

    @Test
    void refusesOversizedAndNonJsonBodiesBeforeParsing() {
        byte[] big = new byte[ArticleApi.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(send(fixture("post-article.json").body(new String(big, StandardCharsets.US_ASCII))).status())
                .isEqualTo(413);
        assertThat(send(fixture("post-article.json").base64Body(big)).status()).isEqualTo(413);
        HttpResponse text = send(fixture("post-article.json").header("content-type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(send(fixture("post-article.json").withoutHeader("content-type")).status()).isEqualTo(415);
        assertThat(send(fixture("post-article.json").header("content-type", "application/json; charset=utf-8"))
                .status()).isEqualTo(201);
        assertThat(store.list(new ArticleStore.ArticleQuery(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 10)).articles()).hasSize(1);
    }

    @Test
    void refusesABodyThatIsNotValidBase64() {
        HttpResponse response = send(fixture("post-article-base64.json").rawBase64Body("eyJzZWN0aW9u*%$"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).get("violations").get(0).get("path").asString()).isEmpty();
        assertThat(store.find(WORLD_SLUG)).isEmpty();
    }

    @Test
    void reportsEveryViolationOfAnInvalidArticle() {
        HttpResponse response = send(fixture("post-article.json")
                .body("{\"section\":\"atlantis\",\"headline\":42,\"image\":{\"src\":\"javascript:alert(1)\"}}"));

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = body(response);
        assertThat(problem.get("type").asString()).startsWith(Problem.TYPE_PREFIX);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        List<String> paths = new ArrayList<>();
        problem.get("violations").forEach(v -> paths.add(v.get("path").asString()));
        assertThat(paths).contains("/section", "/headline", "/body", "/image/src", "/image/alt");
    }

    @Test
    void hidesInternalFailuresBehindAPlainProblem() {
        ArticleStore broken = (ArticleStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("connection refused: broadsheet-prod at 10.0.0.12:8000");
                });
        HttpResponse response = Invocations.api(handler(broken), fixture("get-article.json"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.bodyText()).doesNotContain("10.0.0.12").doesNotContain("Exception").doesNotContain("at broadsheet");
    }
}
