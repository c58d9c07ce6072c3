package broadsheet.lambda.stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream records made outside AWS have the shape and order of the table stream's. */
class StreamRecordsTest {

    private final StreamRecords records = new StreamRecords(StreamRecords.localStreamArn("us-east-1", "broadsheet"),
            1_772_359_200_000_000L);

    private static Map<String, AttributeValue> article(String slug, long version) {
        return Map.of(
                "pk", AttributeValue.fromS("article#" + slug),
                "sk", AttributeValue.fromS("article"),
                "headline", AttributeValue.fromS("Headline " + slug),
                "version", AttributeValue.fromN(Long.toString(version)),
                "authors", AttributeValue.fromL(List.of(AttributeValue.fromS("A. Writer"))),
                "image", AttributeValue.fromM(Map.of("alt", AttributeValue.fromS("alt"), "credit", AttributeValue.fromNul(true))),
                "tags", AttributeValue.fromSs(List.of("nato")),
                "flag", AttributeValue.fromBool(true),
                "blob", AttributeValue.fromB(SdkBytes.fromUtf8String("b")));
    }

    @Test
    void namesTheOperationFromTheImages() {
        assertThat(records.record(null, article("x", 1)).eventName()).isEqualTo("INSERT");
        assertThat(records.record(article("x", 1), article("x", 2)).eventName()).isEqualTo("MODIFY");
        assertThat(records.record(article("x", 2), Map.of()).eventName()).isEqualTo("REMOVE");
        assertThat(records.delivered(null, null)).isEmpty();
        assertThatThrownBy(() -> records.record(Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliversOnlyArticleItemsLikeTheEventSourceFilter() {
        Map<String, AttributeValue> listing = Map.of("pk", AttributeValue.fromS("listing#home"), "sk", AttributeValue.fromS("listing"));
        assertThat(records.delivered(null, listing)).isEmpty();
        assertThat(records.delivered(null, article("x", 1))).hasValueSatisfying(r ->
                assertThat(r.keys()).containsOnlyKeys("pk", "sk"));
    }

    @Test
    void numbersRecordsInIncreasingOrder() {
        String first = records.record(null, article("x", 1)).sequenceNumber();
        String second = records.record(article("x", 1), article("x", 2)).sequenceNumber();
        assertThat(second).hasSameSizeAs(first).hasSize(21).isGreaterThan(first);
    }

    @Test
    void aNewImageRestatesTheOperationAndKeepsTheRecordsPlace() {
        StreamEvent.Record failed = records.record(article("x", 1), article("x", 2));

        StreamEvent.Record now = StreamRecords.withNewImage(failed, article("x", 4)).orElseThrow();
        StreamEvent.Record gone = StreamRecords.withNewImage(failed, Map.of()).orElseThrow();

        assertThat(now.eventName()).isEqualTo("MODIFY");
        assertThat(now.newImage().get("version").n()).isEqualTo("4");
        assertThat(now.sequenceNumber()).isEqualTo(failed.sequenceNumber());
        assertThat(now.eventId()).isEqualTo(failed.eventId());
        assertThat(gone.eventName()).isEqualTo("REMOVE");
        assertThat(gone.oldImage()).isEqualTo(failed.oldImage());
        assertThat(StreamRecords.withNewImage(records.record(null, article("y", 1)), null)).isEmpty();
    }

    @Test
    void theFollowingChangeStartsFromWhatTheRecordPublished() {
        StreamEvent.Record published = records.record(article("x", 1), article("x", 3));
        StreamEvent.Record next = StreamRecords.following(published, article("x", 4)).orElseThrow();
        StreamEvent.Record removed = StreamRecords.following(published, Map.of()).orElseThrow();

        assertThat(next.oldImage()).isEqualTo(article("x", 3));
        assertThat(next.newImage()).isEqualTo(article("x", 4));
        assertThat(next.eventName()).isEqualTo("MODIFY");
        assertThat(next.sequenceNumber()).isEqualTo(published.sequenceNumber());
        assertThat(next.keys()).isEqualTo(published.keys());
        assertThat(removed.eventName()).isEqualTo("REMOVE");
        assertThat(removed.oldImage()).isEqualTo(article("x", 3));
        StreamEvent.Record deleted = records.record(article("x", 3), Map.of());
        assertThat(StreamRecords.following(deleted, Map.of())).isEmpty();
        assertThat(StreamRecords.following(deleted, article("x", 5)).orElseThrow().eventName()).isEqualTo("INSERT");
    }

    @Test
    void serialisesInTheShapeOfARealStreamEvent() {
        StreamEvent.Record record = records.record(article("x", 1), article("x", 2));

        JsonNode json = JsonMapper.builder().build().readTree(StreamEventJson.write(new StreamEvent(List.of(record))));
        JsonNode r = json.get("Records").get(0);
        assertThat(r.get("eventName").asString()).isEqualTo("MODIFY");
        assertThat(r.get("eventSource").asString()).isEqualTo("aws:dynamodb");
        assertThat(r.get("awsRegion").asString()).isEqualTo("us-east-1");
        JsonNode dynamodb = r.get("dynamodb");
        assertThat(dynamodb.get("StreamViewType").asString()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(dynamodb.get("Keys").get("pk").get("S").asString()).isEqualTo("article#x");
        assertThat(dynamodb.get("Keys").get("sk").get("S").asString()).isEqualTo("article");
        assertThat(dynamodb.get("OldImage").get("version").get("N").asString()).isEqualTo("1");
        assertThat(dynamodb.get("NewImage").get("version").get("N").asString()).isEqualTo("2");
        assertThat(dynamodb.get("NewImage").get("authors").get("L").get(0).get("S").asString()).isEqualTo("A. Writer");
        assertThat(dynamodb.get("NewImage").get("image").get("M").get("credit").get("NULL").asBoolean()).isTrue();
        assertThat(dynamodb.get("NewImage").get("tags").get("SS").get(0).asString()).isEqualTo("nato");
        assertThat(dynamodb.get("NewImage").get("flag").get("BOOL").asBoolean()).isTrue();
        assertThat(dynamodb.get("SequenceNumber").asString()).isEqualTo(record.sequenceNumber());
    }
}
