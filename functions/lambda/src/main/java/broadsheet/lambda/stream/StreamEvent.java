package broadsheet.lambda.stream;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch of DynamoDB stream records as a table stream ({@code NEW_AND_OLD_IMAGES}) delivers it to
 * the publisher function: the members of the Lambda event that Broadsheet reads, with the item
 * images in the SDK v2 model the table adapters already understand. {@link StreamEventJson} reads
 * and writes the event JSON.
 */
public record StreamEvent(List<Record> records) {

    public StreamEvent {
        records = List.copyOf(records);
    }

    /**
     * One stream record.
     *
     * @param eventId        {@code eventID}
     * @param eventName      {@code INSERT}, {@code MODIFY} or {@code REMOVE}
     * @param eventSourceArn the stream's ARN ({@code eventSourceARN}); empty when unknown
     * @param sequenceNumber {@code dynamodb.SequenceNumber}: what a partial batch response names
     * @param keys           {@code dynamodb.Keys}
     * @param oldImage       {@code dynamodb.OldImage}, empty on INSERT
     * @param newImage       {@code dynamodb.NewImage}, empty on REMOVE
     */
    public record Record(String eventId, String eventName, String eventSourceArn, String sequenceNumber,
                         Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage) {

        public Record {
            eventId = Objects.requireNonNullElse(eventId, "");
            eventName = Objects.requireNonNullElse(eventName, "");
            eventSourceArn = Objects.requireNonNullElse(eventSourceArn, "");
            keys = Map.copyOf(Objects.requireNonNullElse(keys, Map.of()));
            oldImage = Map.copyOf(Objects.requireNonNullElse(oldImage, Map.of()));
            newImage = Map.copyOf(Objects.requireNonNullElse(newImage, Map.of()));
        }

        /** The string value of a key attribute, looked up in the keys, then the new and the old image. */
        public Optional<String> key(String name) {
            for (Map<String, AttributeValue> source : List.of(keys, newImage, oldImage)) {
                AttributeValue value = source.get(name);
                if (value != null && value.s() != null) {
                    return Optional.of(value.s());
                }
            }
            return Optional.empty();
        }
    }
}
