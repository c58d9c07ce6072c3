package broadsheet.local;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.TableDefinition;
import broadsheet.core.publish.Pages;
import broadsheet.core.publish.Publisher;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.ApiHandler;
import broadsheet.lambda.ArticleApi;
import broadsheet.lambda.EditorPolicy;
import broadsheet.lambda.PublisherHandler;
import broadsheet.local.servers.Dynalite;
import broadsheet.local.servers.LocalCredentials;
import broadsheet.local.servers.S3ProxyServer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    private final LocalSettings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private LocalHttpServer http;
    private SiteBucket bucket;
    private ChangeFeed feed;
    private DeadLetters deadLetters;
    private ApiHandler apiHandler;
    private EditorAuthorizer authorizer;
    private ApiEvents apiEvents;
    private boolean closed;
    private int resumed;

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
        S3ProxyServer s3proxy = S3ProxyServer.startFilesystem(settings.dataDir().resolve("s3"));
        resources.add(s3proxy);
        SiteConfig site = localSite(SiteConfig.load(), siteUrl());
        Pages pages = new MustachePages(site);
        Dynalite dynalite = join(dynaliteStart);

        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        resources.add(dynamoDb);
        S3Client s3 = S3Client.builder()
                .endpointOverride(s3proxy.endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        resources.add(s3);

        TableDefinition.createIfMissing(dynamoDb, settings.tableName());
        createBucketIfMissing(s3, settings.bucketName());

        bucket = new S3SiteBucket(s3, settings.bucketName());
        Publisher publisher = new Publisher(new DynamoListingStore(dynamoDb, settings.tableName()), bucket, pages,
                clock, site.sectionSlugs());
        RequestHandler<DynamodbEvent, StreamsEventResponse> publisherHandler = settings.publisherWrapper()
                .apply(new PublisherHandler(new broadsheet.lambda.ChangeFeed(publisher)));

        deadLetters = new DeadLetters(settings.deadLetterFile(), clock);
        feed = new ChangeFeed(publisherHandler, new StreamRecords(settings.tableName(), LocalCredentials.REGION.id(), clock),
                settings.retry(), deadLetters, 4, 10);
        // A short grace: on Ctrl-C dynalite stops with the JVM, so waiting longer would not publish more;
        // what is left is kept in the dead-letter file and delivered at the next start.
        resources.add(() -> feed.close(Duration.ofSeconds(3)));

        DynamoArticleStore articles = new DynamoArticleStore(dynamoDb, settings.tableName(), clock, feed::submit);
        apiHandler = new ApiHandler(new ArticleApi(articles, site, clock,
                new EditorPolicy(settings.editorGroupClaim(), settings.editorGroup())));
        authorizer = new EditorAuthorizer(settings.editorToken(), settings.editorGroupClaim(), settings.editorGroup());
        apiEvents = new ApiEvents("localhost:" + http.port());

        long revision = clock.millis();
        for (RenderedPage page : pages.fixedPages()) {
            bucket.put(page, revision);
        }

        resumed = feed.resume();
        http.serve(new ApiBridge(apiHandler, authorizer, apiEvents, settings.maxBodyBytes(), clock), new SiteServer(bucket));
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

    /** The site config with the base URL of this machine, so links in rendered pages work locally. */
    static SiteConfig localSite(SiteConfig site, URI baseUrl) {
        return new SiteConfig(site.name(), site.description(), baseUrl.toString(), site.language(), site.sections(),
                site.pageSize(), site.feedSize());
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

    public ChangeFeed feed() {
        return feed;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Publishes every dead-lettered record again; those that fail again stay in the file. */
    public DeadLetters.Replay replayDeadLetters() {
        return deadLetters.replay(feed::publishNow);
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
