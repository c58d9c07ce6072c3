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
 *
 * <p>Status and headline search are filter expressions on that query or scan. The headline search
 * is {@code contains(headlineLower, :q)} on the headline's search form
 * ({@link ArticleQuery#searchForm}) that every write stores; items written before that attribute
 * existed are matched on {@code headline} as stored (the search as typed, or in its search form). A filtered read can return fewer items than it evaluated, even none,
 * with a key to go on from: a list call reads on until the page is full, the table is exhausted or
 * {@link #MAX_READS} reads are spent, and then returns what it has with the cursor, so a page may
 * be short (even empty) while more matches follow.
 */
final class ArticleQueries {

    private static final int MAX_LIMIT = 100;
    /** At most this many reads (queries or scan pages) per {@link #list} call. */
    static final int MAX_READS = 10;
    /** The items a filtered read evaluates (its Limit), at least; an unfiltered read asks for what the page lacks. */
    static final int READ_SIZE = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int readSize;
    private final int maxReads;
    private final Cursors cursors = new Cursors();

    ArticleQueries(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, READ_SIZE, MAX_READS);
    }

    /** With other bounds than {@link #READ_SIZE} and {@link #MAX_READS}, for tests. */
    ArticleQueries(DynamoDbClient dynamoDb, String table, int readSize, int maxReads) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.readSize = readSize;
        this.maxReads = maxReads;
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
        boolean bySection = query.section().isPresent();
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
        // a search whose search form is empty (only accents, say) matches every headline
        query.headline().filter(headline -> !ArticleQuery.searchForm(headline).isEmpty()).ifPresent(headline -> {
            names.put("#headlineLower", ArticleItems.HEADLINE_LOWER);
            names.put("#headline", ArticleItems.HEADLINE);
            String lower = ArticleQuery.searchForm(headline);
            values.put(":q", AttributeValue.fromS(lower));
            // items written before headlineLower existed: their headline as stored, as typed or lower-cased
            String older = "contains(#headline, :q)";
            if (!lower.equals(headline)) {
                values.put(":typed", AttributeValue.fromS(headline));
                older = "(" + older + " OR contains(#headline, :typed))";
            }
            filters.add("(contains(#headlineLower, :q) OR (attribute_not_exists(#headlineLower) AND "
                    + older + "))");
        });
        if (bySection) {
            names.put("#section", TableDefinition.GSI2_PK);
            values.put(":section", AttributeValue.fromS(query.section().get()));
        } else {
            names.put("#pk", TableDefinition.PK);
            names.put("#sk", TableDefinition.SK);
            values.put(":articles", AttributeValue.fromS(ArticleItems.PK_PREFIX));
            values.put(":article", AttributeValue.fromS(ArticleItems.SK_VALUE));
            filters.add("begins_with(#pk, :articles)");
            filters.add("#sk = :article");
        }
        String filter = filters.isEmpty() ? null : String.join(" AND ", filters);

        // Limit counts the items a read evaluates, before the filter: a filtered read may return
        // fewer (even none) with a LastEvaluatedKey. Read on until the page is full, the items run
        // out or maxReads reads are spent; a read that returns more than the page still has room
        // for is cut, and the cursor is the key of the last article kept.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int reads = 0;
        do {
            int room = query.limit() - items.size();
            int evaluate = filter == null ? room : Math.max(room, readSize);
            List<Map<String, AttributeValue>> read;
            Map<String, AttributeValue> lastEvaluated;
            if (bySection) {
                QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                        .indexName(TableDefinition.GSI_BY_SECTION)
                        .keyConditionExpression("#section = :section")
                        .filterExpression(filter)
                        .scanIndexForward(false)
                        .limit(evaluate)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(start)
                        .build());
                read = response.items();
                lastEvaluated = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            } else {
                ScanResponse response = dynamoDb.scan(ScanRequest.builder().tableName(table)
                        .limit(evaluate)
                        .filterExpression(filter)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(start)
                        .build());
                read = response.items();
                lastEvaluated = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            }
            reads++;
            if (read.size() > room) {
                items.addAll(read.subList(0, room));
                start = keyOf(items.get(items.size() - 1), bySection);
            } else {
                items.addAll(read);
                start = lastEvaluated.isEmpty() ? null : lastEvaluated;
            }
        } while (start != null && items.size() < query.limit() && reads < maxReads);

        List<Article> articles = new ArrayList<>(items.stream().map(ArticleItems::fromItem).toList());
        if (!bySection) {
            // a scan has no order: each page at least is newest first
            articles.sort(Comparator.comparing(ArticleQueries::changedAt,
                    Comparator.nullsLast(Comparator.reverseOrder())));
        }
        return new ResultPage(List.copyOf(articles), cursors.encode(start));
    }

    /** The key a read would return as LastEvaluatedKey after {@code item}: the table's, plus the index's. */
    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, boolean bySection) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(TableDefinition.PK, item.get(TableDefinition.PK));
        key.put(TableDefinition.SK, item.get(TableDefinition.SK));
        if (bySection) {
            key.put(TableDefinition.GSI2_PK, item.get(TableDefinition.GSI2_PK));
            key.put(TableDefinition.GSI2_SK, item.get(TableDefinition.GSI2_SK));
        }
        return key;
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
