package broadsheet.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.OperationType;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the old and new image of one item write into the DynamoDB stream record that AWS would
 * deliver for it (view type NEW_AND_OLD_IMAGES): INSERT, MODIFY or REMOVE, the key attributes,
 * both images as events-library attribute values and an increasing sequence number.
 */
public final class StreamRecords {

    /** The publisher's event source mapping only takes records whose {@code pk} starts with this. */
    public static final String ARTICLE_PREFIX = "article#";

    private final String streamArn;
    private final String region;
    private final Clock clock;
    private final AtomicLong sequence;

    public StreamRecords(String tableName, String region, Clock clock) {
        this.region = region;
        this.clock = clock;
        this.streamArn = "arn:aws:dynamodb:" + region + ":000000000000:table/" + tableName + "/stream/local";
        // Start from the clock so that sequence numbers keep increasing across restarts.
        this.sequence = new AtomicLong(clock.millis() * 1_000L);
    }

    /**
     * The stream record for this write, or empty when there is nothing to deliver: neither image,
     * or an item that is not an article (the production event source mapping filters on {@code pk}).
     */
    public Optional<DynamodbStreamRecord> record(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
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
        OperationType operation = hasOld && hasNew ? OperationType.MODIFY : hasNew ? OperationType.INSERT : OperationType.REMOVE;

        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> keys = new LinkedHashMap<>();
        keys.put("pk", convert(pk));
        if (any.get("sk") != null) {
            keys.put("sk", convert(any.get("sk")));
        }
        StreamRecord dynamodb = new StreamRecord()
                .withApproximateCreationDateTime(Date.from(clock.instant()))
                .withKeys(keys)
                .withSequenceNumber(String.format("%021d", sequence.incrementAndGet()))
                .withSizeBytes(size(oldItem) + size(newItem))
                .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        if (hasOld) {
            dynamodb.setOldImage(convert(oldItem));
        }
        if (hasNew) {
            dynamodb.setNewImage(convert(newItem));
        }
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventSourceARN(streamArn);
        record.setEventID(UUID.randomUUID().toString().replace("-", ""));
        record.setEventName(operation);
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion(region);
        record.setDynamodb(dynamodb);
        return Optional.of(record);
    }

    /** The partition key of a record: records with the same key are delivered in order. */
    public static String partitionKey(DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get("pk").getS();
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> convert(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, convert(value)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(ByteBuffer.wrap(value.b().asByteArray()));
            case SS -> out.setSS(new ArrayList<>(value.ss()));
            case NS -> out.setNS(new ArrayList<>(value.ns()));
            case BS -> out.setBS(value.bs().stream().map(b -> ByteBuffer.wrap(b.asByteArray())).toList());
            case M -> out.setM(convert(value.m()));
            case L -> {
                List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> list = new ArrayList<>();
                value.l().forEach(v -> list.add(convert(v)));
                out.setL(list);
            }
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("unknown attribute type: " + value);
        }
        return out;
    }

    private static long size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().toString().length();
        }
        return size;
    }
}
