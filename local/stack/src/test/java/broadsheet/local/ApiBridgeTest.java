package broadsheet.local;

import broadsheet.core.publish.InMemorySiteBucket;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ApiBridgeTest {

    private static final String TOKEN = "test-token";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    private void start(RequestStreamHandler handler, int limit) {
        ApiBridge bridge = new ApiBridge(handler, new EditorAuthorizer(TOKEN, "cognito:groups", "editors"),
                new ApiEvents("localhost"), limit, Clock.systemUTC());
        server = LocalHttpServer.start("127.0.0.1", 0, bridge, new SiteServer(new InMemorySiteBucket()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A function that records the events it gets and answers each with this response JSON. */
    private RequestStreamHandler recording(ObjectNode answer) {
        return (event, response, context) -> {
            seen.add(MAPPER.readTree(event));
            MAPPER.writeValue(response, answer);
        };
    }

    /** An API Gateway (payload 2.0) response. */
    private static ObjectNode answer(int status, Map<String, String> headers, String body) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("statusCode", status);
        headers.forEach(answer.putObject("headers")::put);
        if (body != null) {
            answer.put("body", body);
        }
        return answer;
    }

    @Test
    void handsTheHandlerTheRealRequestWithEditorClaims() throws Exception {
        start(recording(answer(201, Map.of("Content-Type", "application/json", "Location", "/api/articles/x"),
                "{\"slug\":\"x\"}")), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles?dryRun=1"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"headline\":\"H\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"slug\":\"x\"}");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/articles/x");
        JsonNode event = seen.get(0);
        assertThat(event.get("rawPath").stringValue()).isEqualTo("/api/articles");
        assertThat(event.get("rawQueryString").stringValue()).isEqualTo("dryRun=1");
        assertThat(event.get("requestContext").get("http").get("method").stringValue()).isEqualTo("POST");
        assertThat(event.get("headers").get("content-type").stringValue()).isEqualTo("application/json");
        assertThat(event.get("body").stringValue()).isEqualTo("{\"headline\":\"H\"}");
        JsonNode claims = event.get("requestContext").get("authorizer").get("jwt").get("claims");
        assertThat(claims.get("cognito:groups").stringValue()).isEqualTo("[editors]");
        assertThat(claims.get("sub").stringValue()).isEqualTo("local-editor");
    }

    @Test
    void rewritesAbsoluteHttpsUrlsOfThisHostToPlainHttp() throws Exception {
        start((event, response, context) -> MAPPER.writeValue(response, answer(201, Map.of(
                "Location", "https://" + MAPPER.readTree(event).get("requestContext").get("domainName").stringValue()
                        + "/api/articles/x",
                "Link", "<https://example.com/x>"), null)), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Location")).hasValue("http://localhost/api/articles/x");
        assertThat(response.headers().firstValue("Link")).hasValue("<https://example.com/x>");
    }

    @Test
    void passesRequestsWithAWrongTokenOnWithoutClaims() throws Exception {
        start(recording(answer(401, Map.of(), "")), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .header("Authorization", "Bearer not-the-token").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(seen.get(0).get("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void decodesBase64ResponseBodies() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe};
        start(recording(answer(200, Map.of(), Base64.getEncoder().encodeToString(bytes)).put("isBase64Encoded", true)), 1024);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/api/x")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()).isEqualTo(bytes);
    }

    @Test
    void refusesABodyWithLengthOverTheLimitWithoutCallingTheHandler() throws Exception {
        start(recording(answer(201, Map.of(), null)), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1025])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413").contains("problems/body-too-large");
        assertThat(seen).isEmpty();
    }

    @Test
    void refusesAStreamedBodyOverTheLimitWithoutCallingTheHandler() throws Exception {
        start(recording(answer(201, Map.of(), null)), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1025]))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        start(recording(answer(204, Map.of(), null)), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a".repeat(1024))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(seen.get(0).get("body").stringValue()).hasSize(1024);
    }

    @Test
    void answersAFailingHandlerWithAProblemAndNoDetail() throws Exception {
        start((event, response, context) -> {
            throw new IllegalStateException("secret internal detail");
        }, 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":500").doesNotContain("secret");
    }
}
