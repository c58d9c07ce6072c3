package broadsheet.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table the local servers and tests create is exactly the one the shared schema file
 * describes; infra's {@code ArticleTableTest} pins the AWS table to the same file, so the two
 * tables cannot drift apart.
 */
class TableDefinitionTest {

    @Test
    void createsExactlyTheTableTheSharedSchemaDescribes() throws IOException {
        Properties schema = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TableDefinition.SCHEMA_RESOURCE)) {
            schema.load(in);
        }
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (String name : schema.getProperty("indexes").split(",")) {
            indexes.put(name, List.of(schema.getProperty("index." + name + ".partitionKey"),
                    schema.getProperty("index." + name + ".sortKey")));
        }
        List<String> keyAttributes = new ArrayList<>(List.of(schema.getProperty("partitionKey"), schema.getProperty("sortKey")));
        indexes.values().forEach(keyAttributes::addAll);

        CreateTableRequest request = TableDefinition.createTableRequest("articles");

        assertThat(request.keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly(schema.getProperty("partitionKey"), schema.getProperty("sortKey"));
        Map<String, List<String>> created = new LinkedHashMap<>();
        for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
            created.put(index.indexName(), index.keySchema().stream().map(KeySchemaElement::attributeName).toList());
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        }
        assertThat(created).containsExactlyEntriesOf(indexes);
        assertThat(request.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyElementsOf(keyAttributes);
        assertThat(request.attributeDefinitions()).extracting(AttributeDefinition::attributeType)
                .containsOnly(ScalarAttributeType.S);
        assertThat(request.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(ArticleItems.PK_PREFIX).isEqualTo(schema.getProperty("articleKeyPrefix"));
        assertThat(ArticleItems.SK_VALUE).isEqualTo(schema.getProperty("articleSortKey"));
    }
}
