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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incremental publish on the local servers: one new article, from the API call to the last page
 * written, into sites of different sizes held side by side (one table and one bucket each) and
 * measured alternately in the same run.
 *
 * <p>A site is {@code N:M}: {@code N} corpus articles and a target section month (the section
 * {@code --section}, the current month) already holding {@code M} published articles
 * ({@link TargetMonth}). Every measured article goes into that section month. Sites are seeded
 * by {@link SiteSeeder} (article items and listing items; listing pages only with
 * {@code --listing-pages}, since a publish touches only the current listings and the warm-up
 * publishes write their pages); the seeding time of each site is reported, and a site whose
 * seeding fails (a listing the store cannot hold) is reported as such and ends the run.
 *
 * <p>Per publish: the create request through {@code ApiHandler} (validation, conditional
 * PutItem), the stream event of that write (built from the captured old and new item, so the
 * stream's own delivery delay is not included), and {@code PublisherHandler} rendering and
 * uploading every page the change touches. Counted: S3 PutObject (and the other S3 and DynamoDB
 * requests) made between the API call and the end of the publish, and the DynamoDB items, item
 * bytes and write units written, by item kind ({@link WriteMeter}).
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.IncrementalPublish --sites 1000:10,1000:5000,200000:5000
 * [--section world] [--runs 9] [--warmup 5] [--threads 8] [--listing-pages] [--dynalite-dir DIR]
 * [--tsv FILE] [--seed-tsv FILE] [--request-delay-ms 0] [--trace]}; {@code --sizes 1000,20000} is
 * {@code --sites 1000:0,20000:0}.
 *
 * <p>{@code --request-delay-ms D} pauses D ms before every DynamoDB and S3 request of the warm-up
 * and measured publishes is sent (not while seeding): loopback has no network, and without one a
 * publish that makes requests at once gains little over one that makes them one after the other,
 * since both wait on the same two busy local servers. {@code --trace} prints every request of each
 * measured publish with its start and end, operation, outcome, thread and target.
 */
public final class IncrementalPublish {

    record Sample(int n, int entries, int run, double apiMillis, double publishMillis, Map<String, Long> s3,
                  Map<String, Long> dynamo, double s3Millis, double dynamoMillis, WriteMeter.Snapshot writes) {
        double totalMillis() {
            return apiMillis + publishMillis;
        }
    }

    /** Exit status of a run whose seeding failed (reported, not measured). */
    static final int SEEDING_FAILED = 3;

    public static void main(String[] args) throws IOException {
        if (!run(args)) {
            System.exit(SEEDING_FAILED);
        }
    }

    /** Seeds and measures; false when a site could not be seeded (nothing measured). */
    static boolean run(String[] args) throws IOException {
        Args a = Args.parse(args);
        List<int[]> specs = new ArrayList<>();
        String list = a.has("sites") ? a.value("sites") : a.value("sizes");
        for (String s : list.split(",")) {
            String[] parts = s.trim().split(":");
            specs.add(new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0});
        }
        int runs = a.has("runs") ? a.integer("runs") : 9;
        int warmup = a.has("warmup") ? a.integer("warmup") : 5;
        int threads = a.has("threads") ? a.integer("threads") : 8;
        boolean listingPages = a.has("listing-pages");
        long requestDelayMillis = a.has("request-delay-ms") ? a.integer("request-delay-ms") : 0;
        boolean trace = a.has("trace");
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/incremental.runs.tsv");
        Path seedTsv = Path.of(a.has("seed-tsv") ? a.value("seed-tsv") : "bench/target/results/incremental.seed.tsv");
        Optional<Path> dynaliteDir = a.has("dynalite-dir") ? Optional.of(Path.of(a.value("dynalite-dir"))) : Optional.empty();
        SiteConfig site = SiteConfig.load();
        String section = a.has("section") ? a.value("section") : site.sectionSlugs().get(0);
        if (!site.sectionSlugs().contains(section)) {
            throw new IllegalArgumentException("no section " + section + " in " + site.sectionSlugs());
        }
        CorpusGenerator fresh = new CorpusGenerator(4242);
        Instant now = Instant.now();

