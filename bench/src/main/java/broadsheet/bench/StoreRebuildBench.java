package broadsheet.bench;

import broadsheet.core.site.SiteConfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The rebuild from the store on the local servers: a table seeded with N generated articles and
 * their listings, then {@link StoreRebuild} into a new, empty bucket, each run interrupted after
 * {@code --interrupt-after} batches and resumed from its checkpoint file, so every measured
 * rebuild also proves the resume. Times the two parts together.
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.StoreRebuildBench --n 10000 [--runs 5]
 * [--batch 100] [--threads 8] [--interrupt-after 20] [--tsv FILE]}.
 */
public final class StoreRebuildBench {

    private StoreRebuildBench() {
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        int n = a.integer("n");
        int runs = a.has("runs") ? a.integer("runs") : 5;
        int batch = a.has("batch") ? a.integer("batch") : 100;
        int threads = a.has("threads") ? a.integer("threads") : 8;
        int interruptAfter = a.has("interrupt-after") ? a.integer("interrupt-after") : 20;
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/store-rebuild.runs.tsv");
        SiteConfig site = SiteConfig.load();
        try (LocalAws aws = LocalAws.start(Optional.empty())) {
            String table = "rebuild-" + n;
            long seedStart = System.nanoTime();
            new SiteSeeder(aws, site, 8).seed(table, table, new CorpusGenerator(Corpus.DEFAULT_SEED).articles(n), false, false);
            System.out.printf("seeded %d articles and their listings in %d s%n", n, (System.nanoTime() - seedStart) / 1_000_000_000);
            Files.createDirectories(tsv.toAbsolutePath().getParent());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
                out.println("run\tn\tmillis\tarticles\tlistings\tuploads\ts3_put");
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
                    out.printf("%d\t%d\t%d\t%d\t%d\t%d\t%d%n", run, n, millis, rest.end().articles(),
                            rest.end().listings(), rest.end().uploads(), puts);
                    out.flush();
                    System.out.printf("run %d: %d articles, %d listings, %d pages (%d PutObject) in %d ms, %.0f pages/s%n",
                            run, rest.end().articles(), rest.end().listings(), rest.end().uploads(), puts, millis,
                            rest.end().uploads() * 1000.0 / millis);
                }
            }
        }
    }
}
