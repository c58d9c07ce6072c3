package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static broadsheet.core.TestArticles.published;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB refuses {@code ConsistentRead} on a global secondary index with a ValidationException
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html, "Reading data from a
 * global secondary index"); dynalite may be kinder. Every query the store sends is recorded and
 * held to AWS's rule: on an index, never consistent; on the table, as the store asks.
 */
class IndexReadsTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private final List<QueryRequest> queries = new CopyOnWriteArrayList<>();

    @Test
    void queriesOnAnIndexNeverAskForAConsistentRead() {
        DynamoDbClient recorded = AWS.endpoints().dynamoDbClient()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        SdkRequest request = context.request();
                        if (request instanceof QueryRequest query) {
                            queries.add(query);
                        }
                    }
                }))
                .build();
        DynamoArticleStore store = new DynamoArticleStore(recorded, AWS.tableName());
        Instant at = Instant.parse("2026-11-20T08:00:00Z");
        for (int i = 0; i < 3; i++) {
            store.create(published("world", "story-" + i, at.plusSeconds(i)).withTimes(at, at));
        }
        Article scheduled = published("world", "later", at.plusSeconds(3600)).withStatus(Status.SCHEDULED).withTimes(at, at);
        store.create(scheduled);

        assertThat(store.list(new ArticleQuery(Optional.of("world"), Optional.empty(), Optional.empty(), 2))
                .articles()).hasSize(2);
        assertThat(store.due(at.plusSeconds(7200), 10)).extracting(Article::slug).containsExactly("later");

        assertThat(queries).isNotEmpty();
        assertThat(queries.stream().filter(q -> q.indexName() != null).toList())
                .as("queries on an index")
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q.consistentRead()).as(q.indexName()).isNotEqualTo(Boolean.TRUE));
    }
}
