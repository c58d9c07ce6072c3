package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore.Revision;
import broadsheet.core.editing.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kept versions of articles. Update and delete first read the article (consistently); when its
 * version is the expected one, they put a copy of it as a revision item ({@code pk =
 * article#<slug>}, {@code sk = revision#<version, 10 digits>}, no index keys), then make the
 * conditional write. The table allows single-item writes only (no transactions locally), so the
 * two are separate, and this order is the safe one: a revision item for version {@code v} only
 * ever holds the article as it was stored at version {@code v} (read at that version), so writing
 * it twice, or by two racing writers, puts the same content; and a crash after it, before the
 * article write, leaves a copy of the still current version, which {@link #revisions} and
 * {@link #revision} do not show (they show versions below the current one only). The reverse
 * order could lose the old version for good. Revision items share the article's partition key;
 * the change feed and the stream filter take only {@code sk = article} records.
 */
final class ArticleRevisions {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ArticleQueries reads;

    ArticleRevisions(DynamoDbClient dynamoDb, String table, ArticleQueries reads) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.reads = reads;
    }

    /** Reads the article, checks its version and keeps it as a revision; the next write may then replace it. */
    void keep(String slug, long expectedVersion) {
        Article current = reads.find(slug).orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
        if (current.version() != expectedVersion) {
            throw new StaleVersionException("article " + slug + " is at version " + current.version()
                    + ", not " + expectedVersion);
        }
        dynamoDb.putItem(b -> b.tableName(table).item(ArticleItems.toRevisionItem(current)));
    }

    List<Revision> revisions(String slug) {
        long current = reads.find(slug).map(Article::version).orElse(Long.MAX_VALUE);
        List<Revision> revisions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :revision)")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ArticleItems.partitionKey(slug)),
                            ":revision", AttributeValue.fromS(ArticleItems.REVISION_PREFIX)))
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                Article kept = ArticleItems.fromItem(item);
                if (kept.version() < current) {
                    revisions.add(new Revision(kept.version(), kept.updatedAt(), kept.headline()));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return List.copyOf(revisions);
    }

    Optional<Article> revision(String slug, long version) {
        if (version < 1 || version >= reads.find(slug).map(Article::version).orElse(Long.MAX_VALUE)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(TableDefinition.PK, AttributeValue.fromS(ArticleItems.partitionKey(slug)),
                        TableDefinition.SK, AttributeValue.fromS(ArticleItems.revisionSortKey(version))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }
}
