package broadsheet.bench;

import broadsheet.aws.TableDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WriteMeter} on the benchmarks' client against dynalite: bytes by AWS's rules, the units dynalite reports, refused writes by kind. */
class WriteMeterTest {

    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start(Optional.empty());
        aws.createTableAndBucket("meter", "meter");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static Map<String, AttributeValue> item(String pk, int docChars) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(pk), TableDefinition.SK, AttributeValue.fromS("listing"),
                "doc", AttributeValue.fromS("a".repeat(docChars)));
    }

    @Test
    void countsItemBytesByAwsRulesAndTheWriteUnitsTheServerReports() {
        WriteMeter.Snapshot before = aws.dynamoWrites.snapshot();
        // 2 + 10 ("pk" + "listing#m1") + 2 + 7 ("sk" + "listing") + 3 + 3000 = 3024 bytes: 3 units
        aws.dynamo.putItem(b -> b.tableName("meter").item(item("listing#m1", 3000)));
        WriteMeter.Snapshot one = aws.dynamoWrites.snapshot().since(before);
        assertThat(one.bytesWritten()).containsExactly(Map.entry("listing", 3024L));
        assertThat(one.writeUnits()).isEqualTo(3.0);
        assertThat(one.writeRequests()).isEqualTo(1);

        // a smaller item over it is billed at the larger (old) size
        WriteMeter.Snapshot mid = aws.dynamoWrites.snapshot();
        aws.dynamo.putItem(b -> b.tableName("meter").item(item("listing#m1", 100)));
        assertThat(aws.dynamoWrites.snapshot().since(mid).writeUnits()).isEqualTo(3.0);

        WriteMeter.Snapshot batch = aws.dynamoWrites.snapshot();
        List<WriteRequest> puts = List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("article#a", 5000)).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("listing#m2", 10)).build()).build());
        aws.dynamo.batchWriteItem(b -> b.requestItems(Map.of("meter", puts)));
        WriteMeter.Snapshot two = aws.dynamoWrites.snapshot().since(batch);
        assertThat(two.itemsWritten()).containsExactly(Map.entry("article", 1L), Map.entry("listing", 1L));
        assertThat(two.writeUnits()).isEqualTo(5.0 + 1.0);
    }

    @Test
    void countsWritesRefusedByTheirConditionByKind() {
        WriteMeter.Snapshot before = aws.dynamoWrites.snapshot();
        aws.dynamo.putItem(b -> b.tableName("meter").item(item("listing#c", 10)).conditionExpression("attribute_not_exists(pk)"));
        assertThatThrownBy(() -> aws.dynamo.putItem(b -> b.tableName("meter").item(item("listing#c", 10))
                .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
        WriteMeter.Snapshot d = aws.dynamoWrites.snapshot().since(before);
        assertThat(d.failures("listing")).isEqualTo(1);
        assertThat(d.failures()).isEqualTo(1);
        assertThat(d.items()).isEqualTo(1);
    }

    @Test
    void sizesNumbersListsAndMapsAsAwsDocumentsThem() {
        assertThat(WriteMeter.valueSize(AttributeValue.fromN("12345"))).isEqualTo(4);
        assertThat(WriteMeter.valueSize(AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(true)))))
                .isEqualTo(3 + (1 + 2) + (1 + 1));
        assertThat(WriteMeter.valueSize(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("vv"))))).isEqualTo(3 + 1 + 1 + 2);
        assertThat(WriteMeter.itemSize(Map.of("é", AttributeValue.fromS("€")))).isEqualTo(2 + 3);
    }
}
