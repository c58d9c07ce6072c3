package broadsheet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The single DynamoDB table holding articles, listings and idempotency records, built from the
 * table description the {@code functions/aws} adapters build their table from
 * ({@value #SCHEMA_RESOURCE}, put on this module's class path by {@code infra/pom.xml}): its keys
 * and its indexes, in its order; {@code ArticleTableTest} fails when the template differs from it.
 */
public final class ArticleTable extends Construct {

    /** The shared table description (the file of {@code functions/aws}, {@code TableDefinition}). */
    public static final String SCHEMA_RESOURCE = "broadsheet/table/article-table.properties";
    private static final Properties SCHEMA = loadSchema();

    public static final String PARTITION_KEY = required("partitionKey");
    public static final String SORT_KEY = required("sortKey");
    /** Every article of a section, by {@code <updatedAt>#<slug>}. */
    public static final String BY_SECTION_INDEX = index("by-section");
    /** Sparse index of scheduled articles: {@code scheduled}, then {@code <publishAt>#<slug>}. */
    public static final String SCHEDULED_INDEX = index("scheduled");
    /** Stream records the publisher takes: only article items, never listings or idempotency records. */
    public static final String ARTICLE_KEY_PREFIX = required("articleKeyPrefix");
    /** ... and of those only the article itself ({@code sk = article}), never its kept revisions. */
    public static final String ARTICLE_SORT_KEY = required("articleSortKey");

    private final Table table;

    public ArticleTable(Construct scope, String id, StageSettings stage) {
        super(scope, id);
        this.table = Table.Builder.create(this, "Table")
                .partitionKey(string(PARTITION_KEY))
                .sortKey(string(SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .deletionProtection(stage.production())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        for (String index : indexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index)
                    .partitionKey(string(required("index." + index + ".partitionKey")))
                    .sortKey(string(required("index." + index + ".sortKey")))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    public Table table() {
        return table;
    }

    public String indexArn(String index) {
        return table.getTableArn() + "/index/" + index;
    }

    /** The table's ARN and the ARN of the index the API lists articles from. */
    public List<String> tableAndIndexArns() {
        return List.of(table.getTableArn(), indexArn(BY_SECTION_INDEX));
    }

    /** The index names of the table description, in its order. */
    static List<String> indexes() {
        return Arrays.stream(required("indexes").split(",")).map(String::strip).toList();
    }

    /** A name of the table description. */
    static String required(String key) {
        String value = SCHEMA.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " lacks " + key);
        }
        return value.strip();
    }

    private static String index(String name) {
        if (!indexes().contains(name)) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " has no index " + name);
        }
        return name;
    }

    private static Properties loadSchema() {
        Properties schema = new Properties();
        try (InputStream in = ArticleTable.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path (see infra/pom.xml)");
            }
            schema.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
        return schema;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
