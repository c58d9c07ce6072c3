package broadsheet.bench;

import broadsheet.lambda.stream.StreamEvent;
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

    static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/bench/stream/2026-11-01T00:00:00.000";

    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);

    StreamEvent event(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        boolean hasOld = oldItem != null && !oldItem.isEmpty();
        boolean hasNew = newItem != null && !newItem.isEmpty();
        Map<String, AttributeValue> any = hasNew ? newItem : oldItem;
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("pk", any.get("pk"));
        keys.put("sk", any.get("sk"));
        long number = sequence.getAndIncrement();
        return new StreamEvent(List.of(new StreamEvent.Record(String.format("%032x", number),
                hasOld && hasNew ? "MODIFY" : hasNew ? "INSERT" : "REMOVE", STREAM_ARN, String.format("%021d", number),
                keys, hasOld ? oldItem : Map.of(), hasNew ? newItem : Map.of())));
    }
}
