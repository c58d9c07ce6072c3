package broadsheet.infra;

import java.util.List;
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
 * The single DynamoDB table holding articles, listings and idempotency records. Key names and
 * indexes are the ones the {@code functions/aws} adapters use ({@code TableDefinition}).
 */
public final class ArticleTable extends Construct {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Sparse index of published articles: section, then {@code <publishAt>#<slug>}. */
    public static final String PUBLISHED_INDEX = "published";
    /** Every article of a section, by {@code <updatedAt>#<slug>}. */
    public static final String BY_SECTION_INDEX = "by-section";
    /** Stream records the publisher takes: only article items, never listings or idempotency records. */
    public static final String ARTICLE_KEY_PREFIX = "article#";

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
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(PUBLISHED_INDEX)
                .partitionKey(string("gsi1pk"))
                .sortKey(string("gsi1sk"))
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(BY_SECTION_INDEX)
                .partitionKey(string("gsi2pk"))
                .sortKey(string("gsi2sk"))
                .projectionType(ProjectionType.ALL)
                .build());
    }

    public Table table() {
        return table;
    }

    /** The table's ARN and the ARNs of its two indexes, for policies that query them. */
    public List<String> tableAndIndexArns() {
        return List.of(
                table.getTableArn(),
                table.getTableArn() + "/index/" + PUBLISHED_INDEX,
                table.getTableArn() + "/index/" + BY_SECTION_INDEX);
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
