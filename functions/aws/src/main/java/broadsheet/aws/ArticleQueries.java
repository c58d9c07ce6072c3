package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link DynamoArticleStore}: one article (consistently), the due scheduled articles
 * and the editors' lists.
 *
 * <p>A scheduled article with a publish time carries the keys of the sparse {@code scheduled}
 * index ({@code gsi3pk = scheduled}, {@code gsi3sk = <publishAt>#<slug>}); {@link #due} queries
 * it. One partition suffices: it holds only articles waiting to be published. A list by section
 * queries the {@code by-section} index, newest first; a list of all articles scans the table (a
 * scan has no order: each page is sorted newest first). Cursors are opaque ({@link Cursors}) and a
 * cursor of one list is refused by any other.
 */
final class ArticleQueries {

    private static final int MAX_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Cursors cursors = new Cursors();

    ArticleQueries(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    Optional<Article> find(String slug) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(ArticleItems.key(slug)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }

    List<Article> due(Instant now, int limit) {
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                .indexName(TableDefinition.GSI_SCHEDULED)
                .keyConditionExpression("#pk = :scheduled AND #sk < :upTo")
                .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI3_PK, "#sk", TableDefinition.GSI3_SK))
                .expressionAttributeValues(Map.of(":scheduled", AttributeValue.fromS(ArticleItems.SCHEDULED_PARTITION),
                        ":upTo", AttributeValue.fromS(ArticleItems.sortKeyAfter(now))))
                .scanIndexForward(true)
                .limit(limit)
                .build());
        return response.items().stream().map(ArticleItems::fromItem).toList();
    }

    ResultPage list(ArticleQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + query.limit());
        }
        Map<String, AttributeValue> start = query.cursor().map(this::decode).orElse(null);
        if (start != null) {
            checkCursorFits(start, query.section());
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        query.status().ifPresent(status -> {
            names.put("#status", ArticleItems.STATUS);
            values.put(":status", AttributeValue.fromS(status.wireName()));
            filters.add("#status = :status");
        });

        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (query.section().isPresent()) {
            names.put("#section", TableDefinition.GSI2_PK);
            values.put(":section", AttributeValue.fromS(query.section().get()));
            do {
                int remaining = query.limit() - items.size();
                QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                        .indexName(TableDefinition.GSI_BY_SECTION)
                        .keyConditionExpression("#section = :section")
                        .scanIndexForward(false)
                        .limit(remaining)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(start);
                if (!filters.isEmpty()) {
                    request.filterExpression(String.join(" AND ", filters));
                }
                QueryResponse response = dynamoDb.query(request.build());
                items.addAll(response.items());
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null && items.size() < query.limit());
        } else {
            names.put("#pk", TableDefinition.PK);
            names.put("#sk", TableDefinition.SK);
            values.put(":articles", AttributeValue.fromS(ArticleItems.PK_PREFIX));
            values.put(":article", AttributeValue.fromS(ArticleItems.SK_VALUE));
            filters.add("begins_with(#pk, :articles)");
            filters.add("#sk = :article");
            do {
                int remaining = query.limit() - items.size();
                ScanResponse response = dynamoDb.scan(ScanRequest.builder().tableName(table)
                        .limit(remaining)
                        .filterExpression(String.join(" AND ", filters))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(start)
                        .build());
                items.addAll(response.items());
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null && items.size() < query.limit());
        }
        List<Article> articles = new ArrayList<>(items.stream().map(ArticleItems::fromItem).toList());
        if (query.section().isEmpty()) {
            // a scan has no order: each page at least is newest first
            articles.sort(Comparator.comparing(ArticleQueries::changedAt,
                    Comparator.nullsLast(Comparator.reverseOrder())));
        }
        return new ResultPage(List.copyOf(articles), cursors.encode(start));
    }

    /** A cursor of one listing (a section, or all articles) is refused by any other. */
    private static void checkCursorFits(Map<String, AttributeValue> start, Optional<String> section) {
        boolean fits = section.isPresent()
                ? start.size() == 4 && start.containsKey(TableDefinition.GSI2_SK)
                        && start.containsKey(TableDefinition.GSI2_PK)
                        && section.get().equals(start.get(TableDefinition.GSI2_PK).s())
                : start.size() == 2;
        if (!fits || !start.get(TableDefinition.PK).s().startsWith(ArticleItems.PK_PREFIX)) {
            throw new InvalidCursorException("not a list cursor for this query");
        }
    }

    private Map<String, AttributeValue> decode(String cursor) {
        try {
            return cursors.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("not a list cursor", e);
        }
    }

    private static Instant changedAt(Article article) {
        return article.updatedAt() != null ? article.updatedAt() : article.createdAt();
    }
}
