package broadsheet.lambda.http;

import broadsheet.core.editing.EditorPolicy;
import broadsheet.lambda.ApiGatewayEvents;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API Gateway HTTP API payload 2.0 events, as AWS documents them, read into requests; responses written. */
class ApiGatewayMappingTest {

    private static HttpRequest read(String json) {
        return ApiGatewayMapping.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheDocumentedPayloadWithJwtClaims() {
        HttpRequest request = read(ApiGatewayEvents.resource("/events/api/aws-documented-v2.json"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/articles");
        assertThat(request.header("Accept")).contains("application/json");
        assertThat(request.header("header2")).contains("value1,value2");
        assertThat(request.query()).isEqualTo(Map.of("section", "world,europe", "limit", "5"));
        assertThat(request.body()).isEqualTo("{\"headline\": \"Hello from Lambda\"}");
        assertThat(request.base64Encoded()).isFalse();
        assertThat(request.claims()).containsEntry("cognito:groups", "[editors]")
                .containsEntry("sub", "3c1f9a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
        assertThat(new EditorPolicy("cognito:groups", "editors").check(request.claims()))
                .isEqualTo(EditorPolicy.Access.ALLOWED);
    }

    @Test
    void readsABase64BodyAndARequestWithoutTokenOnANamedStage() {
        String json = ApiGatewayEvents.fixture("post-article-base64.json").withoutAuthorizer().stage("prod").json();

        HttpRequest request = read(json);

        assertThat(request.base64Encoded()).isTrue();
        assertThat(new String(request.bodyBytes(), StandardCharsets.UTF_8)).contains("\"section\"");
        assertThat(request.claims()).isEmpty();
        assertThat(request.path()).isEqualTo("/api/articles");
    }

    @Test
    void aClaimSentAsAJsonArrayIsKeptAsItsText() {
        String json = "{\"requestContext\":{\"http\":{\"method\":\"GET\"},\"authorizer\":{\"jwt\":{\"claims\":"
                + "{\"cognito:groups\":[\"editors\",\"desk\"]}}}},\"rawPath\":\"/api/articles\"}";

        HttpRequest request = read(json);

        assertThat(request.claims()).containsEntry("cognito:groups", "[\"editors\",\"desk\"]");
        assertThat(request.headers()).isEmpty();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void writesTheResponseApiGatewayExpects() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiGatewayMapping.write(HttpResponse.json(201, "{\"slug\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("ETag", "\"1\"")), out);

        JsonNode answer = JsonMapper.builder().build().readTree(out.toByteArray());

        assertThat(answer.get("statusCode").intValue()).isEqualTo(201);
        assertThat(answer.get("headers").get("ETag").stringValue()).isEqualTo("\"1\"");
        assertThat(answer.get("headers").get("Content-Type").stringValue()).isEqualTo("application/json");
        assertThat(answer.get("body").stringValue()).isEqualTo("{\"slug\":\"a\"}");
        assertThat(answer.get("isBase64Encoded").booleanValue()).isFalse();
    }
}
