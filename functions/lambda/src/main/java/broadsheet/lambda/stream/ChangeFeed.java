package broadsheet.lambda.stream;

import broadsheet.aws.ArticleItems;
import broadsheet.core.article.Article;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.PublishBatch;
import broadsheet.core.schedule.PublishSchedule;
import broadsheet.core.publish.Publisher;
import broadsheet.core.schedule.ScheduleSync;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of table stream records to the {@link Publisher}.
 *
 * <p>Records of items that are not articles ({@code pk} not starting with {@code article#}, or
 * {@code sk} other than {@code article}: listings, idempotency claims, kept revisions) are ignored.
 * After the publisher, each article's net change goes to the {@link ScheduleSync}, which sets or
 * clears its one-time publish schedule. The records of one article are folded into one change, from the article before its
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
 *
 * <p>The pages the batch's changes overwrote or deleted are invalidated at the edge once, after
 * every article of the batch ({@link PublishBatch}). When that fails, every article published in
 * the batch is reported, so the batch comes again and its invalidation with it.
 */
public final class ChangeFeed {

    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

    private final Publisher publisher;
    private final ScheduleSync schedules;

    public ChangeFeed(Publisher publisher) {
        this(publisher, new ScheduleSync(PublishSchedule.NONE, java.time.Clock.systemUTC()));
    }

    public ChangeFeed(Publisher publisher, ScheduleSync schedules) {
        this.publisher = publisher;
        this.schedules = schedules;
    }

    public StreamBatchResponse apply(StreamEvent event) {
        Map<String, List<StreamEvent.Record>> byArticle = new LinkedHashMap<>();
        for (StreamEvent.Record record : event.records()) {
            Optional<String> pk = record.key("pk");
            if (pk.isPresent() && !pk.get().startsWith(ArticleItems.PK_PREFIX)
                    || record.key("sk").filter(sk -> !sk.equals(ArticleItems.SK_VALUE)).isPresent()) {
                continue;
            }
            byArticle.computeIfAbsent(pk.orElse(""), k -> new ArrayList<>()).add(record);
        }
        List<String> failures = new ArrayList<>();
        List<String> published = new ArrayList<>();
        PublishBatch batch = publisher.batch();
        byArticle.forEach((key, changes) -> publish(batch, key, changes).ifPresentOrElse(failures::add,
                () -> published.add(changes.get(0).sequenceNumber())));
        try {
            batch.invalidate();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "invalidating " + batch.stalePaths().size() + " edge paths failed", e);
            failures.addAll(published);
        }
        return new StreamBatchResponse(failures);
    }

    /** Publishes the net change of one article's records; the sequence number to report on failure. */
    private Optional<String> publish(PublishBatch batch, String key, List<StreamEvent.Record> records) {
        List<ArticleChange> changes = new ArrayList<>();
        Optional<String> unreadable = Optional.empty();
        for (StreamEvent.Record record : records) {
            try {
                changes.add(change(record));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot read stream record " + record.sequenceNumber() + " of " + key, e);
                unreadable = Optional.of(record.sequenceNumber());
                break;
            }
        }
        if (!changes.isEmpty()) {
            try {
                ArticleChange change = net(changes);
                batch.apply(change);
                schedules.apply(change);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "publishing " + key + " from stream record " + records.get(0).sequenceNumber()
                        + " failed", e);
                return Optional.of(records.get(0).sequenceNumber());
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
    static ArticleChange change(StreamEvent.Record record) {
        if (record.oldImage().isEmpty() && record.newImage().isEmpty()) {
            throw new IllegalArgumentException("stream record without an old or a new image");
        }
        return new ArticleChange(article(record.oldImage()), article(record.newImage()));
    }

    private static Optional<Article> article(Map<String, AttributeValue> image) {
        return image.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(image));
    }
}
