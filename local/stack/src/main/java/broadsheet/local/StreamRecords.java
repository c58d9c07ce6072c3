package broadsheet.local;

import broadsheet.lambda.stream.StreamEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the old and new image of one item write into the DynamoDB stream record that AWS would
 * deliver for it (view type NEW_AND_OLD_IMAGES): INSERT, MODIFY or REMOVE, the key attributes,
 * both images and an increasing sequence number.
 */
public final class StreamRecords {

    /** The publisher's event source mapping only takes records whose {@code pk} starts with this. */
    public static final String ARTICLE_PREFIX = "article#";

    private final String streamArn;
    private final AtomicLong sequence;

    public StreamRecords(String tableName, String region, Clock clock) {
        this.streamArn = "arn:aws:dynamodb:" + region + ":000000000000:table/" + tableName + "/stream/local";
        // Start from the clock so that sequence numbers keep increasing across restarts.
        this.sequence = new AtomicLong(clock.millis() * 1_000L);
    }

    /**
     * The stream record for this write, or empty when there is nothing to deliver: neither image,
     * or an item that is not an article (the production event source mapping filters on {@code pk}).
     */
    public Optional<StreamEvent.Record> record(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        boolean hasOld = oldItem != null && !oldItem.isEmpty();
        boolean hasNew = newItem != null && !newItem.isEmpty();
        if (!hasOld && !hasNew) {
            return Optional.empty();
        }
        Map<String, AttributeValue> any = hasNew ? newItem : oldItem;
        AttributeValue pk = any.get("pk");
        if (pk == null || pk.s() == null || !pk.s().startsWith(ARTICLE_PREFIX)) {
            return Optional.empty();
        }
        String operation = hasOld && hasNew ? "MODIFY" : hasNew ? "INSERT" : "REMOVE";
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("pk", pk);
        if (any.get("sk") != null) {
            keys.put("sk", any.get("sk"));
        }
        return Optional.of(new StreamEvent.Record(UUID.randomUUID().toString().replace("-", ""), operation, streamArn,
                String.format("%021d", sequence.incrementAndGet()), keys, hasOld ? oldItem : Map.of(),
                hasNew ? newItem : Map.of()));
    }

    /** The partition key of a record: records with the same key are delivered in order. */
    public static String partitionKey(StreamEvent.Record record) {
        return record.key("pk").orElse("");
    }
}
