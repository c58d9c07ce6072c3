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
    /** Sparse index of scheduled articles: {@code scheduled}, then {@code <publishAt>#<slug>}. */
    public static final String SCHEDULED_INDEX = "scheduled";
    /** Stream records the publisher takes: only article items, never listings or idempotency records. */
    public static final String ARTICLE_KEY_PREFIX = "article#";
    /** ... and of those only the article itself ({@code sk = article}), never its kept revisions. */
    public static final String ARTICLE_SORT_KEY = "article";

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
        addIndex(PUBLISHED_INDEX, "gsi1");
        addIndex(BY_SECTION_INDEX, "gsi2");
        addIndex(SCHEDULED_INDEX, "gsi3");
    }

    public Table table() {
        return table;
    }

    public String indexArn(String index) {
        return table.getTableArn() + "/index/" + index;
    }

    /** The table's ARN and the ARNs of the two indexes the API lists articles from. */
    public List<String> tableAndIndexArns() {
        return List.of(table.getTableArn(), indexArn(PUBLISHED_INDEX), indexArn(BY_SECTION_INDEX));
    }

    /** An index projecting every attribute, keyed by {@code <keys>pk} and {@code <keys>sk}. */
    private void addIndex(String name, String keys) {
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(string(keys + "pk"))
                .sortKey(string(keys + "sk"))
                .projectionType(ProjectionType.ALL)
                .build());
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
