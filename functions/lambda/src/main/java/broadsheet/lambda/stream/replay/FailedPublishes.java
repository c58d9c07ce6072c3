package broadsheet.lambda.stream.replay;

import broadsheet.lambda.stream.ChangeFeed;
import broadsheet.lambda.stream.CurrentImages;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes again the stream batches the publisher gave up on, from the objects Lambda wrote to
 * the stream mapping's Amazon S3 on-failure destination ({@link FailureRecord}). Each record of a
 * batch is brought up to date first ({@link CurrentImages}: the article as the table holds it
 * now, and again if it changes while the replay publishes), then the batch goes through the
 * publisher's own {@link ChangeFeed}, as it would from the stream. An object is deleted only once
 * every article of its batch published; otherwise (or when it cannot be read) it stays for the
 * next replay. Publishing is idempotent, so a replay
 * that is interrupted, or run twice, does no harm.
 */
public final class FailedPublishes {

    private static final System.Logger LOG = System.getLogger(FailedPublishes.class.getName());

    /**
     * What a replay did.
     *
     * @param objects     failure objects found
     * @param republished objects whose articles all published again (deleted)
     * @param remaining   keys of the objects kept: they failed again or could not be read
     */
    public record Outcome(int objects, int republished, List<String> remaining) {
        public Outcome {
            remaining = List.copyOf(remaining);
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final CurrentImages current;
    private final ChangeFeed feed;

    public FailedPublishes(S3Client s3, String bucket, CurrentImages current, ChangeFeed feed) {
        this.s3 = s3;
        this.bucket = bucket;
        this.current = current;
        this.feed = feed;
    }

    /** Replays every failure object in the bucket, oldest key first (S3 lists keys in order). */
    public Outcome replay() {
        int objects = 0;
        int republished = 0;
        List<String> remaining = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            objects++;
            boolean done;
            try {
                done = replay(object.key());
            } catch (RuntimeException e) {
                // the object could not be read or deleted: it stays, the next ones are still tried
                LOG.log(Level.ERROR, "replaying failure object " + object.key() + " failed", e);
                done = false;
            }
            if (done) {
                republished++;
            } else {
                remaining.add(object.key());
            }
        }
        LOG.log(Level.INFO, "replayed {0} failure object(s): {1} republished, {2} kept", objects, republished,
                remaining.size());
        return new Outcome(objects, republished, remaining);
    }

    /** Replays one failure object; true when it published and was deleted. */
    private boolean replay(String key) {
        FailureRecord failure;
        try {
            failure = FailureRecord.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "cannot read failure object " + key + ": " + e.getMessage());
            return false;
        }
        List<StreamEvent.Record> records = failure.payload().records();
        boolean published = current.publish(records, batch -> {
            StreamBatchResponse response = feed.apply(new StreamEvent(batch));
            if (!response.failedSequenceNumbers().isEmpty()) {
                LOG.log(Level.ERROR, "failure object " + key + " failed again at stream record(s) "
                        + response.failedSequenceNumbers());
                return false;
            }
            return true;
        });
        if (!published) {
            LOG.log(Level.WARNING, "failure object {0} kept for the next replay", key);
            return false;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        LOG.log(Level.INFO, "republished failure object {0} ({1} record(s), {2} discarded {3})", key,
                records.size(), failure.condition(), String.valueOf(failure.failedAt()));
        return true;
    }
}
