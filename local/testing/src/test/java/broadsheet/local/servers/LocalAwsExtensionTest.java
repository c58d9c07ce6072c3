package broadsheet.local.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LocalAwsExtensionTest {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(LocalAwsExtensionTest::table);

    private static final Set<String> SEEN_TABLES = new HashSet<>();

    static CreateTableRequest table(String name) {
        return CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .build();
    }

    @Test
    void givesEachTestAnEmptyTableAndBucketOfItsOwn() {
        assertThat(SEEN_TABLES.add(aws.tableName())).isTrue();
        assertThat(aws.dynamoDb().scan(b -> b.tableName(aws.tableName())).count()).isZero();
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucketName())).contents()).isEmpty();

        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(Map.of("pk", AttributeValue.fromS("a"))));
        aws.s3().putObject(b -> b.bucket(aws.bucketName()).key("a.txt"), RequestBody.fromString("a"));
    }

    @Test
    void givesAnotherTestAnotherEmptyTable() {
        assertThat(SEEN_TABLES.add(aws.tableName())).isTrue();
        assertThat(aws.dynamoDb().scan(b -> b.tableName(aws.tableName())).count()).isZero();
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucketName())).contents()).isEmpty();

        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(Map.of("pk", AttributeValue.fromS("b"))));
        aws.s3().putObject(b -> b.bucket(aws.bucketName()).key("b.txt"), RequestBody.fromString("b"));
    }

    @Test
    void createsTheTableFromTheGivenRequest() {
        var table = aws.dynamoDb().describeTable(b -> b.tableName(aws.tableName())).table();

        assertThat(table.keySchema()).singleElement()
                .satisfies(k -> assertThat(k.attributeName()).isEqualTo("pk"));
        assertThat(aws.endpoints().dynamoDb().getHost()).isEqualTo("127.0.0.1");
    }
}
