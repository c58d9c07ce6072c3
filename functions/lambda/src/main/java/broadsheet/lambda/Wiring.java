package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.EventBridgePublishSchedule;
import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.S3UploadSigner;
import broadsheet.aws.SqsRebuildQueue;
import broadsheet.core.publish.PublishSchedule;
import broadsheet.core.publish.Publisher;
import broadsheet.core.publish.RebuildFanOut;
import broadsheet.core.publish.SchedulePublisher;
import broadsheet.core.publish.ScheduleSync;
import broadsheet.core.publish.SiteRebuild;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the production collaborators of the functions from a {@link Config}. Each handler calls
 * this once, in its constructor, so SDK clients and templates are created once per container
 * (during the init phase) and kept in final fields. Region, credentials and endpoints
 * ({@code AWS_ENDPOINT_URL*}) come from the SDK's own environment lookup.
 */
public final class Wiring {

    /** Articles or listings in one rebuild unit. */
    public static final int REBUILD_BATCH_SIZE = 100;
    /** Uploads of one rebuild unit in flight at once (I/O-bound). */
    public static final int REBUILD_THREADS = 8;

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
        S3Presigner presigner = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.s3PathStyle()).build())
                .build();
        SiteConfig site = site();
        return new ArticleApi(new DynamoArticleStore(dynamo, config.tableName()), site, new MustachePages(site),
                Optional.of(new S3UploadSigner(presigner, config.bucketName())), Clock.systemUTC(),
                config.editorPolicy());
    }

    public SchedulePublisher schedulePublisher() {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return new SchedulePublisher(new DynamoArticleStore(dynamo, config.tableName()), Clock.systemUTC());
    }

    public ChangeFeed changeFeed() {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.s3PathStyle()).build();
        SiteConfig site = site();
        Publisher publisher = new Publisher(new DynamoListingStore(dynamo, config.tableName()),
                new S3SiteBucket(s3, config.bucketName()), new MustachePages(site), Clock.systemUTC(),
                site.sectionSlugs());
        PublishSchedule schedule = config.schedules()
                .<PublishSchedule>map(target -> new EventBridgePublishSchedule(
                        SchedulerClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), target))
                .orElse(PublishSchedule.NONE);
        return new ChangeFeed(publisher, new ScheduleSync(schedule, Clock.systemUTC()));
    }

    /**
     * The rebuild fanned out through the rebuild queue, for the rebuild start and worker
     * functions: the stores and bucket of this deployment, {@value #REBUILD_BATCH_SIZE} articles or
     * listings a unit, uploaded on {@value #REBUILD_THREADS} daemon threads.
     */
    public RebuildFanOut rebuildFanOut() {
        String queueUrl = config.requireRebuildQueueUrl();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.s3PathStyle()).build();
        SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SiteConfig site = site();
        DynamoListingStore listings = new DynamoListingStore(dynamo, config.tableName());
        ExecutorService pool = Executors.newFixedThreadPool(REBUILD_THREADS, task -> {
            Thread thread = new Thread(task, "rebuild-upload");
            thread.setDaemon(true);
            return thread;
        });
        SiteRebuild rebuild = new SiteRebuild(new DynamoArticleStore(dynamo, config.tableName()), listings, listings,
                new S3SiteBucket(s3, config.bucketName()), new MustachePages(site), Clock.systemUTC(),
                site.sectionSlugs(), REBUILD_BATCH_SIZE, pool);
        return new RebuildFanOut(rebuild, new SqsRebuildQueue(sqs, queueUrl));
    }
}
