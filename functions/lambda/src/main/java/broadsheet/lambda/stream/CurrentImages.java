package broadsheet.lambda.stream;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * Brings a stream record that failed to publish up to date before it is published again: its new
 * image is replaced by the article as the table holds it now (a strongly consistent read by the
 * record's keys), a {@code REMOVE} when the article is gone. Later changes of the article may have
 * been published since the record failed, and listing entries carry no version: publishing the
 * stale new image would list the article again where it was, after it had been moved,
 * unpublished or deleted. The old image is kept, so whatever the failed change should have
 * removed is still removed.
 *
 * <p>The one path every replay takes: {@code local/run --replay-dead-letters} (the local stack's
 * dead-letter file) and the replay of the AWS on-failure destination
 * ({@link broadsheet.lambda.stream.replay.FailedPublishes}).
 */
public final class CurrentImages {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public CurrentImages(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * The record with the article's current state as its new image; empty when there is nothing
     * left to publish (no old image and no article).
     */
    public Optional<StreamEvent.Record> current(StreamEvent.Record failed) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(failed.keys()).consistentRead(true)).item();
        return StreamRecords.withNewImage(failed, item);
    }
}
