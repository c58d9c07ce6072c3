package broadsheet.local;

import broadsheet.core.publish.InMemorySiteBucket;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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

    private final List<APIGatewayV2HTTPEvent> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    private void start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, int limit) {
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

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> recording(APIGatewayV2HTTPResponse answer) {
        return (event, context) -> {
            seen.add(event);
            return answer;
        };
    }

    @Test
    void handsTheHandlerTheRealRequestWithEditorClaims() throws Exception {
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "Location", "/api/articles/x"))
                .withBody("{\"slug\":\"x\"}").build()), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles?dryRun=1"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"headline\":\"H\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"slug\":\"x\"}");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/articles/x");
        APIGatewayV2HTTPEvent event = seen.get(0);
        assertThat(event.getRawPath()).isEqualTo("/api/articles");
        assertThat(event.getRawQueryString()).isEqualTo("dryRun=1");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(event.getBody()).isEqualTo("{\"headline\":\"H\"}");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("cognito:groups", "[editors]").containsEntry("sub", "local-editor");
    }

    @Test
    void rewritesAbsoluteHttpsUrlsOfThisHostToPlainHttp() throws Exception {
        start((event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Location", "https://" + event.getRequestContext().getDomainName() + "/api/articles/x",
                        "Link", "<https://example.com/x>"))
                .build(), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Location")).hasValue("http://localhost/api/articles/x");
        assertThat(response.headers().firstValue("Link")).hasValue("<https://example.com/x>");
    }

    @Test
    void passesRequestsWithAWrongTokenOnWithoutClaims() throws Exception {
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(401).withBody("").build()), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .header("Authorization", "Bearer not-the-token").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(seen.get(0).getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void decodesBase64ResponseBodies() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe};
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(bytes)).build()), 1024);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/api/x")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()).isEqualTo(bytes);
    }

    @Test
    void refusesABodyWithLengthOverTheLimitWithoutCallingTheHandler() throws Exception {
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(201).build()), 1024);

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
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(201).build()), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1025]))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        start(recording(APIGatewayV2HTTPResponse.builder().withStatusCode(204).build()), 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a".repeat(1024))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(seen.get(0).getBody()).hasSize(1024);
    }

    @Test
    void answersAFailingHandlerWithAProblemAndNoDetail() throws Exception {
        start((event, context) -> {
            throw new IllegalStateException("secret internal detail");
        }, 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/articles")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":500").doesNotContain("secret");
    }
}
