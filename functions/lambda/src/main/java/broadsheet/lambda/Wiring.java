package broadsheet.lambda;

import broadsheet.aws.ArticleWriteListener;
import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.S3UploadSigner;
import broadsheet.aws.SqsRebuildQueue;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.media.UploadSigner;
import broadsheet.core.publish.EdgeCache;
import broadsheet.core.publish.Publisher;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.core.render.MustachePages;
import broadsheet.core.schedule.PublishSchedule;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.core.schedule.ScheduleSync;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.stream.CurrentImages;
import broadsheet.lambda.stream.replay.FailedPublishes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Builds the collaborators of the functions, the one place that does. Two ways in:
 * <ul>
 *   <li>{@link #fromEnvironment()} (or {@link #Wiring(Config)}): production. Each handler calls it
 *       once, in its no-argument constructor, so SDK clients and templates are created once per
 *       container (during the init phase) and kept. The clients of one function share one
 *       url-connection HTTP client; the region and the credentials provider are set from what
 *       {@link Config.Sdk} found in the environment, so no client walks the SDK's provider chains.
 *       Endpoints ({@code AWS_ENDPOINT_URL*}) come from the SDK's own environment lookup. A client
 *       is built at its first use: a function builds only the clients it needs.</li>
 *   <li>{@link #builder(DynamoDbClient, S3Client, String, String)}: the local stack, the tests and
 *       the benchmarks, which hand in their own clients (local servers), the site config (their
 *       base URL), a clock, and a write listener (the local change feed in place of the stream).</li>
 * </ul>
 * Either way, the functions are built the same way from here:
 * <ul>
 *   <li>HTTP API: {@link #articleApi()};</li>
 *   <li>change-feed publisher: {@link #changeFeed()} (over {@link #publisher()});</li>
 *   <li>replay of the batches it gave up on: {@link #failedPublishes()} (over {@link #currentImages()}
 *       and {@link #changeFeed()});</li>
 *   <li>schedule: {@link #schedulePublisher()};</li>
 *   <li>rebuild start and worker: {@link #rebuildFanOut()} (over {@link #siteRebuild}).</li>
 * </ul>
 * and the parts they share ({@link #site()}, {@link #pages()}, {@link #clock()},
 * {@link #articleStore()}, {@link #listingStore()}, {@link #siteBucket()}) are one instance per
 * wiring. This class builds collaborators, never handlers: each handler wraps what it gets here.
 */
public final class Wiring {

    /**
     * Articles (or listings) in one unit of the site rebuild: what one {@link SiteRebuild} batch,
     * and so one rebuild-queue message, renders and uploads. (Not the rebuild queue's SQS batch
     * size, which is how many such messages one worker invocation receives; that is set in infra.)
     */
    public static final int REBUILD_UNIT_ARTICLES = 100;
    /** Uploads of one rebuild unit in flight at once (I/O-bound). */
    public static final int REBUILD_THREADS = 8;

    private final String tableName;
    private final String bucketName;
    private final Supplier<DynamoDbClient> dynamoDb;
    private final Supplier<S3Client> s3;
    private final Optional<Supplier<UploadSigner>> uploads;
    private final Supplier<PublishSchedule> schedule;
    private final Supplier<EdgeCache> edge;
    private final Optional<Supplier<SqsClient>> sqs;
    private final Optional<String> rebuildQueueUrl;
    private final Optional<String> failuresBucket;
    private final Supplier<SiteConfig> site;
    private final Clock clock;
    private final ArticleWriteListener writeListener;
    private final EditorPolicy editors;

    private final Lazy<MustachePages> pages;
    private final Lazy<DynamoArticleStore> articleStore;
    private final Lazy<DynamoListingStore> listingStore;
    private final Lazy<S3SiteBucket> siteBucket;

    /** Production: the clients, names and site of this deployment, from its configuration. */
    public Wiring(Config config) {
        this(new Production(config).parts());
    }

    public static Wiring fromEnvironment() {
        return new Wiring(Config.fromEnvironment());
    }

    /**
     * Wiring over clients that exist already (the local servers'), for the local stack, tests and
     * benchmarks. Without further settings: the packaged site config, the system clock, no write
     * listener, the default editor group, no media uploads, no publish schedules, no rebuild queue.
     */
    public static Builder builder(DynamoDbClient dynamoDb, S3Client s3, String tableName, String bucketName) {
        return new Builder(dynamoDb, s3, tableName, bucketName);
    }

    private Wiring(Builder b) {
        this.tableName = Objects.requireNonNull(b.tableName, "tableName");
        this.bucketName = Objects.requireNonNull(b.bucketName, "bucketName");
        this.dynamoDb = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
        this.s3 = Objects.requireNonNull(b.s3, "s3");
        this.uploads = b.uploads;
        this.schedule = b.schedule;
        this.edge = b.edge;
        this.sqs = b.sqs;
        this.rebuildQueueUrl = b.rebuildQueueUrl;
        this.failuresBucket = b.failuresBucket;
        this.site = new Lazy<>(b.site);
        this.clock = b.clock;
        this.writeListener = b.writeListener;
        this.editors = b.editors;
        this.pages = new Lazy<>(b.pages.orElse(() -> new MustachePages(site())));
        this.articleStore = new Lazy<>(() -> new DynamoArticleStore(dynamoDb.get(), tableName, clock, writeListener));
        this.listingStore = new Lazy<>(() -> new DynamoListingStore(dynamoDb.get(), tableName));
        this.siteBucket = new Lazy<>(() -> new S3SiteBucket(s3.get(), bucketName));
    }

    // ---- the functions ----

    /**
     * The HTTP API. The templates are compiled at the first preview and the upload signer (the S3
     * presigner in production) is built at the first media upload: no other route needs them.
     */
    public ArticleApi articleApi() {
        Optional<UploadSigner> signer = uploads.map(lazy -> (upload, validFor) -> lazy.get().signPut(upload, validFor));
        return new ArticleApi(articleStore(), site(), pages, signer, clock, editors);
    }

    /**
     * The change feed of a new publisher function instance: a {@link #publisher()} and the sync of
     * one-time publish schedules.
     */
    public ChangeFeed changeFeed() {
        return new ChangeFeed(publisher(), new ScheduleSync(schedule.get(), clock));
    }

    /**
     * A new publisher (as in another function container) over the shared stores and pages, writing
     * to {@link #siteBucket()}. Its fronts keep what their pages show ({@link MustachePages#frontSizes()}).
     */
    public Publisher publisher() {
        return publisher(siteBucket());
    }

    /** A publisher as {@link #publisher()}, writing to the given bucket (a wrapper of {@link #siteBucket()} that injects faults, say). */
    public Publisher publisher(SiteBucket pagesTo) {
        MustachePages pages = pages();
        return new Publisher(listingStore(), pagesTo, pages, clock, site().sectionSlugs(), pages.frontSizes(),
                edge.get());
    }

    /**
     * Failed stream records brought up to date from the table: what every replay publishes
     * ({@code local/run --replay-dead-letters} and {@link #failedPublishes()}).
     */
    public CurrentImages currentImages() {
        return new CurrentImages(dynamoDb.get(), tableName);
    }

    /**
     * The replay of the batches in the stream mapping's on-failure bucket, through a new
     * {@link #changeFeed()}.
     *
     * @throws IllegalStateException without that bucket ({@code FAILURES_BUCKET} in production)
     */
    public FailedPublishes failedPublishes() {
        String bucket = failuresBucket.orElseThrow(
                () -> new IllegalStateException("missing environment variables: FAILURES_BUCKET"));
        return new FailedPublishes(s3.get(), bucket, currentImages(), changeFeed());
    }

    public SchedulePublisher schedulePublisher() {
        return new SchedulePublisher(articleStore(), clock);
    }

    /**
     * The rebuild fanned out through the rebuild queue, for the rebuild start and worker functions:
     * {@value #REBUILD_UNIT_ARTICLES} articles or listings a unit, uploaded on
     * {@value #REBUILD_THREADS} daemon threads.
     *
     * @throws IllegalStateException without a rebuild queue ({@code REBUILD_QUEUE_URL} in production)
     */
    public RebuildFanOut rebuildFanOut() {
        requireRebuildQueue();
        ExecutorService pool = Executors.newFixedThreadPool(REBUILD_THREADS, task -> {
            Thread thread = new Thread(task, "rebuild-upload");
            thread.setDaemon(true);
            return thread;
        });
        return rebuildFanOut(siteRebuild(REBUILD_UNIT_ARTICLES, pool));
    }

    /** The given rebuild fanned out through the rebuild queue. */
    public RebuildFanOut rebuildFanOut(SiteRebuild rebuild) {
        String queueUrl = requireRebuildQueue();
        return new RebuildFanOut(rebuild, new SqsRebuildQueue(sqs.orElseThrow().get(), queueUrl));
    }

    /** A whole-site rebuild from the stores into {@link #siteBucket()}, {@code unitArticles} a unit. */
    public SiteRebuild siteRebuild(int unitArticles, ExecutorService uploads) {
        return new SiteRebuild(articleStore(), listingStore(), listingStore(), siteBucket(), pages(), clock,
                site().sectionSlugs(), unitArticles, uploads);
    }

    // ---- the parts the functions share ----

    /** The site configuration, with the base URL this deployment serves. */
    public SiteConfig site() {
        return site.get();
    }

    /** The templates of {@link #site()}, compiled at the first call. */
    public MustachePages pages() {
        return pages.get();
    }

    public Clock clock() {
        return clock;
    }

    /** The article store, telling the write listener about every write. */
    public DynamoArticleStore articleStore() {
        return articleStore.get();
    }

    public DynamoListingStore listingStore() {
        return listingStore.get();
    }

    /** The site bucket: the publisher and the rebuild write to it, readers are served from it. */
    public S3SiteBucket siteBucket() {
        return siteBucket.get();
    }

    private String requireRebuildQueue() {
        if (sqs.isEmpty() || rebuildQueueUrl.isEmpty()) {
            throw new IllegalStateException("missing environment variables: REBUILD_QUEUE_URL");
        }
        return rebuildQueueUrl.get();
    }

    /** What the local stack, tests and benchmarks may set besides the clients and names. */
    public static final class Builder {
        private final String tableName;
        private final String bucketName;
        private final Supplier<DynamoDbClient> dynamoDb;
        private final Supplier<S3Client> s3;
        Optional<Supplier<UploadSigner>> uploads = Optional.empty();
        Supplier<PublishSchedule> schedule = () -> PublishSchedule.NONE;
        Supplier<EdgeCache> edge = () -> EdgeCache.NONE;
        Optional<Supplier<SqsClient>> sqs = Optional.empty();
        Optional<String> rebuildQueueUrl = Optional.empty();
        Optional<String> failuresBucket = Optional.empty();
        Supplier<SiteConfig> site = SiteConfig::load;
        private Optional<Supplier<MustachePages>> pages = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private ArticleWriteListener writeListener = ArticleWriteListener.NONE;
        EditorPolicy editors = new EditorPolicy(Config.DEFAULT_EDITOR_GROUP_CLAIM, Config.DEFAULT_EDITOR_GROUP,
                Config.DEFAULT_CONTRIBUTOR_GROUP);

        Builder(Supplier<DynamoDbClient> dynamoDb, Supplier<S3Client> s3, String tableName, String bucketName) {
            this.dynamoDb = dynamoDb;
            this.s3 = s3;
            this.tableName = tableName;
            this.bucketName = bucketName;
        }

        private Builder(DynamoDbClient dynamoDb, S3Client s3, String tableName, String bucketName) {
            this(constant(dynamoDb, "dynamoDb"), constant(s3, "s3"), tableName, bucketName);
        }

        /** The site config (e.g. {@code SiteConfig.load().withBaseUrl(local)}); default: the packaged one. */
        public Builder site(SiteConfig site) {
            this.site = constant(site, "site");
            return this;
        }

        /**
         * Templates compiled already, of the same site config (the local stack compiles them
         * while dynalite starts); default: compiled at the first use.
         */
        public Builder pages(MustachePages pages) {
            this.pages = Optional.of(constant(pages, "pages"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told about every write of the article store (where no DynamoDB stream exists). */
        public Builder writeListener(ArticleWriteListener listener) {
            this.writeListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder editors(EditorPolicy editors) {
            this.editors = Objects.requireNonNull(editors, "editors");
            return this;
        }

        /** Media uploads signed with this presigner for the site bucket; default: no media uploads. */
        public Builder presigner(S3Presigner presigner) {
            Objects.requireNonNull(presigner, "presigner");
            UploadSigner signer = new S3UploadSigner(presigner, bucketName);
            this.uploads = Optional.of(() -> signer);
            return this;
        }

        /** Where one-time publish schedules go; default: none (a periodic sweep publishes). */
        public Builder schedule(PublishSchedule schedule) {
            this.schedule = constant(schedule, "schedule");
            return this;
        }

        /** Where the publisher invalidates the pages a change made stale; default: nowhere (no CDN). */
        public Builder edge(EdgeCache edge) {
            this.edge = constant(edge, "edge");
            return this;
        }

        /** The rebuild queue, for {@link Wiring#rebuildFanOut()}. */
        public Builder rebuildQueue(SqsClient sqs, String queueUrl) {
            this.sqs = Optional.of(constant(sqs, "sqs"));
            this.rebuildQueueUrl = Optional.of(Objects.requireNonNull(queueUrl, "queueUrl"));
            return this;
        }

        /** The stream mapping's on-failure bucket, for {@link Wiring#failedPublishes()}. */
        public Builder failuresBucket(String bucket) {
            this.failuresBucket = Optional.of(Objects.requireNonNull(bucket, "bucket"));
            return this;
        }

        public Wiring build() {
            return new Wiring(this);
        }

        private static <T> Supplier<T> constant(T value, String name) {
            Objects.requireNonNull(value, name);
            return () -> value;
        }
    }
}
