package broadsheet.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DynamoDB stream event of one article write, built from the item before and after it (as
 * {@link broadsheet.aws.ArticleWriteListener} reports them): what the table's stream would hand
 * the publisher function, without the stream's delivery delay.
 */
final class StreamRecords {

    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);

    DynamodbEvent event(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        boolean hasOld = oldItem != null && !oldItem.isEmpty();
        boolean hasNew = newItem != null && !newItem.isEmpty();
        Map<String, AttributeValue> any = hasNew ? newItem : oldItem;
        StreamRecord stream = new StreamRecord();
        stream.setKeys(image(Map.of("pk", any.get("pk"), "sk", any.get("sk"))));
        if (hasNew) {
            stream.setNewImage(image(newItem));
        }
        if (hasOld) {
            stream.setOldImage(image(oldItem));
        }
        stream.setSequenceNumber(String.format("%021d", sequence.getAndIncrement()));
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(hasOld && hasNew ? "MODIFY" : hasNew ? "INSERT" : "REMOVE");
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image =
                new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, value(value)));
        return image;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case M -> out.setM(image(v.m()));
            case L -> out.setL(v.l().stream().map(StreamRecords::value).toList());
            default -> throw new IllegalArgumentException("attribute type " + v.type() + " is not used by articles");
        }
        return out;
    }
}
