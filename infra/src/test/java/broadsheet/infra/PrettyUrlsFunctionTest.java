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
 * Runs the CloudFront Function's source in node (which the CDK needs anyway) against viewer
 * requests shaped like CloudFront's, and checks what it hands on.
 */
class PrettyUrlsFunctionTest {

    private static final String HARNESS = """
            const fs = require('fs');
            eval(fs.readFileSync(process.argv[2], 'utf8') + '\\nglobalThis.handler = handler;');
            const request = (uri, querystring) => ({ request: { method: 'GET', uri, querystring: querystring || {}, headers: {} } });
            const cases = {
              root: handler(request('/')),
              article: handler(request('/world/nato-summit/')),
              section: handler(request('/world/')),
              withoutSlash: handler(request('/world/nato-summit')),
              withQuery: handler(request('/world', { page: { value: '2' }, tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } })),
              feed: handler(request('/feed.xml')),
              asset: handler(request('/static/site.css')),
              notFound: handler(request('/404.html')),
            };
            process.stdout.write(JSON.stringify(cases));
            """;

    private static JsonNode results;

    @BeforeAll
    static void runFunction(@TempDir Path dir) throws IOException, InterruptedException {
        Path function = dir.resolve("pretty-urls.js");
        Files.writeString(function, SiteDistribution.prettyUrlsSource(), StandardCharsets.UTF_8);
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
    void directoryUrlsServeTheirIndexPage() {
        assertThat(results.at("/root/uri").asString()).isEqualTo("/index.html");
        assertThat(results.at("/article/uri").asString()).isEqualTo("/world/nato-summit/index.html");
        assertThat(results.at("/section/uri").asString()).isEqualTo("/world/index.html");
    }

    @Test
    void urlWithoutTrailingSlashRedirectsPermanentlyToTheCanonicalOne() {
        assertThat(results.at("/withoutSlash/statusCode").asInt()).isEqualTo(301);
        assertThat(results.at("/withoutSlash/headers/location/value").asString()).isEqualTo("/world/nato-summit/");
        assertThat(results.at("/withQuery/headers/location/value").asString()).isEqualTo("/world/?page=2&tag=a&tag=b");
    }

    @Test
    void filesWithAnExtensionPassUnchanged() {
        assertThat(results.at("/feed/uri").asString()).isEqualTo("/feed.xml");
        assertThat(results.at("/feed/statusCode").isMissingNode()).isTrue();
        assertThat(results.at("/asset/uri").asString()).isEqualTo("/static/site.css");
        assertThat(results.at("/notFound/uri").asString()).isEqualTo("/404.html");
    }
}
