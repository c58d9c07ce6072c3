package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.aws.SqsRebuildQueue;
import broadsheet.aws.TableDefinition;
import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.Publisher;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.CheckpointedRebuild;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.rebuild.RebuildStartHandler;
import broadsheet.lambda.rebuild.RebuildWorkerHandler;
import broadsheet.local.servers.ElasticMqServer;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole-site rebuild fanned out through SQS, end to end on the local servers: articles and
 * listings in dynalite (written by the publisher), the start function sending units to a real
 * SQS-compatible server (embedded ElasticMQ), several workers draining it through the worker
 * function's stream handler, pages into s3proxy.
 */
class RebuildFanOutIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perClass(TableDefinition::createTableRequest);

    private static final SiteConfig SITE = SiteConfig.load();
    private static final MustachePages PAGES = new MustachePages(SITE);
    private static final int BATCH = 7;
    private static final int VISIBILITY_SECONDS = 1;
    private static final int MAX_RECEIVES = 4;

    private static final SqsClient sqs = ElasticMqServer.sharedClient();

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void seedTheSite() {
        DynamoArticleStore articles = new DynamoArticleStore(AWS.dynamoDb(), AWS.tableName());
        Publisher publisher = new Publisher(new DynamoListingStore(AWS.dynamoDb(), AWS.tableName()),
                new S3SiteBucket(AWS.s3(), AWS.createBucket()), PAGES, Clock.systemUTC(), SITE.sectionSlugs(),
                FrontSizes.of(SITE));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> sections = SITE.sectionSlugs();
        for (int i = 0; i < 45; i++) {
            Article stored = articles.create(article(sections.get(i % sections.size()), "story-" + i,
                    now.minus(Duration.ofHours(19L * i + 1)), Status.PUBLISHED, i));
            publisher.apply(ArticleChange.created(stored));
        }
        for (Article notLive : List.of(article("world", "a-draft", null, Status.DRAFT, 0),
                article("world", "tomorrow", now.plus(Duration.ofDays(1)), Status.PUBLISHED, 1))) {
            publisher.apply(ArticleChange.created(articles.create(notLive)));
        }
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void fansOutToExactlyThePagesOfTheLocalRebuildAndASecondRunUploadsNothing() throws Exception {
        Map<String, String> expected = localRebuild();
        String bucket = AWS.createBucket();
        CountingBucket counted = new CountingBucket(new S3SiteBucket(AWS.s3(), bucket), Long.MAX_VALUE);
        ElasticMqServer.QueuePair queue = ElasticMqServer.createQueueWithDeadLetters(sqs, "rebuild", VISIBILITY_SECONDS, MAX_RECEIVES);
        RebuildFanOut fanOut = fanOut(counted, queue);

        JsonNode started = start(fanOut, "{\"listingSegments\":3}");
        QueueDrain.Result first = new QueueDrain(sqs, queue.url(), new RebuildWorkerHandler(fanOut)).run(3);

        assertThat(started.get("units").asInt()).isEqualTo(SITE.sectionSlugs().size() + 3 + 1);
        assertThat(started.get("generation").asInt()).isEqualTo(SITE.generation());
        assertThat(first.failures()).isZero();
        assertThat(first.units()).as("starting units plus continuations").isGreaterThan(started.get("units").asInt());
        assertThat(contents(bucket)).isEqualTo(expected);
        assertThat(counted.uploads()).isEqualTo(expected.size());

        start(fanOut, "");
        QueueDrain.Result second = new QueueDrain(sqs, queue.url(), new RebuildWorkerHandler(fanOut)).run(2);

        assertThat(second.failures()).isZero();
        assertThat(second.units()).isGreaterThan(SITE.sectionSlugs().size() + RebuildStartHandler.DEFAULT_LISTING_SEGMENTS + 1);
        assertThat(counted.uploads()).as("uploads of the second rebuild").isEqualTo(expected.size());
        assertThat(contents(bucket)).isEqualTo(expected);
        assertThat(messagesIn(queue.deadLetterUrl())).isZero();
    }

    @Test
    void aRebuildWhoseWorkerFailsMidwayCompletesWhenTheUnitIsReceivedAgain() throws Exception {
        Map<String, String> expected = localRebuild();
        String bucket = AWS.createBucket();
        CountingBucket failingOnce = new CountingBucket(new S3SiteBucket(AWS.s3(), bucket), expected.size() / 2);
        ElasticMqServer.QueuePair queue = ElasticMqServer.createQueueWithDeadLetters(sqs, "rebuild", VISIBILITY_SECONDS, MAX_RECEIVES);
        RebuildFanOut fanOut = fanOut(failingOnce, queue);

        start(fanOut, "{\"listingSegments\":2}");
        QueueDrain.Result result = new QueueDrain(sqs, queue.url(), new RebuildWorkerHandler(fanOut)).run(3);

        assertThat(failingOnce.failed()).isTrue();
        assertThat(result.failures()).isEqualTo(1);
        assertThat(result.redelivered()).isGreaterThanOrEqualTo(1);
        assertThat(contents(bucket)).isEqualTo(expected);
        assertThat(messagesIn(queue.deadLetterUrl())).isZero();
    }

    @Test
    void aMessageThatIsNotAUnitIsReportedAndEndsInTheDeadLetterQueue() throws Exception {
        ElasticMqServer.QueuePair queue = ElasticMqServer.createQueueWithDeadLetters(sqs, "poison", VISIBILITY_SECONDS, 2);
        RebuildFanOut fanOut = fanOut(new CountingBucket(new S3SiteBucket(AWS.s3(), AWS.createBucket()), Long.MAX_VALUE), queue);
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody("{\"unit\":\"everything\"}"));
        new SqsRebuildQueue(sqs, queue.url()).send(List.of(new SiteRebuild.Finish()));

        QueueDrain.Result result = new QueueDrain(sqs, queue.url(), new RebuildWorkerHandler(fanOut)).run(1);

        assertThat(result.failures()).isEqualTo(2);
        assertThat(result.units()).isEqualTo(1);
        assertThat(messagesIn(queue.deadLetterUrl())).isEqualTo(1);
    }

    private RebuildFanOut fanOut(SiteBucket bucket, ElasticMqServer.QueuePair queue) {
        DynamoListingStore listings = new DynamoListingStore(AWS.dynamoDb(), AWS.tableName());
        return new RebuildFanOut(new SiteRebuild(new DynamoArticleStore(AWS.dynamoDb(), AWS.tableName()), listings,
                listings, bucket, PAGES, Clock.systemUTC(), SITE.sectionSlugs(), BATCH, pool),
                new SqsRebuildQueue(sqs, queue.url()));
    }

    /** The pages of the local, one-unit-after-another rebuild into a new bucket. */
    private Map<String, String> localRebuild() {
        String bucket = AWS.createBucket();
        DynamoListingStore listings = new DynamoListingStore(AWS.dynamoDb(), AWS.tableName());
        SiteRebuild rebuild = new SiteRebuild(new DynamoArticleStore(AWS.dynamoDb(), AWS.tableName()), listings, listings,
                new S3SiteBucket(AWS.s3(), bucket), PAGES, Clock.systemUTC(), SITE.sectionSlugs(), BATCH, pool);
        assertThat(new CheckpointedRebuild(rebuild).isFinished(new CheckpointedRebuild(rebuild).run(CheckpointedRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE))).isTrue();
        Map<String, String> pages = contents(bucket);
        assertThat(pages).containsKeys("world/story-0/index.html", "index.html", "404.html")
                .doesNotContainKeys("world/a-draft/index.html", "world/tomorrow/index.html");
        return pages;
    }

    private static JsonNode start(RebuildFanOut fanOut, String input) {
        return Invocations.answer(new RebuildStartHandler(fanOut), input);
    }

    private static int messagesIn(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static Map<String, String> contents(String bucket) {
        S3SiteBucket pages = new S3SiteBucket(AWS.s3(), bucket);
        Map<String, String> contents = new TreeMap<>();
        for (String key : pages.keys("")) {
            SiteBucket.StoredPage page = pages.get(key).orElseThrow();
            contents.put(key, page.contentType() + "\n" + new String(page.body(), StandardCharsets.UTF_8));
        }
        return contents;
    }

    /** When the seeded articles were written, as the editing use case would have stamped them. */
    private static final Instant WRITTEN = Instant.parse("2026-11-01T08:00:00Z");

    private static Article article(String section, String slug, Instant publishAt, Status status, int i) {
        return new Article(section, slug, "Headline of " + slug, "Standfirst of " + slug, "Body of *" + slug + "*.",
                new LeadImage("media/" + slug + ".jpg", "Picture for " + slug, "Caption", "Credit"),
                List.of(i % 3 == 0 ? "Ann Smith" : "Bo Li"), i % 2 == 0 ? List.of("news") : List.of("news", "climate"),
                "Broadsheet", status, publishAt, WRITTEN, WRITTEN, 1);
    }

    /** The real bucket, counting uploads, and throwing once on the {@code failAt}-th put. */
    private static final class CountingBucket implements SiteBucket {
        private final SiteBucket bucket;
        private final long failAt;
        private final AtomicLong puts = new AtomicLong();
        private final AtomicLong uploads = new AtomicLong();

        CountingBucket(SiteBucket bucket, long failAt) {
            this.bucket = bucket;
            this.failAt = failAt;
        }

        @Override
        public boolean put(RenderedPage page, long revision) {
            if (puts.incrementAndGet() == failAt) {
                throw new IllegalStateException("injected failure on " + page.key());
            }
            boolean uploaded = bucket.put(page, revision);
            if (uploaded) {
                uploads.incrementAndGet();
            }
            return uploaded;
        }

        @Override
        public void delete(String key) {
            bucket.delete(key);
        }

        @Override
        public Optional<StoredPage> get(String key) {
            return bucket.get(key);
        }

        @Override
        public List<String> keys(String prefix) {
            return bucket.keys(prefix);
        }

        long uploads() {
            return uploads.get();
        }

        boolean failed() {
            return puts.get() >= failAt;
        }
    }
}
