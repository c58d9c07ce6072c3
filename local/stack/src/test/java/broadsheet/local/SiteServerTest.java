package broadsheet.local;

import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.render.RenderedPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class SiteServerTest {

    private static final String ARTICLE_CACHE = "public, max-age=300, stale-while-revalidate=60";

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        bucket.put(page("index.html", "<h1>Home</h1>", "public, max-age=60, stale-while-revalidate=30"), 1);
        bucket.put(page("world/nato/index.html", "<h1>NATO</h1>", ARTICLE_CACHE), 1);
        bucket.put(page("404.html", "<h1>Not here</h1>", "public, max-age=60"), 1);
        bucket.put(new RenderedPage("static/site.css", "text/css; charset=utf-8", "public, max-age=86400",
                "body{}".getBytes(StandardCharsets.UTF_8)), 1);
        ApiBridge api = new ApiBridge((event, response, context) -> response.write("{\"statusCode\":204}".getBytes()),
                new EditorAuthorizer("t", "cognito:groups", "editors"), new ApiEvents("localhost"), 1024, Clock.systemUTC());
        server = LocalHttpServer.start("127.0.0.1", 0, api, new SiteServer(bucket));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static RenderedPage page(String key, String html, String cacheControl) {
        return new RenderedPage(key, "text/html; charset=utf-8", cacheControl, html.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageOfAPrettyUrlWithItsStoredHeaders() throws Exception {
        HttpResponse<String> response = get("/world/nato/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<h1>NATO</h1>");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue(ARTICLE_CACHE);
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void servesTheHomePageAtTheRootAndFilesByKey() throws Exception {
        assertThat(get("/").body()).isEqualTo("<h1>Home</h1>");
        HttpResponse<String> css = get("/static/site.css");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).isEqualTo("body{}");
    }

    @Test
    void redirectsAPathWithoutTrailingSlash() throws Exception {
        HttpResponse<String> response = get("/world/nato");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/world/nato/");
    }

    @Test
    void answersAMissingPageWithThe404PageAndStatus() throws Exception {
        HttpResponse<String> response = get("/world/missing/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("<h1>Not here</h1>");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void answersAMatchingIfNoneMatchWith304() throws Exception {
        String etag = get("/world/nato/").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> response = get("/world/nato/", "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(get("/world/nato/", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void allowsOnlyGetAndHead() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void refusesPathTraversal() throws Exception {
        assertThat(rawStatus("/../../etc/passwd")).isEqualTo(400);
        assertThat(rawStatus("/%2e%2e/%2e%2e/etc/passwd")).isEqualTo(400);
        assertThat(rawStatus("/world%2f..%2f..%2fx")).isEqualTo(400);
    }

    /** Sends the path byte for byte (HTTP clients would normalise the dots away). */
    private int rawStatus(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
