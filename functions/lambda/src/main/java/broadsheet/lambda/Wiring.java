package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/**
 * Builds the production collaborators of the functions from a {@link Config}. Each handler calls
 * this once, in its constructor, so SDK clients and templates are created once per container
 * (during the init phase) and kept in final fields. Region, credentials and endpoints
 * ({@code AWS_ENDPOINT_URL*}) come from the SDK's own environment lookup.
 */
public final class Wiring {

    private final Config config;

    public Wiring(Config config) {
        this.config = config;
    }

    public static Wiring fromEnvironment() {
        return new Wiring(Config.fromEnvironment());
    }

    /** The site configuration from the classpath, with the base URL this deployment serves. */
    public SiteConfig site() {
        return SiteConfig.load().withBaseUrl(config.siteBaseUrl());
    }

    public ArticleApi articleApi() {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return new ArticleApi(new DynamoArticleStore(dynamo, config.tableName()), site(), Clock.systemUTC(),
                config.editorPolicy());
    }

    public ChangeFeed changeFeed() {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.s3PathStyle()).build();
        SiteConfig site = site();
        Publisher publisher = new Publisher(new DynamoListingStore(dynamo, config.tableName()),
                new S3SiteBucket(s3, config.bucketName()), new MustachePages(site), Clock.systemUTC(),
                site.sectionSlugs());
        return new ChangeFeed(publisher);
    }
}
