package broadsheet.local;

import broadsheet.aws.TableDefinition;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Wiring;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.CurrentImages;
import broadsheet.lambda.stream.StreamRecords;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.Dynalite;
import broadsheet.local.servers.LocalCredentials;
import broadsheet.local.servers.S3ProxyServer;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Broadsheet on one machine: dynalite and s3proxy with data under the data directory, the table
 * and bucket created when missing, the same API and publisher handler classes that run in
 * Lambda, a change feed in place of the DynamoDB stream, and one HTTP port serving the API under
 * {@code /api/} and the site everywhere else. {@link #close()} stops all of it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    /** The newsroom's time zone, in which the editor app shows and picks times (beside UTC). */
    static final String NEWSROOM_TIME_ZONE = "Europe/London";

    private final LocalSettings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private LocalHttpServer http;
    private URI dynamoDbEndpoint;
    private DynamoDbClient dynamoDb;
    private CurrentImages currentImages;
    private URI s3Endpoint;
    private SiteBucket bucket;
    private LocalChangeFeed feed;
    private DeadLetters deadLetters;
    private ApiHandler apiHandler;
    private EditorAuthorizer authorizer;
    private LocalIssuer issuer;
    private ApiEvents apiEvents;
    private boolean closed;
    private int resumed;
    private CompletableFuture<String> serverDeath = new CompletableFuture<>();

    private LocalStack(LocalSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure, whatever was started is stopped again before the exception propagates. */
    public static LocalStack start(LocalSettings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        // Bind first: a taken port fails at once, before any server starts.
        http = LocalHttpServer.bind(settings.host(), settings.port());

        // dynalite is a node process that takes a second or two to listen: start it while s3proxy
        // starts and the templates compile in this JVM.
        CompletableFuture<Dynalite> dynaliteStart = CompletableFuture.supplyAsync(
                () -> Dynalite.start(Optional.of(settings.dataDir().resolve("dynamodb"))),
                r -> new Thread(r, "dynalite-start").start());
        resources.add(() -> dynaliteStart.thenAccept(Dynalite::close).exceptionally(e -> null).join());
        // the editor app PUTs media straight to the bucket (presigned), as in AWS: a CORS rule lets it
        S3ProxyServer s3proxy = S3ProxyServer.startFilesystem(settings.dataDir().resolve("s3"),
                List.of(http.baseUrl().toString().replaceAll("/$", "")));
        resources.add(s3proxy);
        // this machine's base URL, so links in rendered pages work locally
        SiteConfig site = SiteConfig.load().withBaseUrl(siteUrl().toString());
        MustachePages pages = new MustachePages(site);
        Dynalite dynalite = join(dynaliteStart);
        dynamoDbEndpoint = dynalite.endpoint();
        s3Endpoint = s3proxy.endpoint();
        serverDeath = CompletableFuture.anyOf(dynalite.died(), s3proxy.died()).thenApply(String.class::cast);

        AwsEndpoints endpoints = LocalCredentials.endpoints(dynalite.endpoint(), s3proxy.endpoint());
        DynamoDbClient dynamoDb = endpoints.dynamoDbClient().build();
        resources.add(dynamoDb);
        this.dynamoDb = dynamoDb;
        S3Client s3 = endpoints.s3Client().build();
        resources.add(s3);

        TableDefinition.createIfMissing(dynamoDb, settings.tableName());
        createBucketIfMissing(s3, settings.bucketName());

        S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(s3proxy.endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        resources.add(presigner);
        // The functions as Lambda runs them, except that the article store's writes go to the
        // local change feed (started below) where AWS would run the table's stream.
        Wiring wiring = Wiring.builder(dynamoDb, s3, settings.tableName(), settings.bucketName())
                .site(site).pages(pages).clock(clock)
                .writeListener((oldItem, newItem) -> feed.submit(oldItem, newItem))
                .editors(new EditorPolicy(settings.editorGroupClaim(), settings.editorGroup()))
                .presigner(presigner)
                .build();
        bucket = wiring.siteBucket();
        currentImages = wiring.currentImages();
        RequestStreamHandler publisherHandler = settings.publisherWrapper()
                .apply(new PublisherHandler(wiring.changeFeed()));

        deadLetters = new DeadLetters(settings.deadLetterFile(), clock);
        feed = new LocalChangeFeed(publisherHandler, new StreamRecords(
                StreamRecords.localStreamArn(LocalCredentials.REGION.id(), settings.tableName()), clock.millis() * 1_000L),
                settings.retry(), deadLetters, 4, 10);
        // A short grace: on Ctrl-C dynalite stops with the JVM, so waiting longer would not publish more;
        // what is left is kept in the dead-letter file and delivered at the next start.
        resources.add(() -> feed.close(Duration.ofSeconds(3)));

        apiHandler = new ApiHandler(wiring.articleApi());
        startScheduler(wiring.schedulePublisher());
        issuer = new LocalIssuer(URI.create(http.baseUrl() + "/oidc"), LocalIssuer.CLIENT_ID,
                List.of(http.baseUrl() + "/admin/"), settings.localUsers(), clock);
        List<EditorAuthorizer.StaticToken> staticTokens = new ArrayList<>(List.of(new EditorAuthorizer.StaticToken(
                settings.editorToken(), EditorAuthorizer.LOCAL_EDITOR, settings.editorGroup())));
        if (settings.contributorToken() != null) {
            staticTokens.add(new EditorAuthorizer.StaticToken(settings.contributorToken(),
                    EditorAuthorizer.LOCAL_CONTRIBUTOR, LocalUsers.CONTRIBUTORS));
        }
        authorizer = new EditorAuthorizer(staticTokens, settings.editorGroupClaim(), Optional.of(JwtAuthorizer.of(
                issuer.issuer(), List.of(issuer.clientId()), issuer.publicKeys(), clock)));
        apiEvents = new ApiEvents("localhost:" + http.port());

        long revision = clock.millis();
        for (RenderedPage page : pages.fixedPages()) {
            bucket.put(page, revision);
        }
        // home's pages (robots.txt among them) before any article: the first home write replaces them
        for (RenderedPage page : pages.listingPages(ListingId.home(), Listing.EMPTY)) {
            bucket.put(page, PageRevision.of(pages.generation(), 0));
        }

        resumed = feed.resume();
        http.serve(Map.of(
                LocalHttpServer.API_PREFIX, new ApiBridge(apiHandler, authorizer, apiEvents, settings.maxBodyBytes(), clock),
                OidcEndpoints.PREFIX, new OidcEndpoints(issuer),
                "/admin", new EditorAppServer(editorAppConfig(site), List.of(s3proxy.endpoint()))), new SiteServer(bucket));
    }

    /**
     * The local scheduler: the due-article sweep every {@link LocalSettings#schedulerInterval()}.
     * It stands in for both the one-time schedules and the five-minute catch-up sweep of AWS, so a
     * scheduled article is published within one interval of its time, and one whose time passed
     * while the stack was stopped at the first sweep after the start. Its writes reach the change
     * feed like any other write. Stopped before the feed, so the feed gets its last writes.
     */
    private void startScheduler(SchedulePublisher scheduler) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.schedulerInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                scheduler.publishDue().forEach(a -> LOG.info("published scheduled article " + a.slug()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "scheduled publishing failed; the next run tries again", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        resources.add(() -> {
            timer.shutdown(); // a sweep under way finishes: its writes still reach the feed
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void createBucketIfMissing(S3Client s3, String bucketName) {
        try {
            s3.headBucket(b -> b.bucket(bucketName));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucketName));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucketName));
        }
    }

    public URI siteUrl() {
        return http.baseUrl();
    }

    public URI apiUrl() {
        return URI.create(http.baseUrl() + "/api/articles");
    }

    public int port() {
        return http.port();
    }

    /** Where dynalite listens: checks that read the table directly (signed with {@code LocalCredentials}). */
    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** Where s3proxy listens: it checks signatures against {@code LocalCredentials}. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** What the editor app reads from {@code /admin/config.json}: where to sign in, the API, the sections. */
    private Map<String, Object> editorAppConfig(SiteConfig site) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("issuer", issuer.issuer());
        config.put("clientId", issuer.clientId());
        config.put("redirectUri", http.baseUrl() + EditorAppServer.PREFIX);
        config.put("api", http.baseUrl() + "/api");
        config.put("editorGroup", settings.editorGroup());
        config.put("timeZone", NEWSROOM_TIME_ZONE);
        config.put("sections", site.sections().stream()
                .map(s -> Map.of("slug", s.slug(), "title", s.title())).toList());
        return config;
    }

    /** The local OpenID Connect issuer ({@code /oidc}) that the editor app signs in with. */
    public LocalIssuer issuer() {
        return issuer;
    }

    public String editorToken() {
        return settings.editorToken();
    }

    public LocalSettings settings() {
        return settings;
    }

    /** The bucket readers are served from. */
    public SiteBucket bucket() {
        return bucket;
    }

    /** How many changes a previous stop had left undelivered, handed to the feed again at this start. */
    public int resumed() {
        return resumed;
    }

    /**
     * Completes, with a sentence naming the server, when dynalite or s3proxy ends without
     * {@link #close()} ending it: the stack cannot work on without it.
     */
    public CompletableFuture<String> serverDeath() {
        return serverDeath;
    }

    public LocalChangeFeed feed() {
        return feed;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Publishes every dead-lettered record again from the article's current state, and again if it
     * changes meanwhile ({@link CurrentImages}); those that fail again stay in the file.
     */
    public DeadLetters.Replay replayDeadLetters() {
        return deadLetters.replay(record -> currentImages.publish(List.of(record),
                records -> records.stream().allMatch(feed::publishNow)));
    }

    /** Loads the sample articles through the API (as the local editor), with their images. */
    public Seed.Result seed() {
        return new Seed(apiHandler, authorizer, apiEvents, bucket, clock).load(editorToken());
    }

    /** Stops the HTTP server, the change feed (what it still holds is dead-lettered), the clients and both servers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The HTTP server first, so no write arrives while the feed drains.
        if (http != null) {
            http.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "while stopping the local stack", e);
            }
        }
    }
}
