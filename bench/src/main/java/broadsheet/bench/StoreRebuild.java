package broadsheet.bench;

import broadsheet.core.rebuild.CheckpointedRebuild;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-renders a whole site from its table into its bucket with {@link SiteRebuild}, one unit after
 * another: batches of {@code --batch} articles (or listings) rendered and uploaded on
 * {@code --threads} threads, a checkpoint file written after every batch (an interrupted rebuild started again with the same
 * {@code --checkpoint} carries on after the last finished batch), one progress line per batch.
 *
 * <p>The local command, against the local servers ({@code bench/rebuild-from-store} runs it on a
 * seeded site of 10,000 articles): {@code java -cp CLASSPATH broadsheet.bench.StoreRebuild
 * --dynamodb URL --s3 URL --table T --bucket B [--checkpoint FILE] [--batch 100] [--threads 8]}.
 */
public final class StoreRebuild {

    /** What one rebuild did. */
    record Outcome(CheckpointedRebuild.Checkpoint end, boolean finished, long millis) {
    }

    private StoreRebuild() {
    }

    public static void main(String[] args) {
        Args a = Args.parse(args);
        LocalAws.Clients clients = LocalAws.clients(java.net.URI.create(a.value("dynamodb")), java.net.URI.create(a.value("s3")));
        Outcome outcome = rebuild(clients.dynamo(), clients.s3(), SiteConfig.load(), a.value("table"), a.value("bucket"),
                Path.of(a.has("checkpoint") ? a.value("checkpoint") : "rebuild.checkpoint"),
                a.has("batch") ? a.integer("batch") : 100, a.has("threads") ? a.integer("threads") : 8, Integer.MAX_VALUE);
        System.out.printf("rebuild %s: %d articles, %d listings, %d pages uploaded in %d ms%n",
                outcome.finished() ? "finished" : "stopped", outcome.end().articles(), outcome.end().listings(),
                outcome.end().uploads(), outcome.millis());
    }

    static Outcome rebuild(DynamoDbClient dynamo, S3Client s3, SiteConfig site, String table, String bucket,
                           Path checkpointFile, int batch, int threads, int maxBatches) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CheckpointedRebuild rebuild = new CheckpointedRebuild(
                    Wiring.builder(dynamo, s3, table, bucket).site(site).build().siteRebuild(batch, pool));
            CheckpointedRebuild.Checkpoint from = Files.exists(checkpointFile)
                    ? CheckpointedRebuild.Checkpoint.decode(Files.readString(checkpointFile)) : CheckpointedRebuild.Checkpoint.START;
            if (from != CheckpointedRebuild.Checkpoint.START) {
                System.out.printf("resuming: %d articles and %d listings done%n", from.articles(), from.listings());
            }
            long start = System.nanoTime();
            CheckpointedRebuild.Checkpoint end = rebuild.run(from, at -> {
                save(checkpointFile, at);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("  %6.1f s  articles %6d  listings %6d  pages uploaded %7d  (%.0f pages/s)%n",
                        seconds, at.articles(), at.listings(), at.uploads(),
                        (at.uploads() - from.uploads()) / Math.max(seconds, 1e-3));
            }, maxBatches);
            boolean finished = rebuild.isFinished(end) && maxBatches == Integer.MAX_VALUE;
            if (finished) {
                Files.deleteIfExists(checkpointFile);
            }
            return new Outcome(end, finished, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static void save(Path file, CheckpointedRebuild.Checkpoint at) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, at.encode());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint " + file, e);
        }
    }
}
