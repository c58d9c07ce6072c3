package broadsheet.lambda;

import broadsheet.aws.ArticleItems;
import broadsheet.core.article.Article;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.Publisher;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of table stream records to the {@link Publisher}.
 *
 * <p>Records of items that are not articles ({@code pk} not starting with {@code article#}) are
 * ignored. The records of one article are folded into one change, from the article before its
 * first record to the article after its last: the publisher sees each article's net change once
 * per batch, so delivering the same batch again finds nothing new to upload (replaying an older
 * state of the article in between would rewrite its listing pages twice).
 *
 * <p>Failures (the function reports partial batch failures): when an article's change cannot be
 * read or published, the sequence number of its first record not yet applied is reported and its
 * later records are left alone; other articles are still published. Lambda retries the batch from
 * the lowest reported sequence number, so every record of a failed article is delivered again,
 * in order, and records after it that were already applied come again too. Applying a change is
 * idempotent, so that repetition is harmless.
 */
public final class ChangeFeed {

    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

    private final Publisher publisher;

    public ChangeFeed(Publisher publisher) {
        this.publisher = publisher;
    }

    public StreamsEventResponse apply(DynamodbEvent event) {
        Map<String, List<StreamRecord>> byArticle = new LinkedHashMap<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            StreamRecord stream = record.getDynamodb();
            Optional<String> pk = partitionKey(stream);
            if (pk.isPresent() && !pk.get().startsWith(ArticleItems.PK_PREFIX)) {
                continue;
            }
            byArticle.computeIfAbsent(pk.orElse(""), k -> new ArrayList<>()).add(stream);
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        byArticle.forEach((key, changes) -> publish(key, changes).ifPresent(sequenceNumber ->
                failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumber).build())));
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Publishes the net change of one article's records; the sequence number to report on failure. */
    private Optional<String> publish(String key, List<StreamRecord> records) {
        List<ArticleChange> changes = new ArrayList<>();
        Optional<String> unreadable = Optional.empty();
        for (StreamRecord record : records) {
            try {
                changes.add(change(record));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot read stream record " + sequenceNumber(record) + " of " + key, e);
                unreadable = Optional.of(sequenceNumber(record));
                break;
            }
        }
        if (!changes.isEmpty()) {
            try {
                publisher.apply(net(changes));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "publishing " + key + " from stream record " + sequenceNumber(records.get(0))
                        + " failed", e);
                return Optional.of(sequenceNumber(records.get(0)));
            }
        }
        return unreadable;
    }

    /**
     * From the article before the first change to the article after the last. An article created
     * and deleted in one batch is published as deleted, in case an earlier delivery published it.
     */
    static ArticleChange net(List<ArticleChange> changes) {
        ArticleChange first = changes.get(0);
        ArticleChange last = changes.get(changes.size() - 1);
        if (first.before().isEmpty() && last.after().isEmpty()) {
            return new ArticleChange(first.after(), Optional.empty());
        }
        return new ArticleChange(first.before(), last.after());
    }

    /** The change one stream record describes: the article before and after the write. */
    static ArticleChange change(StreamRecord stream) {
        if (stream == null) {
            throw new IllegalArgumentException("stream record without dynamodb data");
        }
        return new ArticleChange(article(stream.getOldImage()), article(stream.getNewImage()));
    }

    private static Optional<Article> article(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ArticleItems.fromItem(StreamImages.toSdk(image)));
    }

    private static String sequenceNumber(StreamRecord stream) {
        return stream == null ? null : stream.getSequenceNumber();
    }

    private static Optional<String> partitionKey(StreamRecord stream) {
        if (stream == null) {
            return Optional.empty();
        }
        for (Map<String, AttributeValue> source : Arrays.asList(stream.getKeys(), stream.getNewImage(),
                stream.getOldImage())) {
            if (source != null && source.get("pk") != null && source.get("pk").getS() != null) {
                return Optional.of(source.get("pk").getS());
            }
        }
        return Optional.empty();
    }
}
