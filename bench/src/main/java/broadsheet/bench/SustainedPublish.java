package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.stream.StreamEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sustained publishing on the local servers: {@code P} publishers (default 8) publish new articles
 * into one section month at once, each as fast as it can, for {@code --rounds} rounds of
 * {@code --count} publishes per publisher.
 *
 * <p>Each publisher plays one API function and one publisher function of its own (its own
 * {@link PipelineSite} over the shared table and bucket, as concurrent Lambda instances are): it
 * creates an article through {@code ApiHandler} and hands the stream event of that write to
 * {@code PublisherHandler}. When the publisher reports the record as failed (other publishers kept
 * changing a listing), the event is delivered again, as the stream would, and counted. Latency is
 * from the API call to the end of the successful delivery.
 *
 * <p>Listing retries are the writes DynamoDB refused by their condition, counted by item kind by
 * {@link WriteMeter} on the client every publisher uses, on every kind of item but the articles'
 * own: each one is a publisher that read a listing, lost the race to write it and read it again.
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.SustainedPublish [--publishers 8] [--rounds 3]
 * [--count 20] [--warmup 3] [--n 1000] [--entries 10] [--section world] [--tsv FILE] [--rounds-tsv FILE]}.
 */
public final class SustainedPublish {

    record Publish(int round, int publisher, int k, double apiMillis, double totalMillis, int redeliveries) {
    }

    record Round(int round, double wallMillis, int publishes, WriteMeter.Snapshot writes, int redeliveries) {
    }

    private static final int MAX_DELIVERIES = 50;

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        int publishers = a.has("publishers") ? a.integer("publishers") : 8;
        int rounds = a.has("rounds") ? a.integer("rounds") : 3;
        int count = a.has("count") ? a.integer("count") : 20;
        int warmup = a.has("warmup") ? a.integer("warmup") : 3;
        int n = a.has("n") ? a.integer("n") : 1000;
        int entries = a.has("entries") ? a.integer("entries") : 10;
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/sustained.runs.tsv");
        Path roundsTsv = Path.of(a.has("rounds-tsv") ? a.value("rounds-tsv") : "bench/target/results/sustained.rounds.tsv");
        SiteConfig site = SiteConfig.load();
        String section = a.has("section") ? a.value("section") : site.sectionSlugs().get(0);
        TargetMonth target = TargetMonth.current(n, entries, section, Instant.now());

        try (LocalAws aws = LocalAws.start(Optional.empty())) {
            String name = "sustained";
            long seedStart = System.nanoTime();
            new SiteSeeder(aws, site, 8).seed(name, name, target.articles(), false, false);
            System.out.printf("seeded a site of %d articles + %d in %s %s in %.1f s%n", n, entries, section,
                    target.month(), (System.nanoTime() - seedStart) / 1e9);
            List<PipelineSite> functions = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                functions.add(new PipelineSite(aws, site, name, name));
            }
            CorpusGenerator fresh = new CorpusGenerator(8080);
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            List<Publish> all = Collections.synchronizedList(new ArrayList<>());
            List<Round> done = new ArrayList<>();
            try {
                runRound(pool, functions, fresh, next, section, 0, warmup, new ArrayList<>());
                for (int round = 1; round <= rounds; round++) {
                    List<Publish> publishes = Collections.synchronizedList(new ArrayList<>());
                    WriteMeter.Snapshot before = aws.dynamoWrites.snapshot();
                    long start = System.nanoTime();
                    runRound(pool, functions, fresh, next, section, round, count, publishes);
                    double wall = (System.nanoTime() - start) / 1e6;
                    WriteMeter.Snapshot writes = aws.dynamoWrites.snapshot().since(before);
                    int redeliveries = publishes.stream().mapToInt(Publish::redeliveries).sum();
                    Round r = new Round(round, wall, publishes.size(), writes, redeliveries);
                    done.add(r);
                    all.addAll(publishes);
                    List<Double> latencies = publishes.stream().map(Publish::totalMillis).sorted().toList();
                    System.out.printf(Locale.ROOT, "round %d: %d publishes by %d publishers in %.0f ms = %.1f/s;"
                                    + " latency p50 %.0f ms, p99 %.0f ms; refused conditional writes %s"
                                    + " (%.2f listing retries per publish); %d redeliveries%n",
                            round, publishes.size(), publishers, wall, publishes.size() * 1000 / wall,
                            percentile(latencies, 50), percentile(latencies, 99), writes.conditionFailures(),
                            listingRetries(writes) / (double) publishes.size(), redeliveries);
                }
            } finally {
                pool.shutdownNow();
            }
            writeRuns(tsv, all);
            writeRounds(roundsTsv, done, publishers);
        }
    }

    private static void runRound(ExecutorService pool, List<PipelineSite> functions, CorpusGenerator fresh,
                                 AtomicInteger next, String section, int round, int count, List<Publish> out)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < functions.size(); p++) {
            int publisher = p;
            PipelineSite fn = functions.get(p);
            work.add(pool.submit(() -> {
                go.await();
                for (int k = 0; k < count; k++) {
                    Article article = TargetMonth.inSection(IncrementalPublish.newArticle(fresh, next.getAndIncrement()),
                            section);
                    long t0 = System.nanoTime();
                    StreamEvent event = fn.create(article);
                    long t1 = System.nanoTime();
                    int redeliveries = 0;
                    while (true) {
                        try {
                            fn.publish(event);
                            break;
                        } catch (IllegalStateException e) {
                            if (++redeliveries >= MAX_DELIVERIES) {
                                throw new IllegalStateException("publishing " + article.slug() + " failed "
                                        + redeliveries + " times", e);
                            }
                        }
                    }
                    long t2 = System.nanoTime();
                    out.add(new Publish(round, publisher, k, (t1 - t0) / 1e6, (t2 - t0) / 1e6, redeliveries));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get();
        }
    }

    /**
     * Refused writes on every item kind but the articles' own ({@code article}, {@code revision}):
     * the listing items, whatever the store names them ({@code listing#...} today).
     */
    static long listingRetries(WriteMeter.Snapshot writes) {
        return writes.failures() - writes.failures("article") - writes.failures("revision");
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void writeRuns(Path tsv, List<Publish> publishes) throws IOException {
        Files.createDirectories(tsv.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
            out.println("round\tpublisher\tk\tapi_ms\ttotal_ms\tredeliveries");
            for (Publish p : publishes) {
                out.printf(Locale.ROOT, "%d\t%d\t%d\t%.2f\t%.2f\t%d%n", p.round(), p.publisher(), p.k(), p.apiMillis(),
                        p.totalMillis(), p.redeliveries());
            }
        }
    }

    private static void writeRounds(Path tsv, List<Round> rounds, int publishers) throws IOException {
        Files.createDirectories(tsv.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
            out.println("round\tpublishers\tpublishes\twall_ms\tlisting_condition_failures\tcondition_failures"
                    + "\tredeliveries\tdynamo_items\tdynamo_bytes\tdynamo_units\trefused_by_kind");
            for (Round r : rounds) {
                out.printf(Locale.ROOT, "%d\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%s%n", r.round(), publishers, r.publishes(),
                        r.wallMillis(), listingRetries(r.writes()), r.writes().failures(), r.redeliveries(),
                        r.writes().items(), r.writes().bytes(), r.writes().writeUnits(), r.writes().conditionFailures());
            }
        }
    }
}
