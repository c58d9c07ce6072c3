package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the editor app's CloudFront Function in node against viewer requests shaped like
 * CloudFront's: every route of the app loads {@code admin/index.html}, files pass unchanged.
 */
class EditorAppRoutesFunctionTest {

    private static final String HARNESS = """
            const fs = require('fs');
            eval(fs.readFileSync(process.argv[2], 'utf8') + '\\nglobalThis.handler = handler;');
            const request = (uri, querystring) => ({ request: { method: 'GET', uri, querystring: querystring || {}, headers: {} } });
            const cases = {
              root: handler(request('/admin/')),
              callback: handler(request('/admin/callback/', { code: { value: 'c0de' }, state: { value: 's7a7e' } })),
              callbackWithoutSlash: handler(request('/admin/callback')),
              deepRoute: handler(request('/admin/articles/ports-reopen')),
              bundle: handler(request('/admin/app.js')),
              styles: handler(request('/admin/app.css')),
              config: handler(request('/admin/config.json')),
              index: handler(request('/admin/index.html')),
            };
            process.stdout.write(JSON.stringify(cases));
            """;

    private static JsonNode results;

    @BeforeAll
    static void runFunction(@TempDir Path dir) throws IOException, InterruptedException {
        Path function = dir.resolve(EditorApp.ROUTES_SOURCE);
        Files.writeString(function, EditorApp.routesSource(), StandardCharsets.UTF_8);
        Path harness = dir.resolve("harness.js");
        Files.writeString(harness, HARNESS, StandardCharsets.UTF_8);
        Process node = new ProcessBuilder("node", harness.toString(), function.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        results = JsonMapper.builder().build().readTree(out);
    }

    @Test
    void everyRouteOfTheAppLoadsItsIndexPage() {
        for (String route : new String[] {"root", "callback", "callbackWithoutSlash", "deepRoute", "index"}) {
            assertThat(results.at("/" + route + "/uri").asString()).as(route).isEqualTo("/admin/index.html");
            assertThat(results.at("/" + route + "/statusCode").isMissingNode()).as(route + " is no redirect").isTrue();
        }
    }

    @Test
    void theSignInAnswerStaysWithTheRequest() {
        assertThat(results.at("/callback/querystring/code/value").asString()).isEqualTo("c0de");
        assertThat(results.at("/callback/querystring/state/value").asString()).isEqualTo("s7a7e");
    }

    @Test
    void theAppsFilesPassUnchanged() {
        assertThat(results.at("/bundle/uri").asString()).isEqualTo("/admin/app.js");
        assertThat(results.at("/styles/uri").asString()).isEqualTo("/admin/app.css");
        assertThat(results.at("/config/uri").asString()).isEqualTo("/admin/config.json");
    }
}
