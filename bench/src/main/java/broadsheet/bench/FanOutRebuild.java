package broadsheet.bench;

import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.RebuildUnitCodec;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebuild as it runs in AWS, on the local servers: {@link RebuildFanOut} sends the starting
 * units to an SQS queue (ElasticMQ), and {@code workers} threads play the worker function, each
 * receiving one unit at a time, running it with {@code threads} upload threads of its own (one
 * worker function's pool) and deleting the message once its continuation is queued, until the
 * queue is empty. One progress line per unit.
 */
final class FanOutRebuild {

    /** What one fanned-out rebuild did. */
    record Outcome(long units, long articles, long listings, long uploads, long millis) {
    }

    private FanOutRebuild() {
    }

    static Outcome run(DynamoDbClient dynamo, S3Client s3, SqsClient sqs, String queueUrl, SiteConfig site, String table,
                       String bucket, int batch, int workers, int threads, int listingSegments) throws Exception {
        ExecutorService uploads = Executors.newFixedThreadPool(workers * threads);
        ExecutorService workerThreads = Executors.newFixedThreadPool(workers);
        AtomicLong units = new AtomicLong();
        AtomicLong articles = new AtomicLong();
        AtomicLong listings = new AtomicLong();
        AtomicLong uploaded = new AtomicLong();
        try {
            Wiring wiring = Wiring.builder(dynamo, s3, table, bucket).site(site).rebuildQueue(sqs, queueUrl).build();
            RebuildFanOut fanOut = wiring.rebuildFanOut(wiring.siteRebuild(batch, uploads));
            RebuildUnitCodec codec = new RebuildUnitCodec();
            long start = System.nanoTime();
            fanOut.start(listingSegments);
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                loops.add(workerThreads.submit(() -> {
                    while (true) {
                        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
                        if (got.isEmpty()) {
                            if (isEmpty(sqs, queueUrl)) {
                                return null;
                            }
                            continue;
                        }
                        SiteRebuild.Done done = fanOut.work(codec.decode(got.get(0).body()));
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(got.get(0).receiptHandle()));
                        units.incrementAndGet();
                        articles.addAndGet(done.articles());
                        listings.addAndGet(done.listings());
                        long total = uploaded.addAndGet(done.uploads());
                        System.out.printf("  %6.1f s  %-40s %4d pages  (%d pages so far)%n",
                                (System.nanoTime() - start) / 1e9, done.unit().describe(), done.uploads(), total);
                    }
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            return new Outcome(units.get(), articles.get(), listings.get(), uploaded.get(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            workerThreads.shutdownNow();
            uploads.shutdown();
        }
    }

    /** Nothing queued and nothing in flight: a unit's message is deleted only after its continuation is queued. */
    private static boolean isEmpty(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
