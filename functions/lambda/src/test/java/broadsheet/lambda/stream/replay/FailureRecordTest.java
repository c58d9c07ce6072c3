package broadsheet.lambda.stream.replay;

import broadsheet.lambda.ApiGatewayEvents;
import broadsheet.lambda.stream.StreamEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The invocation record Lambda writes to a stream mapping's Amazon S3 on-failure destination, in
 * the documented wire format ("Retain discarded records for a DynamoDB event source in Lambda":
 * the record's fields, with {@code payload} holding the whole failed event; the fixture's payload
 * is the documented DynamoDB stream event).
 */
class FailureRecordTest {

    static final String DOCUMENTED = "/events/stream/s3-on-failure-documented.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static byte[] documented() {
        return ApiGatewayEvents.resource(DOCUMENTED).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheDocumentedS3DestinationRecordWithTheBatchsStreamRecords() {
        FailureRecord failure = FailureRecord.parse(documented());

        assertThat(failure.condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.invokeCount()).isEqualTo(1);
        assertThat(failure.failedAt()).isEqualTo(Instant.parse("2019-11-14T00:13:49.717Z"));
        assertThat(failure.batch()).isEqualTo(new FailureRecord.BatchInfo("shardId-00000001573689847184-864758bb",
                "111", "333", 3, "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388"));
        assertThat(failure.payload().records()).extracting(StreamEvent.Record::eventName)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(failure.payload().records()).extracting(StreamEvent.Record::keys)
                .containsOnly(Map.of("Id", AttributeValue.fromN("101")));
        assertThat(failure.payload().records().get(1).newImage())
                .containsEntry("Message", AttributeValue.fromS("This item has changed"));
    }

    @Test
    void readsAPayloadSentAsAStringHoldingTheEventJson() {
        ObjectNode record = (ObjectNode) JSON.readTree(documented());
        record.put("payload", JSON.writeValueAsString(record.get("payload")));

        FailureRecord failure = FailureRecord.parse(JSON.writeValueAsBytes(record));

        assertThat(failure.payload().records()).hasSize(3);
    }

    @Test
    void refusesTheMetadataOnlyRecordOfAnSqsOrSnsDestination() {
        ObjectNode record = (ObjectNode) JSON.readTree(documented());
        record.remove("payload");

        assertThatThrownBy(() -> FailureRecord.parse(JSON.writeValueAsBytes(record)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no payload")
                .hasMessageContaining("Amazon S3");
    }

    @Test
    void refusesWhatIsNotTheRecordOfAStreamBatch() {
        assertThatThrownBy(() -> FailureRecord.parse("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DDBStreamBatchInfo");
        assertThatThrownBy(() -> FailureRecord.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    }
}
