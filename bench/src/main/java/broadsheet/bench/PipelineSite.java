package broadsheet.bench;

import broadsheet.aws.ArticleWriteListener;
import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.core.article.Article;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.ApiHandler;
import broadsheet.lambda.ArticleApi;
import broadsheet.lambda.ChangeFeed;
import broadsheet.lambda.EditorPolicy;
import broadsheet.lambda.PublisherHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One site on the local servers, served by the real handlers wired as the deployed functions are
 * ({@code Wiring}), except that the clients are the local stack's: the API handler over a
 * {@link DynamoArticleStore} whose writes are captured as stream images, and the publisher handler
 * over {@link DynamoListingStore}, {@link S3SiteBucket} and {@link MustachePages}.
 */
final class PipelineSite {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String table;
    final String bucket;
    final S3SiteBucket siteBucket;
    private final ApiHandler api;
    private final PublisherHandler publisher;
    private final StreamRecords streams = new StreamRecords();
    private final AtomicReference<DynamodbEvent> lastWrite = new AtomicReference<>();

    PipelineSite(LocalAws aws, SiteConfig site, String table, String bucket) {
        this.table = table;
        this.bucket = bucket;
        ArticleWriteListener listener = (oldItem, newItem) -> lastWrite.set(streams.event(oldItem, newItem));
        DynamoArticleStore articles = new DynamoArticleStore(aws.dynamo, table, Clock.systemUTC(), listener);
        this.api = new ApiHandler(new ArticleApi(articles, site, Clock.systemUTC(),
                new EditorPolicy("cognito:groups", "editors")));
        this.siteBucket = new S3SiteBucket(aws.s3, bucket);
        this.publisher = new PublisherHandler(new ChangeFeed(new Publisher(new DynamoListingStore(aws.dynamo, table),
                siteBucket, new MustachePages(site), Clock.systemUTC(), site.sectionSlugs())));
    }

    /** POST /api/articles as an editor; returns the stream event of the write. */
    DynamodbEvent create(Article article) {
        lastWrite.set(null);
        APIGatewayV2HTTPResponse response = api.handleRequest(postEvent(body(article)), null);
        if (response.getStatusCode() != 201) {
            throw new IllegalStateException("create answered " + response.getStatusCode() + ": " + response.getBody());
        }
        DynamodbEvent event = lastWrite.getAndSet(null);
        if (event == null) {
            throw new IllegalStateException("the article store reported no write");
        }
        return event;
    }

    /** The publisher function's handling of one stream batch. */
    void publish(DynamodbEvent event) {
        StreamsEventResponse response = publisher.handleRequest(event, null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("publishing failed: " + response.getBatchItemFailures());
        }
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

    static APIGatewayV2HTTPEvent postEvent(String body) {
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("POST").withPath(ArticleApi.COLLECTION).withProtocol("HTTP/1.1").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.of("sub", "bench", "cognito:groups", "[editors]")).build())
                        .build())
                .withStage("$default")
                .withDomainName("api.broadsheet.example")
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("ANY /api/{proxy+}")
                .withRawPath(ArticleApi.COLLECTION)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "accept", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    static Map<String, AttributeValue> key(String slug) {
        return broadsheet.aws.ArticleItems.key(slug);
    }
}
