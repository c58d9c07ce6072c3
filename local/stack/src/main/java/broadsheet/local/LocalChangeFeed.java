package broadsheet.local;

import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import broadsheet.lambda.StreamInvocation;
import broadsheet.lambda.stream.StreamRecords;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local stand-in for a DynamoDB stream with a Lambda event source mapping. Every article write
 * (old and new image) becomes a stream record; records are handed to the publisher handler
 * asynchronously as the stream event JSON Lambda would deliver, through the handler's stream
 * interface as the Lambda runtime calls it, in order per partition key (each key always goes to
 * the same lane, like a shard), in batches. A failed batch is retried with exponential backoff
 * from its first failed record, honouring the partial batch response ({@code batchItemFailures});
 * a record that fails every attempt goes to the dead-letter file and the lane moves on.
 */
public final class LocalChangeFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalChangeFeed.class.getName());
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);

    private final RequestStreamHandler publisher;
    private final StreamRecords records;
    private final RetryPolicy retry;
    private final DeadLetters deadLetters;
    private final int batchSize;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean open = true;

    public LocalChangeFeed(RequestStreamHandler publisher, StreamRecords records,
                      RetryPolicy retry, DeadLetters deadLetters, int laneCount, int batchSize) {
        this.publisher = publisher;
        this.records = records;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane("broadsheet-feed-" + i);
            lanes.add(lane);
            lane.thread.start();
        }
    }

    /** Takes one item write; returns at once, the publisher runs later on a lane thread. */
    public void submit(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        records.delivered(oldItem, newItem).ifPresent(this::submit);
    }

    void submit(StreamEvent.Record record) {
        if (!open) {
            deadLetters.append(record, 0, DeadLetters.STOPPED + ": closed before delivery");
            return;
        }
        pending.incrementAndGet();
        String key = StreamRecords.partitionKey(record);
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).queue.add(record);
    }

    /**
     * Delivers the records that a stop left undelivered (not the ones that failed every attempt):
     * like a stream consumer that resumes where it stopped.
     */
    public int resume() {
        List<DeadLetters.DeadLetter> stopped = deadLetters.take(DeadLetters.DeadLetter::stopped);
        stopped.forEach(l -> submit(l.record()));
        return stopped.size();
    }

    /** Records taken but not yet published or dead-lettered. */
    public long pending() {
        return pending.get();
    }

    /** Waits until every record taken so far is settled; false when the wait ran out first. */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pending, left);
            }
        }
        return true;
    }

    /**
     * Publishes one record now on the caller's thread with the retry policy, without dead-lettering
     * it: the replay of a dead letter.
     */
    public boolean publishNow(StreamEvent.Record record) {
        List<StreamEvent.Record> left = deliver(List.of(record), false);
        return left.isEmpty();
    }

    /**
     * Delivers a batch; returns the records that exhausted their attempts (they have been
     * dead-lettered when {@code deadLetter} is set).
     */
    private List<StreamEvent.Record> deliver(List<StreamEvent.Record> batch, boolean deadLetter) {
        List<StreamEvent.Record> remaining = new ArrayList<>(batch);
        List<StreamEvent.Record> given = new ArrayList<>();
        int attempt = 1;
        while (!remaining.isEmpty()) {
            int firstFailed = invoke(remaining);
            if (firstFailed < 0) {
                break;
            }
            if (firstFailed > 0) {
                // The records before the first failure are done: the checkpoint moves past them.
                remaining = new ArrayList<>(remaining.subList(firstFailed, remaining.size()));
                attempt = 1;
            }
            if (attempt >= retry.maxAttempts()) {
                StreamEvent.Record failed = remaining.remove(0);
                given.add(failed);
                if (deadLetter) {
                    deadLetters.append(failed, attempt, "publisher failed " + attempt + " times");
                }
                LOG.warning(() -> "gave up on stream record " + failed.sequenceNumber()
                        + " (" + StreamRecords.partitionKey(failed) + ") after " + retry.maxAttempts() + " attempts");
                attempt = 1;
                continue;
            }
            try {
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (StreamEvent.Record r : remaining) {
                    given.add(r);
                    if (deadLetter) {
                        deadLetters.append(r, attempt, DeadLetters.STOPPED + " during retries");
                    }
                }
                break;
            }
            attempt++;
        }
        return given;
    }

    /** Invokes the publisher once; the index of the first failed record, or -1 when all succeeded. */
    private int invoke(List<StreamEvent.Record> batch) {
        byte[] event = StreamEventJson.write(new StreamEvent(batch));
        StreamBatchResponse response;
        try {
            response = StreamEventJson.readResponse(StreamInvocation.invoke(publisher, event,
                    new LocalLambdaContext("broadsheet-publisher", INVOCATION_TIMEOUT)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "publisher failed on a batch of " + batch.size(), e);
            return 0;
        }
        if (response.failedSequenceNumbers().isEmpty()) {
            return -1;
        }
        Set<String> failed = new HashSet<>(response.failedSequenceNumbers());
        for (int i = 0; i < batch.size(); i++) {
            if (failed.contains(batch.get(i).sequenceNumber())) {
                return i;
            }
        }
        // An identifier that names no record of the batch fails the whole batch, as in Lambda.
        return 0;
    }

    private void settled(int count) {
        synchronized (pending) {
            pending.addAndGet(-count);
            pending.notifyAll();
        }
    }

    /**
     * Stops taking records, lets the lanes finish what they hold for up to {@code grace}, then
     * stops them; records still queued after that are dead-lettered so a replay can publish them.
     */
    public void close(Duration grace) {
        open = false;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Lane lane : lanes) {
            lane.stopping = true;
        }
        for (Lane lane : lanes) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                lane.thread.join(left);
                if (lane.thread.isAlive()) {
                    lane.thread.interrupt();
                    lane.thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<StreamEvent.Record> left = new ArrayList<>();
            lane.queue.drainTo(left);
            left.forEach(r -> deadLetters.append(r, 0, DeadLetters.STOPPED + " before delivery"));
            settled(left.size());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private final class Lane implements Runnable {
        final BlockingQueue<StreamEvent.Record> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        volatile boolean stopping;

        Lane(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!(stopping && queue.isEmpty())) {
                StreamEvent.Record first;
                try {
                    first = queue.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (first == null) {
                    continue;
                }
                List<StreamEvent.Record> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                try {
                    deliver(batch, true);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "change feed lane failed", e);
                    batch.forEach(r -> deadLetters.append(r, 0, "change feed error: " + e.getClass().getSimpleName()));
                } finally {
                    settled(batch.size());
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }
}
