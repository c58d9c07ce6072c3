package broadsheet.lambda.stream;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Publishes stream records that failed, from the articles' current state. Each record's new image
 * is replaced by the article as the table holds it now (a strongly consistent read by the
 * record's keys), a {@code REMOVE} when the article is gone. Later changes of the article may have
 * been published since the record failed, and listing entries carry no version: publishing the
 * stale new image would list the article again where it was, after it had been moved,
 * unpublished or deleted. The old image is kept, so whatever the failed change should have
 * removed is still removed.
 *
 * <p>A change can also land while the replay publishes: an editor unpublishes the article after
 * the replay read it, and the stream's publish of that runs before the replay's writes, which
 * then put the page and the listing entries back (a delete leaves no revision to refuse them).
 * So after publishing, every article is read again; one that no longer reads as published is
 * published again, from what was just published to what the table holds now, until a read finds
 * what was published. A change after that read is the stream's to publish, and it publishes
 * after the replay's writes.
 *
 * <p>The one path every replay takes: {@code local/run --replay-dead-letters} (the local stack's
 * dead-letter file) and the replay of the AWS on-failure destination
 * ({@link broadsheet.lambda.stream.replay.FailedPublishes}).
 */
public final class CurrentImages {

    /** Publishes of an article that keeps changing under the replay, before its record is left for the next replay. */
    static final int ROUNDS = 5;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public CurrentImages(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Publishes the failed records from the articles' current state through {@code publish}
     * (true when every record of the list it is given published), then again for every article
     * that changed meanwhile, as described above.
     *
     * @return true when everything published and every article read back as published; false
     *         when a publish failed or an article still changed after {@value #ROUNDS} publishes
     *         (the records are then kept for the next replay, which starts again from the table)
     */
    public boolean publish(List<StreamEvent.Record> failed, Predicate<List<StreamEvent.Record>> publish) {
        List<StreamEvent.Record> pending = failed.stream()
                .flatMap(record -> StreamRecords.withNewImage(record, read(record)).stream())
                .toList();
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            if (!publish.test(pending)) {
                return false;
            }
            pending = changedSincePublished(pending);
        }
        return pending.isEmpty();
    }

    /** For each article whose item is no longer the image just published, the change from that image to the item. */
    private List<StreamEvent.Record> changedSincePublished(List<StreamEvent.Record> published) {
        Map<Map<String, AttributeValue>, StreamEvent.Record> changed = new LinkedHashMap<>();
        for (StreamEvent.Record record : published) {
            Map<String, AttributeValue> now = read(record);
            if (!now.equals(record.newImage())) {
                StreamRecords.following(record, now).ifPresent(next -> changed.put(record.keys(), next));
            }
        }
        return List.copyOf(changed.values());
    }

    private Map<String, AttributeValue> read(StreamEvent.Record record) {
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(tableName).key(record.keys()).consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }
}
