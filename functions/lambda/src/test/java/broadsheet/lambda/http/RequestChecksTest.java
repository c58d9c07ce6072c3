package broadsheet.lambda.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestChecksTest {

    @Test
    void acceptsJsonWithOptionalUtf8CharsetOnly() {
        assertThat(MediaTypes.isJson(Optional.of("application/json"))).isTrue();
        assertThat(MediaTypes.isJson(Optional.of("Application/JSON; charset=UTF-8"))).isTrue();
        assertThat(MediaTypes.isJson(Optional.of("application/json;charset=\"utf-8\""))).isTrue();
        assertThat(MediaTypes.isJson(Optional.of("application/json; charset=iso-8859-1"))).isFalse();
        assertThat(MediaTypes.isJson(Optional.of("application/json; boundary=x"))).isFalse();
        assertThat(MediaTypes.isJson(Optional.of("text/plain"))).isFalse();
        assertThat(MediaTypes.isJson(Optional.of("application/jsonx"))).isFalse();
        assertThat(MediaTypes.isJson(Optional.empty())).isFalse();
    }

    @Test
    void readsStrongVersionTagsFromIfMatch() {
        assertThat(Preconditions.ifMatch(Optional.of("\"3\""))).contains(new Preconditions(Set.of(3L)));
        assertThat(Preconditions.ifMatch(Optional.of("\"3\", \"4\""))).contains(new Preconditions(Set.of(3L, 4L)));
        assertThat(Preconditions.ifMatch(Optional.of("W/\"3\""))).contains(new Preconditions(Set.of()));
        assertThat(Preconditions.ifMatch(Optional.of("3"))).contains(new Preconditions(Set.of()));
        assertThat(Preconditions.ifMatch(Optional.of("*"))).isEmpty();
        assertThat(Preconditions.ifMatch(Optional.of(" "))).isEmpty();
        assertThat(Preconditions.ifMatch(Optional.empty())).isEmpty();
    }

    @Test
    void measuresBase64BodiesByTheirDecodedLength() {
        for (int n = 0; n < 10; n++) {
            byte[] bytes = new byte[1000 + n];
            String encoded = Base64.getEncoder().encodeToString(bytes);
            assertThat(request(encoded, true).bodyLength()).isEqualTo(bytes.length);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            assertThat(request(unpadded, true).bodyLength()).isEqualTo(bytes.length);
        }
    }

    @Test
    void measuresTextBodiesInUtf8Bytes() {
        String text = "Zürich – 東京 😀";
        assertThat(request(text, false).bodyLength()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void matchesPathTemplatesSegmentBySegment() {
        assertThat(Router.parameters("/api/articles/{slug}", "/api/articles/a-b")).contains(Map.of("slug", "a-b"));
        assertThat(Router.parameters("/api/articles/{slug}", "/api/articles/")).isEmpty();
        assertThat(Router.parameters("/api/articles/{slug}", "/api/articles/a/b")).isEmpty();
        assertThat(Router.parameters("/api/articles", "/api/articles")).contains(Map.of());
        assertThat(Router.parameters("/api/articles", "/api/articles/")).isEmpty();
    }

    private static HttpRequest request(String body, boolean base64) {
        return new HttpRequest("POST", "/api/articles", Map.of(), Map.of(), body, base64, Map.of());
    }
}
