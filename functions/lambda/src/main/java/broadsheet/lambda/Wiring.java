package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.EventBridgePublishSchedule;
import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.S3UploadSigner;
import broadsheet.aws.SqsRebuildQueue;
import broadsheet.core.media.UploadSigner;
import broadsheet.core.schedule.PublishSchedule;
import broadsheet.core.publish.Publisher;
import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.core.schedule.ScheduleSync;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.stream.ChangeFeed;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
 * (during the init phase) and kept in final fields. The clients of one function share one
 * url-connection HTTP client; the region and the credentials provider are set from what
 * {@link Config.Sdk} found in the environment, so no client walks the SDK's provider chains.
 * Endpoints ({@code AWS_ENDPOINT_URL*}) come from the SDK's own environment lookup.
 */
public final class Wiring {

    /** Articles or listings in one rebuild unit. */
    public static final int REBUILD_BATCH_SIZE = 100;
    /** Uploads of one rebuild unit in flight at once (I/O-bound). */
    public static final int REBUILD_THREADS = 8;

    private final Config config;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Optional<AwsCredentialsProvider> credentials;

    public Wiring(Config config) {
        this.config = config;
        this.credentials = switch (config.sdk().credentials()) {
            case ENVIRONMENT -> Optional.of(EnvironmentVariableCredentialsProvider.create());
            case CONTAINER -> Optional.of(ContainerCredentialsProvider.builder().build());
            case DEFAULT_CHAIN -> Optional.empty();
        };
    }

    public static Wiring fromEnvironment() {
        return new Wiring(Config.fromEnvironment());
    }

    /** The site configuration from the classpath, with the base URL this deployment serves. */
    public SiteConfig site() {
        return SiteConfig.load().withBaseUrl(config.siteBaseUrl());
    }

    /**
     * The API. Its S3 presigner is built at the first media upload and its templates at the first
     * preview: no other route needs them.
     */
    public ArticleApi articleApi() {
        SiteConfig site = site();
        Lazy<UploadSigner> signer = new Lazy<>(() -> new S3UploadSigner(presigner(), config.bucketName(),
                credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build()), Clock.systemUTC()));
        UploadSigner uploads = (upload, validFor) -> signer.get().signPut(upload, validFor);
        return new ArticleApi(new DynamoArticleStore(dynamo(), config.tableName()), site,
                new Lazy<>(() -> new MustachePages(site)), Optional.of(uploads), Clock.systemUTC(),
                config.editorPolicy());
    }

    public SchedulePublisher schedulePublisher() {
        return new SchedulePublisher(new DynamoArticleStore(dynamo(), config.tableName()), Clock.systemUTC());
    }

    /** The change feed, rendering with these pages of this site. */
    public ChangeFeed changeFeed(SiteConfig site, MustachePages pages) {
        DynamoDbClient dynamo = dynamo();
        Publisher publisher = new Publisher(new DynamoListingStore(dynamo, config.tableName()),
                new S3SiteBucket(s3(), config.bucketName()), pages, Clock.systemUTC(), site.sectionSlugs());
        PublishSchedule schedule = config.schedules()
                .<PublishSchedule>map(target -> new EventBridgePublishSchedule(sync(SchedulerClient.builder()).build(), target))
                .orElse(PublishSchedule.NONE);
        return new ChangeFeed(publisher, new ScheduleSync(schedule, Clock.systemUTC()));
    }

    private DynamoDbClient dynamo() {
        return sync(DynamoDbClient.builder()).build();
    }

    private S3Client s3() {
        return sync(S3Client.builder()).forcePathStyle(config.s3PathStyle()).build();
    }

    private S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.s3PathStyle()).build());
        config.sdk().region().map(Region::of).ifPresent(builder::region);
        credentials.ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B sync(B builder) {
        builder.httpClient(http);
        config.sdk().region().map(Region::of).ifPresent(builder::region);
        credentials.ifPresent(builder::credentialsProvider);
        return builder;
    }

    /**
     * The rebuild fanned out through the rebuild queue, for the rebuild start and worker
     * functions: the stores and bucket of this deployment, {@value #REBUILD_BATCH_SIZE} articles or
     * listings a unit, uploaded on {@value #REBUILD_THREADS} daemon threads.
     */
    public RebuildFanOut rebuildFanOut() {
        String queueUrl = config.requireRebuildQueueUrl();
        DynamoDbClient dynamo = dynamo();
        SqsClient sqs = sync(SqsClient.builder()).build();
        SiteConfig site = site();
        DynamoListingStore listings = new DynamoListingStore(dynamo, config.tableName());
        ExecutorService pool = Executors.newFixedThreadPool(REBUILD_THREADS, task -> {
            Thread thread = new Thread(task, "rebuild-upload");
            thread.setDaemon(true);
            return thread;
        });
        SiteRebuild rebuild = new SiteRebuild(new DynamoArticleStore(dynamo, config.tableName()), listings, listings,
                new S3SiteBucket(s3(), config.bucketName()), new MustachePages(site), Clock.systemUTC(),
                site.sectionSlugs(), REBUILD_BATCH_SIZE, pool);
        return new RebuildFanOut(rebuild, new SqsRebuildQueue(sqs, queueUrl));
    }
}