        try (LocalAws aws = LocalAws.start(dynaliteDir)) {
            List<PipelineSite> sites = new ArrayList<>();
            List<String> seeding = new ArrayList<>();
            for (int[] spec : specs) {
                TargetMonth target = TargetMonth.current(spec[0], spec[1], section, now);
                String name = "bench-" + spec[0] + "-" + spec[1];
                long start = System.nanoTime();
                WriteMeter.Snapshot before = aws.dynamoWrites.snapshot();
                try {
                    new SiteSeeder(aws, site, threads).seed(name, name, target.articles(), false, listingPages);
                } catch (RuntimeException e) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    String cause = rootCause(e);
                    if (cause.contains("maximum allowed size")) {
                        cause = "a listing item of the site is larger than DynamoDB's item limit of 400 KB (" + cause + ")";
                    }
                    System.out.printf("SEEDING FAILED: site of %d articles with %d entries in %s %s, after %.1f s: %s%n",
                            spec[0], spec[1], section, target.month(), seconds, cause);
                    seeding.add(seedLine(spec, target, seconds, aws.dynamoWrites.snapshot().since(before), "failed: " + cause));
                    break;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                WriteMeter.Snapshot written = aws.dynamoWrites.snapshot().since(before);
                seeding.add(seedLine(spec, target, seconds, written, "ok"));
                sites.add(new PipelineSite(aws, site, name, name));
                System.out.printf("seeded a site of %d articles + %d in %s %s (%s) in %.1f s: %d items, %.1f MB%n",
                        spec[0], spec[1], section, target.month(), name, seconds, written.items(), written.bytes() / 1e6);
            }
            writeLines(seedTsv, seeding);
            if (sites.size() < specs.size()) {
                return false;
            }
            // seeded without them: the pause stands in for the network of the measured publishes only
            aws.dynamoRequests.delayEachRequest(requestDelayMillis);
            aws.s3Requests.delayEachRequest(requestDelayMillis);
            if (requestDelayMillis > 0) {
                System.out.printf("every DynamoDB and S3 request pauses %d ms before it is sent%n", requestDelayMillis);
            }
            if (trace) {
                aws.dynamoRequests.trace();
                aws.s3Requests.trace();
            }
            // every site gets the same new article in a round, so the pages it touches (its section,
            // authors and tags) are the same and only the size of the site differs
            int next = 0;
            for (int w = 0; w < warmup; w++) {
                Article article = TargetMonth.inSection(newArticle(fresh, next++), section);
                for (int i = 0; i < sites.size(); i++) {
                    measure(aws, sites.get(i), specs.get(i), -1, article);
                }
            }
            List<Sample> samples = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Article article = TargetMonth.inSection(newArticle(fresh, next++), section);
                for (int k = 0; k < sites.size(); k++) {
                    int i = run % 2 == 0 ? sites.size() - 1 - k : k; // alternate the order
                    Sample s = measure(aws, sites.get(i), specs.get(i), run, article);
                    samples.add(s);
                    System.out.printf("run %d N=%d M=%d: api %.1f ms + publish %.1f ms = %.1f ms; S3 %s in %.1f ms;"
                                    + " DynamoDB %s in %.1f ms; written %s items, %s bytes, %.0f units%n", run, s.n(),
                            s.entries(), s.apiMillis(), s.publishMillis(), s.totalMillis(), s.s3(), s.s3Millis(),
                            s.dynamo(), s.dynamoMillis(), s.writes().itemsWritten(), s.writes().bytesWritten(),
                            s.writes().writeUnits());
                }
            }
            write(tsv, samples);
        }
        return true;
    }

    private static String seedLine(int[] spec, TargetMonth target, double seconds, WriteMeter.Snapshot written, String outcome) {
        return String.format(java.util.Locale.ROOT, "%d\t%d\t%s\t%s\t%.1f\t%d\t%d\t%s", spec[0], spec[1],
                target.section(), target.month(), seconds, written.items(), written.bytes(), outcome.replace('\t', ' '));
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> all = new ArrayList<>();
        all.add("n\tentries\tsection\tmonth\tseconds\titems\tbytes\toutcome");
        all.addAll(lines);
        Files.write(file, all);
    }

    static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return (c.getClass().getSimpleName() + ": " + c.getMessage()).replace('\n', ' ');
    }

    static Sample measure(LocalAws aws, PipelineSite site, int[] spec, int run, Article article) {
        aws.dynamoRequests.drainTrace();
        aws.s3Requests.drainTrace();
        WriteMeter.Snapshot writesBefore = aws.dynamoWrites.snapshot();
        Map<String, Long> s3Before = aws.s3Requests.snapshot();
        Map<String, Long> dynamoBefore = aws.dynamoRequests.snapshot();
        Map<String, Long> s3MicrosBefore = aws.s3Requests.microsSnapshot();
        Map<String, Long> dynamoMicrosBefore = aws.dynamoRequests.microsSnapshot();
        long t0 = System.nanoTime();
        StreamEvent event = site.create(article);
        long t1 = System.nanoTime();
        site.publish(event);
        long t2 = System.nanoTime();
        Map<String, Long> s3 = LocalAws.RequestCounter.since(s3Before, aws.s3Requests.snapshot());
        Map<String, Long> dynamo = LocalAws.RequestCounter.since(dynamoBefore, aws.dynamoRequests.snapshot());
        double s3Millis = sum(LocalAws.RequestCounter.since(s3MicrosBefore, aws.s3Requests.microsSnapshot())) / 1000.0;
        double dynamoMillis = sum(LocalAws.RequestCounter.since(dynamoMicrosBefore,
                aws.dynamoRequests.microsSnapshot())) / 1000.0;
        String key = site.pages.articlePageKey(article.section(), article.slug());
        if (site.siteBucket.get(key).isEmpty()) {
            throw new IllegalStateException("the article page " + key + " was not written");
        }
        WriteMeter.Snapshot writes = aws.dynamoWrites.snapshot().since(writesBefore);
        if (run > 0) {
            printTrace(spec, run, t0, t1, t2, aws.dynamoRequests, aws.s3Requests);
        }
        return new Sample(spec[0], spec[1], run, (t1 - t0) / 1e6, (t2 - t1) / 1e6, s3, dynamo, s3Millis, dynamoMillis,
                writes);
    }

    /**
     * The requests of one measured publish (when traced), in the order they started: start and
     * end in ms from the API call, the service, operation, outcome (HTTP status, or the exception),
     * thread and target. Requests running at once overlap in their start and end.
     */
    private static void printTrace(int[] spec, int run, long t0, long t1, long t2, LocalAws.RequestCounter... counters) {
        record Line(long start, String text) {
        }
        List<Line> lines = new ArrayList<>();
        for (LocalAws.RequestCounter counter : counters) {
            for (LocalAws.RequestCounter.Traced t : counter.drainTrace()) {
                lines.add(new Line(t.startNanos(), String.format(java.util.Locale.ROOT,
                        "%8.1f %8.1f  %-8s %-15s %-5s %-22s %s", (t.startNanos() - t0) / 1e6, (t.endNanos() - t0) / 1e6,
                        counter.service(), t.operation(), t.outcome(), t.thread(), t.target())));
            }
        }
        lines.sort(java.util.Comparator.comparingLong(Line::start));
        System.out.printf("trace of run %d N=%d M=%d (ms from the API call, which ends at %.1f; the publish ends at %.1f):%n",
                run, spec[0], spec[1], (t1 - t0) / 1e6, (t2 - t0) / 1e6);
        System.out.printf("%8s %8s  %-8s %-15s %-5s %-22s %s%n", "start", "end", "service", "operation", "out",
                "thread", "target");
        lines.forEach(line -> System.out.println(line.text()));
    }

    private static long sum(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A new article that no site holds yet (its own seed and a {@code live-} slug). */
    static Article newArticle(CorpusGenerator generator, int k) {
        Article a = generator.article(k);
        String base = a.slug().length() > 60 ? a.slug().substring(0, 60) : a.slug();
        while (base.endsWith("-")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Article(a.section(), "live-" + k + "-" + base, a.headline(), a.standfirst(), a.body(), a.image(),
                a.authors(), a.tags(), a.source(), a.status(), null, null, null, 0);
    }

    private static void write(Path tsv, List<Sample> samples) throws IOException {
        Files.createDirectories(tsv.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
            out.println("run\tn\tentries\tapi_ms\tpublish_ms\ttotal_ms\ts3_put\ts3_copy\ts3_requests\tdynamo_requests"
                    + "\ts3_ms\tdynamo_ms\tdynamo_write_requests\tdynamo_items\tdynamo_bytes\tdynamo_units"
                    + "\tcondition_failures\twrites_by_kind");
            for (Sample s : samples) {
                WriteMeter.Snapshot w = s.writes();
                StringBuilder kinds = new StringBuilder();
                w.itemsWritten().forEach((kind, items) -> kinds.append(kinds.isEmpty() ? "" : ";").append(kind).append('=')
                        .append(items).append('/').append(w.bytesWritten().getOrDefault(kind, 0L)));
                out.printf(java.util.Locale.ROOT, "%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%d\t%d\t%d\t%.1f\t%d\t%s%n",
                        s.run(), s.n(), s.entries(), s.apiMillis(), s.publishMillis(),
                        s.totalMillis(), s.s3().getOrDefault("PutObject", 0L), s.s3().getOrDefault("CopyObject", 0L),
                        s.s3().values().stream().mapToLong(Long::longValue).sum(),
                        s.dynamo().values().stream().mapToLong(Long::longValue).sum(), s.s3Millis(), s.dynamoMillis(),
                        w.writeRequests(), w.items(), w.bytes(), w.writeUnits(), w.failures(), kinds);
            }
        }
    }
}
