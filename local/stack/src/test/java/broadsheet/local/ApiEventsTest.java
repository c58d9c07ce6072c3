package broadsheet.local;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiEventsTest {

    private final ApiEvents events = new ApiEvents("localhost:8080");
    private final Instant now = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void buildsAnHttpApiEventFromTheRequest() {
        LocalRequest request = new LocalRequest("POST", "/api/articles", "dryRun=true&tag=a&tag=b%20c",
                Map.of("Content-Type", List.of("application/json; charset=utf-8"),
                        "X-Many", List.of("1", "2"),
                        "Cookie", List.of("a=1; b=2"),
                        "User-Agent", List.of("curl/8")),
                "{\"headline\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1");

        JsonNode event = events.toEvent(request, Optional.empty(), now);

        assertThat(event.get("version").stringValue()).isEqualTo("2.0");
        assertThat(event.get("routeKey").stringValue()).isEqualTo("$default");
        assertThat(event.get("rawPath").stringValue()).isEqualTo("/api/articles");
        assertThat(event.get("rawQueryString").stringValue()).isEqualTo("dryRun=true&tag=a&tag=b%20c");
        assertThat(strings(event.get("queryStringParameters"))).containsEntry("dryRun", "true").containsEntry("tag", "a,b c");
        assertThat(strings(event.get("headers"))).containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("x-many", "1,2").doesNotContainKey("cookie").doesNotContainKey("Content-Type");
        assertThat(event.get("cookies").values().stream().map(JsonNode::stringValue).toList()).containsExactly("a=1", "b=2");
        assertThat(event.path("body").stringValue(null)).isEqualTo("{\"headline\":\"Zürich\"}");
        assertThat(event.get("isBase64Encoded").booleanValue()).isFalse();
        JsonNode http = event.get("requestContext").get("http");
        assertThat(http.get("method").stringValue()).isEqualTo("POST");
        assertThat(http.get("path").stringValue()).isEqualTo("/api/articles");
        assertThat(http.get("sourceIp").stringValue()).isEqualTo("127.0.0.1");
        assertThat(http.get("userAgent").stringValue()).isEqualTo("curl/8");
        assertThat(event.get("requestContext").get("timeEpoch").longValue()).isEqualTo(now.toEpochMilli());
        assertThat(event.get("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void carriesTheAuthorizerClaims() {
        LocalRequest request = new LocalRequest("GET", "/api/articles", null, Map.of(), null, "127.0.0.1", "HTTP/1.1");
        JsonNode event = events.toEvent(request, Optional.of(Map.of("sub", "local-editor")), now);
        assertThat(strings(event.get("requestContext").get("authorizer").get("jwt").get("claims"))).containsEntry("sub", "local-editor");
        assertThat(event.path("body").stringValue(null)).isNull();
    }

    @Test
    void encodesBinaryBodiesAsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        LocalRequest request = new LocalRequest("PUT", "/api/media/x.png", null,
                Map.of("content-type", List.of("image/png")), png, "127.0.0.1", "HTTP/1.1");
        JsonNode event = events.toEvent(request, Optional.empty(), now);
        assertThat(event.get("isBase64Encoded").booleanValue()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").stringValue(null))).isEqualTo(png);
    }

    @Test
    void encodesTextThatIsNotUtf8AsBase64() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        LocalRequest request = new LocalRequest("POST", "/api/articles", null,
                Map.of("content-type", List.of("application/json")), latin1, "127.0.0.1", "HTTP/1.1");
        JsonNode event = events.toEvent(request, Optional.empty(), now);
        assertThat(event.get("isBase64Encoded").booleanValue()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").stringValue(null))).isEqualTo(latin1);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().stringValue()));
        return map;
    }
}
