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

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The single Broadsheet table, as {@value #SCHEMA_RESOURCE} describes it (the file infra builds
 * the AWS table from too): key {@code pk}/{@code sk}, GSI {@code by-section} ({@code gsi2pk}/{@code
 * gsi2sk}, every article) and GSI {@code scheduled} ({@code gsi3pk} = {@code scheduled}, {@code
 * gsi3sk} = publish time and slug; sparse: scheduled articles only), stream NEW_AND_OLD_IMAGES, on
 * demand. The names are read once, when this class loads.
 */
public final class TableDefinition {

    /** The class path resource describing the table, shared with infra. */
    public static final String SCHEMA_RESOURCE = "broadsheet/table/article-table.properties";

    /** A global secondary index: its name and key attributes (strings; all attributes projected). */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    private static final Properties SCHEMA = load();

    public static final String PK = required("partitionKey");
    public static final String SK = required("sortKey");
    /** The partition key prefix of article items. */
    public static final String ARTICLE_KEY_PREFIX = required("articleKeyPrefix");
    /** The sort key of an article item (its kept revisions have others). */
    public static final String ARTICLE_SORT_KEY = required("articleSortKey");
    /** Every index, in the order the schema lists them. */
    public static final List<Index> INDEXES = indexes();
    public static final String GSI_BY_SECTION = "by-section";
    public static final String GSI2_PK = index(GSI_BY_SECTION).partitionKey();
    public static final String GSI2_SK = index(GSI_BY_SECTION).sortKey();
    public static final String GSI_SCHEDULED = "scheduled";
    public static final String GSI3_PK = index(GSI_SCHEDULED).partitionKey();
    public static final String GSI3_SK = index(GSI_SCHEDULED).sortKey();

    private static final long ACTIVE_TIMEOUT_NANOS = 60_000_000_000L;

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(string(PK), string(SK)));
        INDEXES.forEach(index -> attributes.addAll(List.of(string(index.partitionKey()), string(index.sortKey()))));
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(INDEXES.stream().map(TableDefinition::index).toList())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    /** The index of that name. */
    public static Index index(String name) {
        return INDEXES.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(SCHEMA_RESOURCE + " has no index " + name));
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

    private static GlobalSecondaryIndex index(Index index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    private static Properties load() {
        Properties schema = new Properties();
        try (InputStream in = TableDefinition.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path");
            }
            schema.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
        return schema;
    }

    private static String required(String name) {
        String value = SCHEMA.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " lacks " + name);
        }
        return value.strip();
    }

    private static List<Index> indexes() {
        List<Index> indexes = new ArrayList<>();
        for (String name : required("indexes").split(",")) {
            String index = name.strip();
            indexes.add(new Index(index, required("index." + index + ".partitionKey"),
                    required("index." + index + ".sortKey")));
        }
        return List.copyOf(indexes);
    }
}
