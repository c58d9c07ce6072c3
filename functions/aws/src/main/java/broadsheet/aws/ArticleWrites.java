package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The article writes of {@link DynamoArticleStore}, each one conditional single-item write:
 * create on {@code attribute_not_exists(pk)}, update and delete on {@code version = :expected}
 * (after keeping the current version, see {@link ArticleRevisions}). Update and delete ask for
 * the old item ({@code ReturnValues.ALL_OLD}); every write hands old and new item to the
 * {@link ArticleWriteListener}. SDK refusals become the domain's exceptions.
 */
final class ArticleWrites {

    /** The idempotency key an article was created with, kept on the article item. */
    static final String CREATED_WITH_KEY = "createdWithKey";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final ArticleWriteListener listener;
    private final ArticleQueries reads;
    private final ArticleRevisions revisions;

    ArticleWrites(DynamoDbClient dynamoDb, String table, Clock clock, ArticleWriteListener listener,
                  ArticleQueries reads, ArticleRevisions revisions) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.listener = listener;
        this.reads = reads;
        this.revisions = revisions;
    }

    /** The article as its first version, created now. */
    /** The store sets the version and keeps the times it is given ({@link broadsheet.core.editing.Editing} sets them). */
    Article firstVersion(Article article) {
        return article.withVersion(1);
    }

    /** Puts a new article item. */
    void putNew(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ArticleAlreadyExistsException("an article with slug "
                    + ArticleItems.string(item, ArticleItems.SLUG) + " exists already");
        }
        listener.written(Map.of(), item);
    }

    Article update(Article article, long expectedVersion) {
        revisions.keep(article.slug(), expectedVersion);
        // the creator is set once, at creation: never written (nor removed) by an update
        Article next = article.withVersion(expectedVersion + 1).withCreatedBy(null);
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
        // an article given without a creation time keeps the stored one (the update does not remove it)
        Article old = ArticleItems.fromItem(oldItem);
        Article stored = (next.createdAt() != null ? next : next.withTimes(old.createdAt(), next.updatedAt()))
                .withCreatedBy(old.createdBy());
        Map<String, AttributeValue> newItem = new LinkedHashMap<>(ArticleItems.toItem(stored));
        if (oldItem.containsKey(CREATED_WITH_KEY)) {
            newItem.put(CREATED_WITH_KEY, oldItem.get(CREATED_WITH_KEY));
        }
        listener.written(oldItem, newItem);
        return stored;
    }

    void delete(String slug, long expectedVersion) {
        revisions.keep(slug, expectedVersion);
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
                : reads.find(slug);
        if (current.isEmpty()) {
            return new ArticleNotFoundException("no article with slug " + slug);
        }
        return new StaleVersionException("article " + slug + " is at version " + current.get().version()
                + ", not " + expectedVersion);
    }
}
