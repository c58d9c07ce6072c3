package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.IdempotencyConflictException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static broadsheet.aws.ArticleWrites.CREATED_WITH_KEY;
import static broadsheet.aws.ArticleItems.string;

/**
 * Create with an idempotency key. An idempotency item ({@code pk = idempotency#<key>}) is claimed
 * first with {@code attribute_not_exists(pk)}; it holds the request hash, the slug, the complete
 * first result (the article as version 1 with its times) and a state, {@code pending} until the
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
 */
final class IdempotentCreate {

    static final String IDEMPOTENCY_PREFIX = "idempotency#";
    static final String IDEMPOTENCY_SK = "idempotency";
    static final String REQUEST_HASH = "requestHash";
    static final String CLAIM_SLUG = "slug";
    static final String CLAIM_STATE = "state";
    static final String CLAIM_RESULT = "result";
    static final String CLAIMED_AT = "claimedAt";
    static final String PENDING = "pending";
    static final String DONE = "done";

    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final ArticleWrites writes;

    IdempotentCreate(DynamoDbClient dynamoDb, String table, Clock clock, ArticleWrites writes) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.writes = writes;
    }

    Article create(Article article, String idempotencyKey, String requestHash) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestHash, "requestHash");
        Article first = writes.firstVersion(article);
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
        if (!requestHash.equals(string(claim, REQUEST_HASH))) {
            throw new IdempotencyConflictException("idempotency key " + key + " was used with another request");
        }
        Article first = ArticleItems.fromItem(claim.get(CLAIM_RESULT).m());
        if (DONE.equals(string(claim, CLAIM_STATE))) {
            return first;
        }
        return complete(key, requestHash, first);
    }

    /** Writes the article of a pending claim, marks the claim done and returns the first result. */
    private Article complete(String key, String requestHash, Article first) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(ArticleItems.toItem(first));
        item.put(CREATED_WITH_KEY, AttributeValue.fromS(key));
        try {
            writes.putNew(item);
        } catch (ArticleAlreadyExistsException e) {
            Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table)
                    .key(ArticleItems.key(first.slug())).consistentRead(true)).item();
            if (stored == null || !key.equals(string(stored, CREATED_WITH_KEY))) {
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

    private static Map<String, AttributeValue> claimKey(String idempotencyKey) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(IDEMPOTENCY_PREFIX + idempotencyKey),
                TableDefinition.SK, AttributeValue.fromS(IDEMPOTENCY_SK));
    }
}
