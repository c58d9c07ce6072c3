package broadsheet.bench;

import broadsheet.aws.ArticleWriteListener;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.core.article.Article;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.Config;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import broadsheet.lambda.StreamInvocation;
import broadsheet.lambda.stream.StreamRecords;
import broadsheet.lambda.Wiring;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One site on the local servers, served by the real handlers wired as the deployed functions are
 * ({@link Wiring}), except that the clients are the local stack's: the API handler over a
 * {@link DynamoArticleStore} whose writes are captured as stream images, and the publisher handler
 * over {@link DynamoListingStore}, {@link S3SiteBucket} and {@link MustachePages}. Both are invoked
 * as the Lambda runtime invokes them: event JSON bytes in, answer bytes out.
 */
final class PipelineSite {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final S3SiteBucket siteBucket;
    final MustachePages pages;
    private final ApiHandler api;
    private final PublisherHandler publisher;
    private final StreamRecords streams = new StreamRecords(
            "arn:aws:dynamodb:us-east-1:123456789012:table/bench/stream/2026-11-01T00:00:00.000", 100_000_000_000_000_000L);
    private final AtomicReference<StreamEvent> lastWrite = new AtomicReference<>();

    PipelineSite(LocalAws aws, SiteConfig site, String table, String bucket) {
        ArticleWriteListener listener = (oldItem, newItem) -> lastWrite.set(streams.event(oldItem, newItem));
        Wiring wiring = Wiring.builder(aws.dynamo, aws.s3, table, bucket).site(site).writeListener(listener).build();
        this.api = new ApiHandler(wiring.articleApi());
        this.siteBucket = wiring.siteBucket();
        this.pages = wiring.pages();
        this.publisher = new PublisherHandler(wiring.changeFeed());
    }

    /** POST /api/articles as an editor; returns the stream event of the write. */
    StreamEvent create(Article article) {
        lastWrite.set(null);
        JsonNode response = JSON.readTree(invoke(api, apiEventJson(body(article)).getBytes(StandardCharsets.UTF_8)));
        if (response.path("statusCode").asInt() != 201) {
            throw new IllegalStateException("create answered " + response);
        }
        StreamEvent event = lastWrite.getAndSet(null);
        if (event == null) {
            throw new IllegalStateException("the article store reported no write");
        }
        return event;
    }

    /** The publisher function's handling of one stream batch. */
    void publish(StreamEvent event) {
        StreamBatchResponse response = StreamEventJson.readResponse(invoke(publisher, StreamEventJson.write(event)));
        if (!response.failedSequenceNumbers().isEmpty()) {
            throw new IllegalStateException("publishing failed: " + response.failedSequenceNumbers());
        }
    }

    /** A handler invoked as the Lambda Java runtime invokes a stream handler. */
    static byte[] invoke(RequestStreamHandler handler, byte[] event) {
        return StreamInvocation.invoke(handler, event, null);
    }

    /** An editor's JSON for the article (no server-set fields; the API sets the publish time). */
    static String body(Article a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("section", a.section());
        o.put("slug", a.slug());
        o.put("headline", a.headline());
        o.put("standfirst", a.standfirst());
        o.put("body", a.body());
        if (a.image() != null) {
            o.putObject("image").put("src", a.image().src()).put("alt", a.image().alt())
                    .put("caption", a.image().caption()).put("credit", a.image().credit());
        }
        a.authors().forEach(o.putArray("authors")::add);
        a.tags().forEach(o.putArray("tags")::add);
        o.put("source", a.source());
        o.put("status", "published");
        return JSON.writeValueAsString(o);
    }

    /** An API Gateway HTTP API (payload 2.0) event: POST /api/articles by an editor. */
    static String apiEventJson(String body) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "2.0");
        root.put("routeKey", "ANY /api/{proxy+}");
        root.put("rawPath", ArticleApi.COLLECTION);
        root.put("rawQueryString", "");
        ObjectNode headers = root.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("content-type", "application/json");
        headers.put("host", "api.broadsheet.example");
        ObjectNode context = root.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "bench");
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put("sub", "bench");
        claims.put("cognito:groups", "[editors]");
        context.put("domainName", "api.broadsheet.example");
        ObjectNode http = context.putObject("http");
        http.put("method", "POST");
        http.put("path", ArticleApi.COLLECTION);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        context.put("requestId", "bench");
        context.put("routeKey", "ANY /api/{proxy+}");
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        root.put("body", body);
        root.put("isBase64Encoded", false);
        return JSON.writeValueAsString(root);
    }
}
