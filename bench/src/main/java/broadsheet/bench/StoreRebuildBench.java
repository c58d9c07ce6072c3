package broadsheet.bench;

import broadsheet.core.site.SiteConfig;
import broadsheet.local.servers.ElasticMqServer;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The rebuild from the store on the local servers: a table seeded with N generated articles and
 * their listings, then {@link StoreRebuild} into a new, empty bucket, each run interrupted after
 * {@code --interrupt-after} batches and resumed from its checkpoint file, so every measured
 * rebuild also proves the resume. Times the two parts together. Then, in the same run, the same
 * rebuild fanned out through SQS (ElasticMQ) into another empty bucket by {@code --fanout-workers}
 * worker threads ({@link FanOutRebuild}), which must upload exactly as many pages.
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.StoreRebuildBench --n 10000 [--runs 5]
 * [--batch 100] [--threads 8] [--interrupt-after 20] [--fanout-workers 4] [--fanout-segments 4]
 * [--tsv FILE]}.
 */
public final class StoreRebuildBench {

    private StoreRebuildBench() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        int n = a.integer("n");
        int runs = a.has("runs") ? a.integer("runs") : 5;
        int batch = a.has("batch") ? a.integer("batch") : 100;
        int threads = a.has("threads") ? a.integer("threads") : 8;
        int interruptAfter = a.has("interrupt-after") ? a.integer("interrupt-after") : 20;
        int workers = a.has("fanout-workers") ? a.integer("fanout-workers") : 4;
        int segments = a.has("fanout-segments") ? a.integer("fanout-segments") : 4;
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/store-rebuild.runs.tsv");
        SiteConfig site = SiteConfig.load();
        try (LocalAws aws = LocalAws.start(Optional.empty()); ElasticMqServer sqsServer = ElasticMqServer.start();
             SqsClient sqs = sqsServer.client()) {
            String table = "rebuild-" + n;
            long seedStart = System.nanoTime();
            new SiteSeeder(aws, site, 8).seed(table, table, new CorpusGenerator(Corpus.DEFAULT_SEED).articles(n), false, false);
            System.out.printf("seeded %d articles and their listings in %d s%n", n, (System.nanoTime() - seedStart) / 1_000_000_000);
            Files.createDirectories(tsv.toAbsolutePath().getParent());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
                out.println("run\tn\tmillis\tarticles\tlistings\tuploads\ts3_put\tfanout_millis\tfanout_uploads\tfanout_units");
                for (int run = 1; run <= runs; run++) {
                    String bucket = table + "-run-" + run;
                    aws.s3.createBucket(b -> b.bucket(bucket));
                    Path checkpoint = Files.createTempFile("rebuild-" + run, ".checkpoint");
                    Files.delete(checkpoint);
                    Map<String, Long> before = aws.s3Requests.snapshot();
                    System.out.printf("run %d: rebuilding into %s, interrupted after %d batches%n", run, bucket, interruptAfter);
                    StoreRebuild.Outcome first = StoreRebuild.rebuild(aws.dynamo, aws.s3, site, table, bucket, checkpoint,
                            batch, threads, interruptAfter);
                    if (first.finished() || !Files.exists(checkpoint)) {
                        throw new IllegalStateException("the rebuild was meant to be interrupted");
                    }
                    StoreRebuild.Outcome rest = StoreRebuild.rebuild(aws.dynamo, aws.s3, site, table, bucket, checkpoint,
                            batch, threads, Integer.MAX_VALUE);
                    if (!rest.finished()) {
                        throw new IllegalStateException("the resumed rebuild did not finish");
                    }
                    long puts = LocalAws.RequestCounter.since(before, aws.s3Requests.snapshot()).getOrDefault("PutObject", 0L);
                    long millis = first.millis() + rest.millis();

                    String fanOutBucket = bucket + "-fanout";
                    aws.s3.createBucket(b -> b.bucket(fanOutBucket));
                    String queueName = table + "-run-" + run;
                    String queue = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
                    System.out.printf("run %d: fanned out through SQS into %s, %d workers of %d upload threads, %d listing segments%n",
                            run, fanOutBucket, workers, threads, segments);
                    FanOutRebuild.Outcome fanned = FanOutRebuild.run(aws.dynamo, aws.s3, sqs, queue, site, table, fanOutBucket,
                            batch, workers, threads, segments);
                    if (fanned.uploads() != rest.end().uploads() || fanned.articles() != rest.end().articles()) {
                        throw new IllegalStateException("the fanned-out rebuild uploaded " + fanned.uploads()
                                + " pages, the local one " + rest.end().uploads());
                    }
                    out.printf("%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", run, n, millis, rest.end().articles(),
                            rest.end().listings(), rest.end().uploads(), puts, fanned.millis(), fanned.uploads(), fanned.units());
                    out.flush();
                    System.out.printf("run %d: %d articles, %d listings, %d pages (%d PutObject) in %d ms, %.0f pages/s%n",
                            run, rest.end().articles(), rest.end().listings(), rest.end().uploads(), puts, millis,
                            rest.end().uploads() * 1000.0 / millis);
                    System.out.printf("run %d: fanned out: %d units, %d pages in %d ms, %.0f pages/s%n", run,
                            fanned.units(), fanned.uploads(), fanned.millis(), fanned.uploads() * 1000.0 / fanned.millis());
                }
            }
        }
    }
}
