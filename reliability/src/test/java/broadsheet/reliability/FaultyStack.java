package broadsheet.reliability;

import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.TableDefinition;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamRecords;
import broadsheet.lambda.Wiring;
import broadsheet.local.ApiBridge;
import broadsheet.local.ApiEvents;
import broadsheet.local.LocalChangeFeed;
import broadsheet.local.DeadLetters;
import broadsheet.local.EditorAuthorizer;
import broadsheet.local.LocalHttpServer;
import broadsheet.local.LocalSettings;
import broadsheet.local.RetryPolicy;
import broadsheet.local.SiteServer;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.Dynalite;
import broadsheet.local.servers.LocalCredentials;
import broadsheet.local.servers.S3ProxyServer;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEventJson;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local stack wired as {@code LocalStack} wires it (same data layout, table, bucket, handler
 * classes, change feed, dead-letter file), with the faults a test needs between the parts: a
 * {@link TcpProxy} in front of s3proxy and of dynalite, so either can be stopped and started
 * again while clients keep their endpoint, and a {@link FlakyBucket} under the publisher. After
 * {@link #close()} the data folder is one {@code local/run --data DIR} can start on, and the
 * dead-letter file is the one {@code local/run --replay-dead-letters} replays.
 */
final class FaultyStack implements AutoCloseable {

    /** A fault injected while editors work. */
    interface Fault {
        void inject(FaultyStack stack);
    }

    final Path dataDir;
    final LocalSettings settings;
    final FlakyBucket flaky;
    final LocalChangeFeed feed;
    final DeadLetters deadLetters;
    final ConvergenceChecker checker;
    final Api api;
    final SiteConfig site;
    private final LocalHttpServer http;
    private final TcpProxy dynamoProxy;
    private final TcpProxy s3Proxy;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    /** Deliveries of the change feed in which the publisher reported a failed record. */
    final AtomicLong failedDeliveries = new AtomicLong();
    private Dynalite dynalite;
    private S3ProxyServer s3proxy;

    FaultyStack(Path dataDir, double failureRate, RetryPolicy retry) {
        this.dataDir = dataDir;
        this.settings = LocalSettings.of(dataDir, 0, RunningStack.TOKEN).withRetry(retry);
        Clock clock = Clock.systemUTC();
        try {
            http = LocalHttpServer.bind("127.0.0.1", 0);
            dynalite = Dynalite.start(Optional.of(dataDir.resolve("dynamodb")));
            s3proxy = S3ProxyServer.startFilesystem(dataDir.resolve("s3"));
            dynamoProxy = new TcpProxy(dynalite.endpoint());
            s3Proxy = new TcpProxy(s3proxy.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClientOverrideConfiguration timeouts = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .apiCallTimeout(Duration.ofSeconds(20))
                .build();
        AwsEndpoints endpoints = LocalCredentials.endpoints(dynamoProxy.endpoint(), s3Proxy.endpoint());
        dynamoDb = endpoints.dynamoDbClient().overrideConfiguration(timeouts).build();
        s3 = endpoints.s3Client().overrideConfiguration(timeouts).build();
        TableDefinition.createIfMissing(dynamoDb, settings.tableName());
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(settings.bucketName()))) {
            s3.createBucket(b -> b.bucket(settings.bucketName()));
        }

        site = SiteConfig.load().withBaseUrl(http.baseUrl().toString());
        Wiring wiring = Wiring.builder(dynamoDb, s3, settings.tableName(), settings.bucketName())
                .site(site).clock(clock)
                .writeListener(this::submitToFeed)
                .editors(new EditorPolicy(settings.editorGroupClaim(), settings.editorGroup()))
                .build();
        MustachePages pages = wiring.pages();
        S3SiteBucket bucket = wiring.siteBucket();
        // The publisher writes through a flaky bucket; readers, fixed pages and the checker use the bucket itself.
        flaky = new FlakyBucket(bucket, failureRate, 8);
        Publisher publisher = wiring.publisher(flaky);
        deadLetters = new DeadLetters(settings.deadLetterFile(), clock);
        PublisherHandler handler = new PublisherHandler(new ChangeFeed(publisher));
        feed = new LocalChangeFeed((event, response, context) -> {
                    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                    handler.handleRequest(event, answer, context);
                    StreamBatchResponse batch = StreamEventJson.readResponse(answer.toByteArray());
                    if (!batch.failedSequenceNumbers().isEmpty()) {
                        failedDeliveries.incrementAndGet();
                    }
                    answer.writeTo(response);
                },
                new StreamRecords(StreamRecords.localStreamArn(LocalCredentials.REGION.id(),
                        settings.tableName()), clock.millis() * 1_000L), retry, deadLetters, 4, 10);
        ApiHandler apiHandler = new ApiHandler(wiring.articleApi());
        for (RenderedPage page : pages.fixedPages()) {
            bucket.put(page, clock.millis());
        }
        for (RenderedPage page : pages.listingPages(broadsheet.core.listing.ListingId.home(),
                broadsheet.core.listing.Listing.EMPTY)) {
            bucket.put(page, broadsheet.core.render.PageRevision.of(pages.generation(), 0));
        }
        http.serve(new ApiBridge(apiHandler, new EditorAuthorizer(RunningStack.TOKEN, settings.editorGroupClaim(),
                        settings.editorGroup()), new ApiEvents("localhost:" + http.port()), settings.maxBodyBytes(), clock),
                new SiteServer(bucket));
        checker = new ConvergenceChecker(dynamoDb, settings.tableName(), bucket, pages, site.sectionSlugs());
        api = new Api(http.baseUrl(), RunningStack.TOKEN);
    }

    /** The article store's writes go to the change feed, as a table stream would carry them. */
    private void submitToFeed(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        feed.submit(oldItem, newItem);
    }

    int port() {
        return http.port();
    }

    /** Stops s3proxy: its port is closed, and the proxy in front cuts every open connection. */
    void stopS3() {
        s3proxy.close();
        s3Proxy.cutAll();
    }

    /** Starts s3proxy again on the same files (on a new port, behind the same proxy). */
    void startS3() {
        s3proxy = S3ProxyServer.startFilesystem(dataDir.resolve("s3"));
        s3Proxy.retarget(s3proxy.endpoint());
    }

    /** Kills dynalite; {@link #startDynalite()} starts it again on the same data folder. */
    void stopDynalite() {
        dynalite.close();
        dynamoProxy.cutAll();
    }

    void startDynalite() {
        dynalite = Dynalite.start(Optional.of(dataDir.resolve("dynamodb")));
        dynamoProxy.retarget(dynalite.endpoint());
    }

    ConvergenceChecker.Report settleAndCheck(boolean countIntoSummary) throws InterruptedException {
        if (!feed.awaitSettled(Duration.ofSeconds(180))) {
            throw new AssertionError("the change feed did not settle: " + feed.pending() + " pending");
        }
        ConvergenceChecker.Report report = checker.check(Instant.now());
        if (countIntoSummary) {
            SuiteSummary.SUITE.checked(report);
        }
        return report;
    }

    @Override
    public void close() {
        http.close();
        feed.close(Duration.ofSeconds(30));
        dynamoDb.close();
        s3.close();
        try {
            dynamoProxy.close();
            s3Proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dynalite.close();
        s3proxy.close();
    }
}
