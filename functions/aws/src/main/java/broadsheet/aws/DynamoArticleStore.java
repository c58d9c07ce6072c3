package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.editing.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ArticleStore} on the single DynamoDB table. Every write is one conditional single-item
 * write: create on {@code attribute_not_exists(pk)}, update and delete on {@code version =
 * :expected}. Writes ask for the old item ({@code ReturnValues.ALL_OLD}) and hand old and new
 * item to an {@link ArticleWriteListener}.
 *
 * <h2>Idempotent create</h2>
 * An idempotency item ({@code pk = idempotency#<key>}) is claimed first with
 * {@code attribute_not_exists(pk)}; it holds the request hash, the slug, the complete first
 * result (the article as version 1 with its times) and a state, {@code pending} until the
 * article is written, then {@code done}. The article item written for a key carries that key in
 * {@code createdWithKey}. A request that finds the claim taken:
 * <ul>
 *   <li>with another request hash: {@link IdempotencyConflictException};</li>
 *   <li>{@code done}: returns the stored first result (later updates do not change it);</li>
 *   <li>{@code pending} (a writer crashed between claim and article write, or is still
 *       writing): writes the article from the stored result itself, on
 *       {@code attribute_not_exists(pk)}. If that succeeds, or the article already exists with
 *       {@code createdWithKey} = this key (the first writer got that far), the claim is marked
 *       done and the stored result returned: exactly one article, the same answer for every
 *       retry. If the slug is held by an article written without this key, the claim is
 *       released and {@link ArticleAlreadyExistsException} thrown, as for the first request.</li>
 * </ul>
 * So no crash between the two writes leaves a key that blocks its own retries or a second article.
 *
 * <h2>Revisions</h2>
 * Update and delete first read the article (consistently); when its version is the expected one,
 * they put a copy of it as a revision item ({@code pk = article#<slug>}, {@code sk =
 * revision#<version, 10 digits>}, no index keys), then make the conditional write. The table
 * allows single-item writes only (no transactions locally), so the two are separate, and this
 * order is the safe one: a revision item for version {@code v} only ever holds the article as it
 * was stored at version {@code v} (read at that version), so writing it twice, or by two racing
 * writers, puts the same content; and a crash after it, before the article write, leaves a copy of
 * the still current version, which {@link #revisions} and {@link #revision} do not show (they show
 * versions below the current one only). The reverse order could lose the old version for good.
 * Revision items share the article's partition key; the change feed and the stream filter take
 * only {@code sk = article} records.
 *
 * <h2>Scheduled articles</h2>
 * A scheduled article with a publish time carries the keys of the sparse {@code scheduled} index
 * ({@code gsi3pk = scheduled}, {@code gsi3sk = <publishAt>#<slug>}); {@link #due} queries it. One
 * partition suffices: it holds only articles waiting to be published.
 */
public final class DynamoArticleStore implements ArticleStore {

    static final String IDEMPOTENCY_PREFIX = "idempotency#";
    static final String IDEMPOTENCY_SK = "idempotency";
    static final String REQUEST_HASH = "requestHash";
    static final String CLAIM_SLUG = "slug";
    static final String CLAIM_STATE = "state";
    static final String CLAIM_RESULT = "result";
    static final String CLAIMED_AT = "claimedAt";
    static final String CREATED_WITH_KEY = "createdWithKey";
    static final String PENDING = "pending";
    static final String DONE = "done";

    private static final int MAX_LIMIT = 100;
    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final ArticleWriteListener listener;
    private final Cursors cursors = new Cursors();

    public DynamoArticleStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, Clock.systemUTC(), ArticleWriteListener.NONE);
    }

    public DynamoArticleStore(DynamoDbClient dynamoDb, String table, Clock clock, ArticleWriteListener listener) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public Article create(Article article) {
        Article created = firstVersion(article);
        write(ArticleItems.toItem(created));
        return created;
    }

    @Override
    public Article create(Article article, String idempotencyKey, String requestHash) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestHash, "requestHash");
        Article first = firstVersion(article);
        Map<String, AttributeValue> claim = new LinkedHashMap<>(claimKey(idempotencyKey));
        claim.put(REQUEST_HASH, AttributeValue.fromS(requestHash));
        claim.put(CLAIM_SLUG, AttributeValue.fromS(first.slug()));
        claim.put(CLAIM_STATE, AttributeValue.fromS(PENDING));
        claim.put(CLAIM_RESULT, AttributeValue.fromM(ArticleItems.toItem(first)));
        claim.put(CLAIMED_AT, AttributeValue.fromS(clock.instant().toString()));
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            try {
                dynamoDb.putItem(b -> b.tableName(table).item(claim)
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            } catch (ConditionalCheckFailedException taken) {
                Map<String, AttributeValue> existing = taken.hasItem() && !taken.item().isEmpty() ? taken.item()
                        : dynamoDb.getItem(b -> b.tableName(table).key(claimKey(idempotencyKey))
                                .consistentRead(true)).item();
                if (existing == null || existing.isEmpty()) {
                    continue; // released meanwhile by a request that found the slug taken: claim again
                }
                return resume(idempotencyKey, requestHash, existing);
            }
            return complete(idempotencyKey, requestHash, first);
        }
        throw new IllegalStateException("idempotency key " + idempotencyKey + " kept being claimed and released");
    }

    private Article resume(String key, String requestHash, Map<String, AttributeValue> claim) {
        if (!requestHash.equals(stringOf(claim, REQUEST_HASH))) {
            throw new IdempotencyConflictException("idempotency key " + key + " was used with another request");
        }
        Article first = ArticleItems.fromItem(claim.get(CLAIM_RESULT).m());
        if (DONE.equals(stringOf(claim, CLAIM_STATE))) {
            return first;
        }
        return complete(key, requestHash, first);
    }

    /** Writes the article of a pending claim, marks the claim done and returns the first result. */
    private Article complete(String key, String requestHash, Article first) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(ArticleItems.toItem(first));
        item.put(CREATED_WITH_KEY, AttributeValue.fromS(key));
        try {
            write(item);
        } catch (ArticleAlreadyExistsException e) {
            Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table)
                    .key(ArticleItems.key(first.slug())).consistentRead(true)).item();
            if (stored == null || !key.equals(stringOf(stored, CREATED_WITH_KEY))) {
                release(key, requestHash);
                throw e;
            }
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(claimKey(key))
                .updateExpression("SET #state = :done")
                .expressionAttributeNames(Map.of("#state", CLAIM_STATE))
                .expressionAttributeValues(Map.of(":done", AttributeValue.fromS(DONE))));
        return first;
    }

    private void release(String key, String requestHash) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(claimKey(key))
                    .conditionExpression("#state = :pending AND #hash = :hash")
                    .expressionAttributeNames(Map.of("#state", CLAIM_STATE, "#hash", REQUEST_HASH))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(PENDING),
                            ":hash", AttributeValue.fromS(requestHash))));
        } catch (ConditionalCheckFailedException e) {
            // already released or completed by a concurrent retry
        }
    }

    private void write(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ArticleAlreadyExistsException("an article with slug " + stringOf(item, ArticleItems.SLUG)
                    + " exists already");
        }
        listener.written(Map.of(), item);
    }

    @Override
    public Optional<Article> find(String slug) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(ArticleItems.key(slug)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }

    /** Reads the article, checks its version and keeps it as a revision; the next write may then replace it. */
    private void keepRevision(String slug, long expectedVersion) {
        Article current = find(slug).orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
        if (current.version() != expectedVersion) {
            throw new StaleVersionException("article " + slug + " is at version " + current.version()
                    + ", not " + expectedVersion);
        }
        dynamoDb.putItem(b -> b.tableName(table).item(ArticleItems.toRevisionItem(current)));
    }

    @Override
    public List<Revision> revisions(String slug) {
        long current = find(slug).map(Article::version).orElse(Long.MAX_VALUE);
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

    @Override
    public Optional<Article> revision(String slug, long version) {
        if (version < 1 || version >= find(slug).map(Article::version).orElse(Long.MAX_VALUE)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(TableDefinition.PK, AttributeValue.fromS(ArticleItems.partitionKey(slug)),
                        TableDefinition.SK, AttributeValue.fromS(ArticleItems.revisionSortKey(version))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }

    @Override
    public List<Article> due(Instant now, int limit) {
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

    @Override
    public Article update(Article article, long expectedVersion) {
        keepRevision(article.slug(), expectedVersion);
        Instant now = clock.instant();
        // Creation time and creator are set once, at creation: never written (nor removed) by an update.
        Article next = article.withVersion(expectedVersion + 1).withTimes(null, now).withCreatedBy(null);
        Map<String, AttributeValue> attributes = new LinkedHashMap<>(ArticleItems.toItem(next));
        attributes.remove(TableDefinition.PK);
        attributes.remove(TableDefinition.SK);

        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":a" + i, attribute.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        List<String> removes = new ArrayList<>();
        for (String optional : ArticleItems.OPTIONAL) {
            if (!attributes.containsKey(optional) && !optional.equals(ArticleItems.CREATED_AT)
                    && !optional.equals(ArticleItems.CREATED_BY)) {
                names.put("#r" + removes.size(), optional);
                removes.add("#r" + removes.size());
            }
        }
        names.put("#version", ArticleItems.VERSION);
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        String expression = "SET " + String.join(", ", sets)
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));

        UpdateItemResponse response;
        try {
            response = dynamoDb.updateItem(b -> b.tableName(table).key(ArticleItems.key(article.slug()))
                    .updateExpression(expression)
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw refused(e, article.slug(), expectedVersion);
        }
        Map<String, AttributeValue> oldItem = response.attributes();
        Article old = ArticleItems.fromItem(oldItem);
        Article stored = next.withTimes(old.createdAt(), now).withCreatedBy(old.createdBy());
        Map<String, AttributeValue> newItem = new LinkedHashMap<>(ArticleItems.toItem(stored));
        if (oldItem.containsKey(CREATED_WITH_KEY)) {
            newItem.put(CREATED_WITH_KEY, oldItem.get(CREATED_WITH_KEY));
        }
        listener.written(oldItem, newItem);
        return stored;
    }

    @Override
    public void delete(String slug, long expectedVersion) {
        keepRevision(slug, expectedVersion);
        DeleteItemResponse response;
        try {
            response = dynamoDb.deleteItem(b -> b.tableName(table).key(ArticleItems.key(slug))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", ArticleItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected",
                            AttributeValue.fromN(Long.toString(expectedVersion))))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw refused(e, slug, expectedVersion);
        }
        listener.written(response.attributes(), Map.of());
    }

    /** Tells a stale version from a missing article after a refused conditional write. */
    private RuntimeException refused(ConditionalCheckFailedException e, String slug, long expectedVersion) {
        // DynamoDB returns the current item (ReturnValuesOnConditionCheckFailure.ALL_OLD); servers
        // that do not support it (dynalite) return none, so then read it.
        Optional<Article> current = e.hasItem() && !e.item().isEmpty()
                ? Optional.of(ArticleItems.fromItem(e.item()))
                : find(slug);
        if (current.isEmpty()) {
            return new ArticleNotFoundException("no article with slug " + slug);
        }
        return new StaleVersionException("article " + slug + " is at version " + current.get().version()
                + ", not " + expectedVersion);
    }

    @Override
    public ArticlePage list(ArticleQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + query.limit());
        }
        Map<String, AttributeValue> start = query.cursor().map(cursors::decode).orElse(null);
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
            articles.sort(Comparator.comparing(DynamoArticleStore::changedAt,
                    Comparator.nullsLast(Comparator.reverseOrder())));
        }
        return new ArticlePage(List.copyOf(articles), cursors.encode(start));
    }

    /** A cursor of one listing (a section, or all articles) is refused by any other. */
    private static void checkCursorFits(Map<String, AttributeValue> start, Optional<String> section) {
        boolean fits = section.isPresent()
                ? start.size() == 4 && start.containsKey(TableDefinition.GSI2_SK)
                        && start.containsKey(TableDefinition.GSI2_PK)
                        && section.get().equals(start.get(TableDefinition.GSI2_PK).s())
                : start.size() == 2;
        if (!fits || !start.get(TableDefinition.PK).s().startsWith(ArticleItems.PK_PREFIX)) {
            throw new IllegalArgumentException("not a list cursor for this query");
        }
    }

    private static Instant changedAt(Article article) {
        return article.updatedAt() != null ? article.updatedAt() : article.createdAt();
    }

    private Article firstVersion(Article article) {
        Instant now = clock.instant();
        return article.withVersion(1).withTimes(now, now);
    }

    private static Map<String, AttributeValue> claimKey(String idempotencyKey) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(IDEMPOTENCY_PREFIX + idempotencyKey),
                TableDefinition.SK, AttributeValue.fromS(IDEMPOTENCY_SK));
    }

    private static String stringOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
