package broadsheet.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor app as the local stack serves it at /admin/: its files, its config, its headers. */
class EditorAppServerTest {

    static LocalHttpServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = LocalHttpServer.bind("127.0.0.1", 0);
        server.serve(Map.of("/admin", new EditorAppServer(Map.of("issuer", "http://localhost:1/oidc",
                "clientId", "broadsheet-editor", "sections", List.of(Map.of("slug", "world", "title", "World"))))),
                (request, response, callback) -> {
                    HttpResponses.send(request, response, callback, 404, new byte[0]);
                    return true;
                });
        http = new Http(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheBuiltAppWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> index = http.get("/admin/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        Document page = Jsoup.parse(index.body());
        assertThat(page.select("script")).allSatisfy(s -> assertThat(s.attr("src")).startsWith("/admin/"));
        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.select("[style], [onclick], [onload]")).isEmpty();

        HttpResponse<String> app = http.get("/admin/app.js");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(app.body()).doesNotContain("innerHTML").doesNotContain("eval(");
        assertThat(http.get("/admin/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void servesItsConfigAndTheAppForItsOwnRoutes() throws Exception {
        HttpResponse<String> config = http.get("/admin/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"issuer\":\"http://localhost:1/oidc\"", "\"clientId\":\"broadsheet-editor\"");

        assertThat(http.get("/admin/articles").body()).isEqualTo(http.get("/admin/").body());
        assertThat(http.get("/admin/missing.js").statusCode()).isEqualTo(404);
        HttpResponse<String> bare = http.get("/admin");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/admin/");
    }

    @Test
    void letsTheAppConnectToTheUploadOriginOnly() {
        String policy = EditorAppServer.policy(List.of(java.net.URI.create("http://127.0.0.1:9000/bucket/key?X-Amz-Signature=x")));

        assertThat(policy).contains("connect-src 'self' http://127.0.0.1:9000;")
                .contains("script-src 'self';").doesNotContain("unsafe").doesNotContain("bucket");
        assertThat(EditorAppServer.POLICY).contains("connect-src 'self';");
    }

    @Test
    void isReadOnly() throws Exception {
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUrl().resolve("/admin/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
