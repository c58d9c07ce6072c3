package broadsheet.reliability;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An editor's HTTP client for the local stack's API, as curl or a CMS would use it. Every answer
 * is counted into the suite summary.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: status, ETag (if any) and body. */
    record Answer(int status, String etag, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        long version() {
            return json().get("version").asLong();
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String token;

    Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Answer create(String json) {
        return send(request("/api/articles").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Answer get(String slug) {
        return send(request("/api/articles/" + slug).GET());
    }

    Answer put(String slug, String json, long version) {
        return send(request("/api/articles/" + slug).header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Answer delete(String slug, long version) {
        return send(request("/api/articles/" + slug).header("If-Match", "\"" + version + "\"").DELETE());
    }

    /** A page of the public site (no token). */
    Answer page(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        boolean outage = SuiteSummary.SUITE.inOutage();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            SuiteSummary.SUITE.answered(response.statusCode(), outage || SuiteSummary.SUITE.inOutage());
            return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to the local stack failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
