package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ArticleTableTest {

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void keysAreStringPartitionPkAndSortSk() {
        dev.resourceCountIs("AWS::DynamoDB::Table", 1);
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S")))));
    }

    @Test
    void isOnDemandWithPointInTimeRecoveryAndNewAndOldImageStream() {
        for (Template template : List.of(dev, prod)) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "BillingMode", "PAY_PER_REQUEST",
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                    "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
        }
    }

    @Test
    void hasTheBySectionAndScheduledIndexesTheStoreQueries() {
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", "by-section",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "gsi2pk", "KeyType", "HASH"),
                                        Map.of("AttributeName", "gsi2sk", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")),
                        Map.of("IndexName", "scheduled",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "gsi3pk", "KeyType", "HASH"),
                                        Map.of("AttributeName", "gsi3sk", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL"))),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "gsi2pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi2sk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi3pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi3sk", "AttributeType", "S")))));
    }

    /**
     * The AWS table is exactly the one the shared description gives, the file the functions'
     * {@code TableDefinition} builds the local servers' table from (its test pins that side): keys,
     * indexes in order with their keys, and no attribute definition beyond those keys.
     */
    @Test
    void isExactlyTheTableTheSharedSchemaDescribes() throws IOException {
        Properties schema = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ArticleTable.SCHEMA_RESOURCE)) {
            assertThat(in).as("%s on the class path", ArticleTable.SCHEMA_RESOURCE).isNotNull();
            schema.load(in);
        }
        List<Object> indexes = new ArrayList<>();
        List<Object> attributes = new ArrayList<>(List.of(
                Map.of("AttributeName", schema.getProperty("partitionKey"), "AttributeType", "S"),
                Map.of("AttributeName", schema.getProperty("sortKey"), "AttributeType", "S")));
        for (String name : schema.getProperty("indexes").split(",")) {
            String partitionKey = schema.getProperty("index." + name + ".partitionKey");
            String sortKey = schema.getProperty("index." + name + ".sortKey");
            indexes.add(Map.of("IndexName", name,
                    "KeySchema", List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                            Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                    "Projection", Map.of("ProjectionType", "ALL")));
            attributes.add(Map.of("AttributeName", partitionKey, "AttributeType", "S"));
            attributes.add(Map.of("AttributeName", sortKey, "AttributeType", "S"));
        }
        for (Template template : List.of(dev, prod)) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "KeySchema", List.of(
                            Map.of("AttributeName", schema.getProperty("partitionKey"), "KeyType", "HASH"),
                            Map.of("AttributeName", schema.getProperty("sortKey"), "KeyType", "RANGE")),
                    "GlobalSecondaryIndexes", indexes,
                    "AttributeDefinitions", Match.arrayEquals(attributes)));
        }
        assertThat(ArticleTable.ARTICLE_KEY_PREFIX).isEqualTo(schema.getProperty("articleKeyPrefix"));
        assertThat(ArticleTable.ARTICLE_SORT_KEY).isEqualTo(schema.getProperty("articleSortKey"));
    }

    @Test
    void prodTableIsDeletionProtectedAndRetained() {
        prod.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)),
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void devTableCanBeTornDown() {
        dev.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)),
                "DeletionPolicy", "Delete"));
        assertThat(SynthesizedApp.dev().stacks().site().getTerminationProtection()).isFalse();
        assertThat(SynthesizedApp.prod().stacks().site().getTerminationProtection()).isTrue();
    }
}
