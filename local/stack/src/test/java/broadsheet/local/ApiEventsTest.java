package broadsheet.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

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

        APIGatewayV2HTTPEvent event = events.toEvent(request, Optional.empty(), now);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("$default");
        assertThat(event.getRawPath()).isEqualTo("/api/articles");
        assertThat(event.getRawQueryString()).isEqualTo("dryRun=true&tag=a&tag=b%20c");
        assertThat(event.getQueryStringParameters()).containsEntry("dryRun", "true").containsEntry("tag", "a,b c");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("x-many", "1,2").doesNotContainKey("cookie").doesNotContainKey("Content-Type");
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getBody()).isEqualTo("{\"headline\":\"Zürich\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        var http = event.getRequestContext().getHttp();
        assertThat(http.getMethod()).isEqualTo("POST");
        assertThat(http.getPath()).isEqualTo("/api/articles");
        assertThat(http.getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(http.getUserAgent()).isEqualTo("curl/8");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(now.toEpochMilli());
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void carriesTheAuthorizerClaims() {
        LocalRequest request = new LocalRequest("GET", "/api/articles", null, Map.of(), null, "127.0.0.1", "HTTP/1.1");
        APIGatewayV2HTTPEvent event = events.toEvent(request, Optional.of(Map.of("sub", "local-editor")), now);
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "local-editor");
        assertThat(event.getBody()).isNull();
    }

    @Test
    void encodesBinaryBodiesAsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        LocalRequest request = new LocalRequest("PUT", "/api/media/x.png", null,
                Map.of("content-type", List.of("image/png")), png, "127.0.0.1", "HTTP/1.1");
        APIGatewayV2HTTPEvent event = events.toEvent(request, Optional.empty(), now);
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(png);
    }

    @Test
    void encodesTextThatIsNotUtf8AsBase64() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        LocalRequest request = new LocalRequest("POST", "/api/articles", null,
                Map.of("content-type", List.of("application/json")), latin1, "127.0.0.1", "HTTP/1.1");
        APIGatewayV2HTTPEvent event = events.toEvent(request, Optional.empty(), now);
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(latin1);
    }
}
