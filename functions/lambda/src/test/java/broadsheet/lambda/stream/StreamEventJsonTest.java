package broadsheet.lambda.stream;

import broadsheet.lambda.ApiGatewayEvents;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream events as Lambda delivers them, read into SDK items, and the partial batch response. */
class StreamEventJsonTest {

    private static StreamEvent fixture(String name) {
        return StreamEventJson.read(ApiGatewayEvents.resource("/events/stream/" + name).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheInsertModifyAndRemoveRecordsOfTheDocumentedExample() {
        List<StreamEvent.Record> records = fixture("aws-documented.json").records();

        assertThat(records).extracting(StreamEvent.Record::eventName).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(records).extracting(StreamEvent.Record::eventId).containsExactly("1", "2", "3");
        assertThat(records).extracting(StreamEvent.Record::sequenceNumber).containsExactly("111", "222", "333");
        assertThat(records).extracting(StreamEvent.Record::keys).containsOnly(Map.of("Id", AttributeValue.fromN("101")));
        StreamEvent.Record insert = records.get(0);
        assertThat(insert.oldImage()).isEmpty();
        assertThat(insert.newImage()).isEqualTo(Map.of("Message", AttributeValue.fromS("New item!"),
                "Id", AttributeValue.fromN("101")));
        assertThat(records.get(1).oldImage()).containsEntry("Message", AttributeValue.fromS("New item!"));
        assertThat(records.get(1).newImage()).containsEntry("Message", AttributeValue.fromS("This item has changed"));
        assertThat(records.get(2).newImage()).isEmpty();
        assertThat(insert.eventSourceArn()).startsWith("arn:aws:dynamodb:us-west-2:111122223333:table/TestTable/stream/");
    }

    @Test
    void readsEveryAttributeType() {
        Map<String, AttributeValue> expected = new LinkedHashMap<>();
        expected.put("pk", AttributeValue.fromS("article#alliance-chief"));
        expected.put("sk", AttributeValue.fromS("article"));
        expected.put("version", AttributeValue.fromN("3"));
        expected.put("hash", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 0xff})));
        expected.put("live", AttributeValue.fromBool(true));
        expected.put("archived", AttributeValue.fromBool(false));
        expected.put("standfirst", AttributeValue.fromNul(true));
        expected.put("tags", AttributeValue.fromSs(List.of("alliance", "russia")));
        expected.put("scores", AttributeValue.fromNs(List.of("1", "2.5")));
        expected.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {7}),
                SdkBytes.fromByteArray(new byte[] {0, 1}))));
        expected.put("image", AttributeValue.fromM(Map.of("src", AttributeValue.fromS("https://img.example/a.jpg"),
                "alt", AttributeValue.fromS("A lectern"))));
        expected.put("authors", AttributeValue.fromL(List.of(AttributeValue.fromS("Maria Lindqvist"),
                AttributeValue.fromS("Tomás Ortega"), AttributeValue.fromN("7"))));
        expected.put("empty", AttributeValue.fromL(List.of()));

        StreamEvent.Record record = fixture("every-attribute-type.json").records().get(0);

        assertThat(record.newImage()).isEqualTo(expected);
        assertThat(record.oldImage()).containsEntry("version", AttributeValue.fromN("2")).hasSize(3);
        assertThat(record.key("pk")).contains("article#alliance-chief");
        assertThat(record.sequenceNumber()).isEqualTo("400000000000000000042");
    }

    @Test
    void readsBackWhatItWrites() {
        for (String name : List.of("aws-documented.json", "every-attribute-type.json", "article-batch.json")) {
            StreamEvent event = fixture(name);

            assertThat(StreamEventJson.read(StreamEventJson.write(event))).as(name).isEqualTo(event);
        }
    }

    @Test
    void aWrittenRecordCarriesTheMembersLambdaSends() {
        String json = new String(StreamEventJson.write(fixture("aws-documented.json")), StandardCharsets.UTF_8);

        assertThat(json).contains("\"eventSource\":\"aws:dynamodb\"", "\"awsRegion\":\"us-west-2\"",
                "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"", "\"SequenceNumber\":\"222\"", "\"Keys\":{\"Id\":{\"N\":\"101\"}}");
    }

    @Test
    void writesThePartialBatchResponseLambdaExpects() {
        byte[] failed = StreamEventJson.writeResponse(new StreamBatchResponse(List.of("222")));
        byte[] none = StreamEventJson.writeResponse(new StreamBatchResponse(List.of()));

        assertThat(new String(failed, StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}");
        assertThat(new String(none, StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(StreamEventJson.readResponse(failed).failedSequenceNumbers()).containsExactly("222");
        assertThat(StreamEventJson.readResponse(new byte[0]).failedSequenceNumbers()).isEmpty();
    }

    @Test
    void refusesAnAttributeValueOfNoKnownType() {
        String json = "{\"Records\":[{\"dynamodb\":{\"NewImage\":{\"a\":{\"X\":\"1\"}},\"SequenceNumber\":\"1\"}}]}";

        assertThatThrownBy(() -> StreamEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X");
    }
}
