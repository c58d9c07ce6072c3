package broadsheet.local;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.RenderedPage;
import broadsheet.lambda.StreamInvocation;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample articles of {@code local/run --seed}: project fixtures under
 * {@code broadsheet/local/seed/} on the classpath, posted through the API handler as the local
 * editor would post them (with an Idempotency-Key, so seeding twice changes nothing), and their
 * lead images uploaded to the bucket under {@code media/seed/}.
 */
public final class Seed {

    static final String ROOT = "broadsheet/local/seed/";
    static final List<String> MEDIA = List.of("nato-lisbon.svg", "harbour.svg", "bakery.svg", "glacier.svg");

    /** What seeding did: articles created now, articles that were there already, and failures. */
    public record Result(List<String> created, List<String> existing, List<String> failed) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final RequestStreamHandler api;
    private final EditorAuthorizer authorizer;
    private final ApiEvents events;
    private final SiteBucket bucket;
    private final Clock clock;

    Seed(RequestStreamHandler api, EditorAuthorizer authorizer,
         ApiEvents events, SiteBucket bucket, Clock clock) {
        this.api = api;
        this.authorizer = authorizer;
        this.events = events;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** The fixture file names, in posting order. */
    public static List<String> articleFiles() {
        return new String(resource("index.txt"), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** One fixture's JSON bytes. */
    public static byte[] article(String file) {
        return resource(file);
    }

    Result load(String token) {
        long revision = clock.millis();
        for (String name : MEDIA) {
            bucket.put(new RenderedPage("media/seed/" + name, "image/svg+xml", "public, max-age=86400",
                    resource("media/" + name)), revision);
        }
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String file : articleFiles()) {
            String slug = file.replaceFirst("^\\d+-", "").replaceFirst("\\.json$", "");
            JsonNode found = call("GET", "/api/articles/" + slug, Map.of(), new byte[0], token);
            if (found.path("statusCode").asInt() == 200) {
                existing.add(slug);
                continue;
            }
            JsonNode response = call("POST", "/api/articles",
                    Map.of("content-type", List.of("application/json"), "idempotency-key", List.of("seed-" + slug)),
                    article(file), token);
            int status = response.path("statusCode").asInt();
            if (status == 201) {
                created.add(slug);
            } else if (status == 409) {
                existing.add(slug);
            } else {
                failed.add(slug + " (" + status + ": " + response.path("body").asString() + ")");
            }
        }
        return new Result(created, existing, failed);
    }

    /** One API request as the local editor, through the same event mapping as HTTP requests. */
    private JsonNode call(String method, String path, Map<String, List<String>> headers, byte[] body, String token) {
        Map<String, List<String>> all = new java.util.HashMap<>(headers);
        all.put("authorization", List.of("Bearer " + token));
        LocalRequest request = new LocalRequest(method, path, "", all, body, "127.0.0.1", "HTTP/1.1");
        byte[] event = MAPPER.writeValueAsBytes(events.toEvent(request, authorizer.claims("Bearer " + token), clock.instant()));
        return MAPPER.readTree(StreamInvocation.invoke(api, event, new LocalLambdaContext("broadsheet-api", Duration.ofSeconds(30))));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Seed.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException(ROOT + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + name, e);
        }
    }
}
