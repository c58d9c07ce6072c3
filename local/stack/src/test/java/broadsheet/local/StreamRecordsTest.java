package broadsheet.local;

import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamRecordsTest {

    private final StreamRecords records = new StreamRecords("broadsheet", "us-east-1",
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

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
        assertThat(records.record(null, article("x", 1)).orElseThrow().eventName()).isEqualTo("INSERT");
        assertThat(records.record(article("x", 1), article("x", 2)).orElseThrow().eventName()).isEqualTo("MODIFY");
        assertThat(records.record(article("x", 2), Map.of()).orElseThrow().eventName()).isEqualTo("REMOVE");
        assertThat(records.record(null, null)).isEmpty();
    }

    @Test
    void deliversOnlyArticleItemsLikeTheEventSourceFilter() {
        Map<String, AttributeValue> listing = Map.of("pk", AttributeValue.fromS("listing#home"), "sk", AttributeValue.fromS("listing"));
        assertThat(records.record(null, listing)).isEmpty();
    }

    @Test
    void numbersRecordsInIncreasingOrder() {
        String first = records.record(null, article("x", 1)).orElseThrow().sequenceNumber();
        String second = records.record(article("x", 1), article("x", 2)).orElseThrow().sequenceNumber();
        assertThat(second).hasSameSizeAs(first).isGreaterThan(first);
    }

    @Test
    void serialisesInTheShapeOfARealStreamEvent() {
        StreamEvent.Record record = records.record(article("x", 1), article("x", 2)).orElseThrow();

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
