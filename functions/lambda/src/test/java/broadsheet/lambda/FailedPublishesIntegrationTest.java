package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.WatchedBucket;
import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.stream.replay.FailedPublishes;
import broadsheet.lambda.stream.replay.ReplayHandler;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay function against the local servers, playing Lambda's part: a stream batch the
 * publisher gave up on is written to the on-failure bucket as Lambda writes it to an Amazon S3
 * destination (the documented invocation record, {@code payload} holding the batch's records, key
 * {@code aws/lambda/<mapping UUID>/<shard>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<UUID>}), then the
 * replay publishes it from the articles' current state.
 */
class FailedPublishesIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHARD = "shardId-00000001732000000000-0a1b2c3d";

    private static String article(String slug, String headline) {
        return ApiGatewayEvents.worldArticle(Map.of("slug", slug, "headline", headline));
    }

    /** The invocation record Lambda writes for a discarded batch: the documented one around {@code streamJson}. */
    private static byte[] failureObject(String streamJson) {
        ObjectNode record = (ObjectNode) JSON.readTree(ApiGatewayEvents.resource("/events/stream/s3-on-failure-documented.json"));
        JsonNode payload = JSON.readTree(streamJson);
        JsonNode records = payload.get("Records");
        ObjectNode info = (ObjectNode) record.get("DDBStreamBatchInfo");
        info.put("startSequenceNumber", records.get(0).get("dynamodb").get("SequenceNumber").asString());
        info.put("endSequenceNumber", records.get(records.size() - 1).get("dynamodb").get("SequenceNumber").asString());
        info.put("batchSize", records.size());
        record.set("payload", payload);
        return JSON.writeValueAsBytes(record);
    }

    private static String put(String bucket, String time, byte[] object) {
        String key = "aws/lambda/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/" + SHARD + "/2026/11/29/2026-11-29T" + time
                + "-" + java.util.UUID.nameUUIDFromBytes(object);
        AWS.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(object));
        return key;
    }

    private static JsonNode replay(LocalFunctions functions, String bucket) {
        ReplayHandler handler = new ReplayHandler(functions.wiring().failuresBucket(bucket).build().failedPublishes());
        return Invocations.answer(handler, "{}");
    }

    private static List<String> keys(String bucket) {
        return AWS.s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void aDiscardedBatchIsPublishedFromTheArticlesCurrentStateAndItsObjectDeleted() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        String failures = AWS.createBucket();
        functions.call(fixture("post-article.json").body(article("first-story", "First story as written")));
        functions.clock.advance(Duration.ofMinutes(5));
        functions.call(fixture("post-article.json").body(article("second-story", "Second story as written")));
        // the batch of both writes is discarded: nothing of it reached the bucket
        String discarded = functions.streamJson(functions.takeWrites());
        functions.clock.advance(Duration.ofMinutes(5));
        assertThat(functions.call(fixture("put-article.json").path("/api/articles/second-story")
                .header("if-match", "\"1\"").body(article("second-story", "Second story corrected"))).status())
                .isEqualTo(200);
        functions.takeWrites();
        String key = put(failures, "12.10.00", failureObject(discarded));

        JsonNode outcome = replay(functions, failures);

        assertThat(outcome.get("objects").asInt()).isEqualTo(1);
        assertThat(outcome.get("republished").asInt()).isEqualTo(1);
        assertThat(outcome.get("remaining")).isEmpty();
        assertThat(functions.page("world/first-story/index.html")).contains("First story as written");
        assertThat(functions.page("world/second-story/index.html")).contains("Second story corrected")
                .doesNotContain("Second story as written");
        assertThat(functions.page("world/index.html")).contains("/world/first-story/", "/world/second-story/");
        assertThat(keys(failures)).doesNotContain(key).isEmpty();
    }

    @Test
    void anArticleUnpublishedWhileTheReplayPublishesItStaysOffTheSite() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        String failures = AWS.createBucket();
        functions.call(fixture("post-article.json").body(article("first-story", "First story")));
        put(failures, "12.10.00", failureObject(functions.streamJson(functions.takeWrites())));
        functions.clock.advance(Duration.ofMinutes(5));
        // the replay has read first-story as published; before it uploads the page, an editor
        // unpublishes it and the stream's publish of that change runs to the end
        Runnable unpublish = () -> {
            assertThat(functions.call(fixture("put-article.json").path("/api/articles/first-story")
                    .header("if-match", "\"1\"").body(ApiGatewayEvents.worldArticle(
                            Map.of("slug", "first-story", "headline", "First story", "status", "draft")))).status())
                    .isEqualTo(200);
            assertThat(LocalFunctions.deliver(functions.publisher(), functions.takeStream())).isEqualTo(1);
        };
        Wiring wiring = functions.wiring().build();
        SiteBucket racing = WatchedBucket.onceBefore(wiring.siteBucket(), "world/first-story/index.html", unpublish);
        FailedPublishes replay = new FailedPublishes(AWS.s3(), failures, wiring.currentImages(),
                new ChangeFeed(wiring.publisher(racing)));

        FailedPublishes.Outcome outcome = replay.replay();

        assertThat(outcome.republished()).isEqualTo(1);
        assertThat(keys(failures)).isEmpty();
        assertThat(functions.listBucket()).extracting(S3Object::key).doesNotContain("world/first-story/index.html");
        assertThat(functions.page("world/index.html")).doesNotContain("/world/first-story/");
        assertThat(functions.page("index.html")).doesNotContain("/world/first-story/");
    }

    @Test
    void replayingAgainFindsNothingAndRewritesNothing() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        String failures = AWS.createBucket();
        functions.call(fixture("post-article.json").body(article("first-story", "First story")));
        put(failures, "12.10.00", failureObject(functions.streamJson(functions.takeWrites())));
        replay(functions, failures);
        long puts = functions.bucket.putCount();

        JsonNode again = replay(functions, failures);

        assertThat(again.get("objects").asInt()).isZero();
        assertThat(functions.bucket.putCount()).isEqualTo(puts);
    }

    @Test
    void aBatchThatFailsAgainOrCannotBeReadIsKeptForTheNextReplay() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        String failures = AWS.createBucket();
        functions.call(fixture("post-article.json").body(article("first-story", "First story")));
        List<LocalFunctions.Write> writes = new ArrayList<>(functions.takeWrites());
        // an item in the table the publisher cannot read: every publish of it fails
        Map<String, AttributeValue> poisoned = new LinkedHashMap<>(writes.get(0).newItem());
        poisoned.put("version", AttributeValue.fromN("1.5"));
        AWS.dynamoDb().putItem(b -> b.tableName(AWS.tableName()).item(poisoned));
        String failsAgain = put(failures, "12.10.00", failureObject(functions.streamJson(writes)));
        ObjectNode metadataOnly = (ObjectNode) JSON.readTree(failureObject(functions.streamJson(writes)));
        metadataOnly.remove("payload");
        String unreadable = put(failures, "12.11.00", JSON.writeValueAsBytes(metadataOnly));

        JsonNode outcome = replay(functions, failures);

        assertThat(outcome.get("objects").asInt()).isEqualTo(2);
        assertThat(outcome.get("republished").asInt()).isZero();
        assertThat(outcome.get("remaining").values()).extracting(JsonNode::asString)
                .containsExactly(failsAgain, unreadable);
        assertThat(keys(failures)).containsExactly(failsAgain, unreadable);
        assertThat(functions.listBucket()).extracting(S3Object::key).doesNotContain("world/first-story/index.html");
    }
}
