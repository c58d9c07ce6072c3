package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
    void hasThePublishedAndBySectionIndexesTheStoreQueries() {
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", "published",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                        Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")),
                        Map.of("IndexName", "by-section",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "gsi2pk", "KeyType", "HASH"),
                                        Map.of("AttributeName", "gsi2sk", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL"))),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi1sk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi2pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi2sk", "AttributeType", "S")))));
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
