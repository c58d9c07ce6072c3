package broadsheet.local.servers;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAwsExtensionPerClassTest {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perClass(LocalAwsExtensionTest::table);

    private static String firstTable;

    @Test
    @Order(1)
    void writesIntoTheClasssTableAndBucket() {
        firstTable = aws.tableName();
        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(Map.of("pk", AttributeValue.fromS("kept"))));
        aws.s3().putObject(b -> b.bucket(aws.bucketName()).key("kept.txt"), RequestBody.fromString("kept"));
    }

    @Test
    @Order(2)
    void laterTestsOfTheClassSeeTheSameTableAndBucket() {
        assertThat(aws.tableName()).isEqualTo(firstTable);
        assertThat(aws.dynamoDb().scan(b -> b.tableName(aws.tableName())).count()).isEqualTo(1);
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucketName())).contents()).hasSize(1);
    }
}
