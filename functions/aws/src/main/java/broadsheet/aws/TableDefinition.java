package broadsheet.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The single Broadsheet table: key {@code pk}/{@code sk}, GSI {@code published}
 * ({@code gsi1pk}/{@code gsi1sk}, sparse: published articles only) and GSI {@code by-section}
 * ({@code gsi2pk}/{@code gsi2sk}, every article), stream NEW_AND_OLD_IMAGES, on demand.
 * The infrastructure code defines the same table for AWS.
 */
public final class TableDefinition {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI_PUBLISHED = "published";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI_BY_SECTION = "by-section";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";

    private static final long ACTIVE_TIMEOUT_NANOS = 60_000_000_000L;

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(PK), string(SK), string(GSI1_PK), string(GSI1_SK), string(GSI2_PK), string(GSI2_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(GSI_PUBLISHED, GSI1_PK, GSI1_SK),
                        index(GSI_BY_SECTION, GSI2_PK, GSI2_SK))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    /**
     * Creates the table unless it exists, and waits until it is active.
     *
     * @return true when this call created it
     */
    public static boolean createIfMissing(DynamoDbClient dynamoDb, String tableName) {
        boolean created = false;
        try {
            dynamoDb.describeTable(b -> b.tableName(tableName));
        } catch (ResourceNotFoundException missing) {
            try {
                dynamoDb.createTable(createTableRequest(tableName));
                created = true;
            } catch (ResourceInUseException raced) {
                // created meanwhile by someone else: fine
            }
        }
        awaitActive(dynamoDb, tableName);
        return created;
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT_NANOS;
        while (dynamoDb.describeTable(b -> b.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " did not become active");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }
}
