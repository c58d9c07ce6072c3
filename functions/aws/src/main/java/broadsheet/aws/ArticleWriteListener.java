package broadsheet.aws;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Told about every article write a {@link DynamoArticleStore} made, with the item before the
 * write (from {@code ReturnValues.ALL_OLD}) and after it, like one record of the table's stream
 * (NEW_AND_OLD_IMAGES). An absent side (before a create, after a delete) is an empty map.
 * The local runtime uses it to feed the publisher where no DynamoDB stream exists.
 */
@FunctionalInterface
public interface ArticleWriteListener {

    ArticleWriteListener NONE = (oldItem, newItem) -> { };

    void written(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem);
}
