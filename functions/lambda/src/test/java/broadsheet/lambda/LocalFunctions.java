package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.core.MovableClock;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.local.servers.LocalAwsExtension;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The functions wired by {@link Wiring} as in production, but over the local servers of
 * {@link LocalAwsExtension} (dynalite and s3proxy) and a movable clock. Where AWS would run the
 * table stream, the article store's write listener records the old and new item of every write;
 * {@link #takeStream()} turns the writes so far into the stream event Lambda would deliver.
 */
final class LocalFunctions {

    record Write(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
    }

    final SiteConfig site = SiteConfig.load();
    final SiteLayout layout = new SiteLayout(site);
    final MovableClock clock;
    final LocalAwsExtension aws;
    final DynamoArticleStore articles;
    final DynamoListingStore listings;
    final S3SiteBucket bucket;
    final Wiring wiring;
    final ApiHandler api;

    private final List<Write> writes = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(1);

    LocalFunctions(LocalAwsExtension aws, Instant start) {
        this.aws = aws;
        this.clock = new MovableClock(start);
        this.wiring = wiring().build();
        this.articles = wiring.articleStore();
        this.listings = wiring.listingStore();
        this.bucket = wiring.siteBucket();
        this.api = new ApiHandler(wiring.articleApi());
    }

    /** A wiring as these functions', to set more on (a presigner, say): same clients, site, clock and listener. */
    Wiring.Builder wiring() {
        return Wiring.builder(aws.dynamoDb(), aws.s3(), aws.tableName(), aws.bucketName())
                .site(site).clock(clock).writeListener(this::written);
    }

    /** A publisher function instance of its own, as in another Lambda container. */
    PublisherHandler publisher() {
        return new PublisherHandler(wiring.changeFeed());
    }

    HttpResponse call(ApiGatewayEvents event) {
        return Invocations.api(api, event);
    }

    private synchronized void written(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        writes.add(new Write(Map.copyOf(oldItem), Map.copyOf(newItem)));
    }

    /** The writes since the last call, in order. */
    synchronized List<Write> takeWrites() {
        List<Write> taken = List.copyOf(writes);
        writes.clear();
        return taken;
    }

    /** The writes since the last call as one stream event. */
    StreamEvent takeStream() {
        return stream(takeWrites());
    }

    StreamEvent stream(List<Write> batch) {
        return StreamEvents.parse(streamJson(batch));
    }

    String streamJson(List<Write> batch) {
        StreamEvents events = new StreamEvents(sequence.getAndAdd(batch.size()));
        batch.forEach(w -> events.record(w.oldItem(), w.newItem()));
        return events.json();
    }

    /**
     * Delivers a batch as Lambda does with partial batch responses: after a failure it delivers
     * the batch again from the lowest reported sequence number, until nothing fails.
     *
     * @return how many deliveries it took
     */
    static int deliver(PublisherHandler handler, StreamEvent event) {
        List<StreamEvent.Record> records = event.records();
        for (int attempt = 1; attempt <= 20; attempt++) {
            StreamBatchResponse response = Invocations.publish(handler, new StreamEvent(records));
            if (response.failedSequenceNumbers().isEmpty()) {
                return attempt;
            }
            BigInteger from = response.failedSequenceNumbers().stream()
                    .map(BigInteger::new).min(BigInteger::compareTo).orElseThrow();
            records = records.stream()
                    .filter(r -> new BigInteger(r.sequenceNumber()).compareTo(from) >= 0)
                    .toList();
        }
        throw new AssertionError("the batch still failed after 20 deliveries");
    }

    List<Map<String, AttributeValue>> scanTable() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = aws.dynamoDb().scan(b -> b.tableName(aws.tableName()).consistentRead(true)
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    List<S3Object> listBucket() {
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(aws.bucketName())).contents().stream().toList();
    }

    String page(String key) {
        return aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucketName()).key(key)).asUtf8String();
    }
}
