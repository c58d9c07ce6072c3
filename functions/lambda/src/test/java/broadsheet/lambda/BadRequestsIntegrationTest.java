package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a 4xx problem, and nothing reaches the table or the bucket. */
class BadRequestsIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perClass(TableDefinition::createTableRequest);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static LocalFunctions functions;

    @BeforeAll
    static void wire() {
        functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
    }

    private static String article(Map<String, Object> changes) {
        return ApiGatewayEvents.worldArticle(changes);
    }

    static Stream<Arguments> badRequests() {
        byte[] oversized = new byte[ArticleApi.MAX_BODY_BYTES + 10];
        Arrays.fill(oversized, (byte) 'a');
        String oversizedJson = article(Map.of("body", new String(oversized, StandardCharsets.US_ASCII)));
        return Stream.of(
                bad("malformed JSON", 400, () -> fixture("post-article.json").body("{\"section\": \"world\", \"headline\": ")),
                bad("wrong types", 400, () -> fixture("post-article.json")
                        .body(article(Map.of("headline", 42, "authors", "Maria Lindqvist", "tags", Map.of())))),
                bad("missing fields", 400, () -> fixture("post-article.json").body("{\"section\": \"world\"}")),
                bad("unknown section", 400, () -> fixture("post-article.json").body(article(Map.of("section", "astrology")))),
                bad("oversized body", 413, () -> fixture("post-article.json").body(oversizedJson)),
                bad("oversized base64 body", 413, () -> fixture("post-article.json")
                        .base64Body(oversizedJson.getBytes(StandardCharsets.UTF_8))),
                bad("bad slug in body", 400, () -> fixture("post-article.json").body(article(Map.of("slug", "Not A Slug!")))),
                bad("bad slug in path", 400, () -> fixture("get-article.json").path("/api/articles/Not_A_Slug")),
                bad("wrong content type", 415, () -> fixture("post-article.json").header("content-type", "text/plain")),
                bad("form content type", 415, () -> fixture("post-article.json")
                        .header("content-type", "application/x-www-form-urlencoded")),
                bad("no authorisation", 401, () -> fixture("post-article.json").withoutAuthorizer()),
                bad("wrong group", 403, () -> fixture("post-article.json").claim("cognito:groups", "[readers subscribers]")),
                bad("unknown route", 404, () -> fixture("post-article.json").path("/api/articles/x/comments")),
                bad("wrong method", 405, () -> fixture("post-article.json").method("PATCH")),
                bad("bad list parameters", 400, () -> fixture("list-articles.json")
                        .query(Map.of("section", "atlantis", "status", "gone", "limit", "500"))),
                bad("forged cursor", 400, () -> fixture("list-articles.json")
                        .query(Map.of("section", "world", "cursor", "eyJmb28iOiJiYXIifQ"))),
                bad("put without If-Match", 428, () -> fixture("put-article.json").withoutHeader("if-match")),
                bad("put of a missing article", 404, () -> fixture("put-article.json")),
                bad("delete of a missing article", 404, () -> fixture("delete-article.json")));
    }

    private static Arguments bad(String name, int status, Supplier<ApiGatewayEvents> event) {
        return Arguments.of(name, status, event);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void badRequestGetsAProblemAndWritesNothing(String name, int status, Supplier<ApiGatewayEvents> event) {
        HttpResponse response = functions.call(event.get());

        assertThat(response.status()).as(name).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.bodyText());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (status == 400) {
            assertThat(problem.get("violations")).isNotEmpty();
            problem.get("violations").forEach(v -> {
                assertThat(v.get("path").isString()).isTrue();
                assertThat(v.get("message").asString()).isNotBlank();
            });
        }
        assertThat(response.bodyText()).doesNotContain("Exception", "jackson", "at broadsheet.", "software.amazon");

        assertThat(functions.scanTable()).as("table after " + name).isEmpty();
        assertThat(functions.listBucket()).as("bucket after " + name).isEmpty();
        assertThat(functions.takeWrites()).isEmpty();
    }
}
