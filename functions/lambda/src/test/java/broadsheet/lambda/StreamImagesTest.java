package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream images, as the Lambda serializer reads them, convert back to the SDK items that were written. */
class StreamImagesTest {

    @Test
    void convertsEveryAttributeTypeBackToTheWrittenItem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("article#alliance-chief"));
        item.put("sk", AttributeValue.fromS("article"));
        item.put("version", AttributeValue.fromN("3"));
        item.put("hash", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 0xff})));
        item.put("live", AttributeValue.fromBool(true));
        item.put("standfirst", AttributeValue.fromNul(true));
        item.put("tags", AttributeValue.fromSs(List.of("alliance", "russia")));
        item.put("scores", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {7}))));
        item.put("image", AttributeValue.fromM(Map.of("src", AttributeValue.fromS("https://img.example/a.jpg"),
                "alt", AttributeValue.fromS("A lectern"))));
        item.put("authors", AttributeValue.fromL(List.of(AttributeValue.fromS("Maria Lindqvist"),
                AttributeValue.fromS("Tomás Ortega"))));
        item.put("empty", AttributeValue.fromL(List.of()));

        DynamodbEvent event = new StreamEvents(1).record(Map.of(), item).event();

        assertThat(StreamImages.toSdk(event.getRecords().get(0).getDynamodb().getNewImage())).isEqualTo(item);
        assertThat(event.getRecords().get(0).getEventName()).isEqualTo("INSERT");
        assertThat(event.getRecords().get(0).getDynamodb().getSequenceNumber()).isEqualTo(StreamEvents.sequenceNumber(1));
        assertThat(event.getRecords().get(0).getDynamodb().getOldImage()).isNullOrEmpty();
    }
}
