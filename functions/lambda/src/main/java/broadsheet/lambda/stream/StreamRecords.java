package broadsheet.lambda.stream;

import broadsheet.aws.ArticleItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the DynamoDB stream record (view type {@code NEW_AND_OLD_IMAGES}) that AWS delivers for
 * one item write, from the item before and after it (as {@link broadsheet.aws.ArticleWriteListener}
 * reports them): {@code INSERT}, {@code MODIFY} or {@code REMOVE}, the key attributes, both images
 * and increasing sequence numbers. The one place that builds stream records outside AWS: the local
 * stack's change feed and its dead-letter replay, the benchmarks and the tests all use it.
 * Thread-safe.
 */
public final class StreamRecords {

    /** The publisher's event source mapping only takes records whose {@code pk} starts with this. */
    public static final String ARTICLE_PREFIX = ArticleItems.PK_PREFIX;

    private final String streamArn;
    private final AtomicLong sequence;

    /**
     * @param streamArn           the stream's ARN, named in every record
     * @param firstSequenceNumber the first record's sequence number; the next ones count up from it
     */
    public StreamRecords(String streamArn, long firstSequenceNumber) {
        this.streamArn = streamArn;
        this.sequence = new AtomicLong(firstSequenceNumber);
    }

    /** The ARN of a table's stream in the local stack (account {@code 000000000000}, label {@code local}). */
    public static String localStreamArn(String region, String tableName) {
        return "arn:aws:dynamodb:" + region + ":000000000000:table/" + tableName + "/stream/local";
    }

    /**
     * The record of one write: old image empty (or null) on insert, new image empty on remove.
     *
     * @throws IllegalArgumentException when both images are empty
     */
    public StreamEvent.Record record(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        Map<String, AttributeValue> before = oldItem == null ? Map.of() : oldItem;
        Map<String, AttributeValue> after = newItem == null ? Map.of() : newItem;
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a stream record needs an old or a new image");
        }
        Map<String, AttributeValue> any = after.isEmpty() ? before : after;
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        for (String name : new String[] {"pk", "sk"}) {
            if (any.get(name) != null) {
                keys.put(name, any.get(name));
            }
        }
        long number = sequence.getAndIncrement();
        return new StreamEvent.Record(String.format("%032x", number), eventName(before, after), streamArn,
                String.format("%021d", number), keys, before, after);
    }

    /**
     * The record as the publisher's event source mapping delivers it: empty when there is
     * nothing to deliver (neither image) or the item is not an article (its filter on {@code pk}).
     */
    public Optional<StreamEvent.Record> delivered(Map<String, AttributeValue> oldItem,
                                                  Map<String, AttributeValue> newItem) {
        boolean hasOld = oldItem != null && !oldItem.isEmpty();
        boolean hasNew = newItem != null && !newItem.isEmpty();
        if (!hasOld && !hasNew) {
            return Optional.empty();
        }
        AttributeValue pk = (hasNew ? newItem : oldItem).get("pk");
        if (pk == null || pk.s() == null || !pk.s().startsWith(ARTICLE_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(record(oldItem, newItem));
    }

    /** A one-record stream event of one write. */
    public StreamEvent event(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        return new StreamEvent(List.of(record(oldItem, newItem)));
    }

    /**
     * A record with its new image replaced (the item as the table holds it now; empty when it is
     * gone), its operation named again from the images; its id, sequence number, keys and old
     * image stay. Empty when neither image is left.
     */
    public static Optional<StreamEvent.Record> withNewImage(StreamEvent.Record record,
                                                            Map<String, AttributeValue> newItem) {
        Map<String, AttributeValue> after = newItem == null ? Map.of() : newItem;
        if (record.oldImage().isEmpty() && after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StreamEvent.Record(record.eventId(), eventName(record.oldImage(), after),
                record.eventSourceArn(), record.sequenceNumber(), record.keys(), record.oldImage(), after));
    }

    /**
     * The record of the change that followed a record: from its new image to {@code newItem} (the
     * item as the table holds it now; empty when it is gone), with its id, sequence number and keys.
     * Empty when neither image is left.
     */
    public static Optional<StreamEvent.Record> following(StreamEvent.Record record,
                                                         Map<String, AttributeValue> newItem) {
        return withNewImage(new StreamEvent.Record(record.eventId(), record.eventName(), record.eventSourceArn(),
                record.sequenceNumber(), record.keys(), record.newImage(), Map.of()), newItem);
    }

    /** The partition key of a record: records with the same key are delivered in order. */
    public static String partitionKey(StreamEvent.Record record) {
        return record.key("pk").orElse("");
    }

    private static String eventName(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        return before.isEmpty() ? "INSERT" : after.isEmpty() ? "REMOVE" : "MODIFY";
    }
}
