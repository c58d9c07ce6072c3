package broadsheet.bench;

import broadsheet.aws.ArticleItems;
import broadsheet.core.article.Article;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import broadsheet.lambda.stream.StreamEventJson;
import broadsheet.lambda.stream.StreamRecords;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the deployable functions jar against the local servers: for each JVM
 * configuration, fresh JVMs that each serve one request, measured from just before the process
 * starts to the moment the request has completed:
 * <ul>
 *   <li>{@code floor}: {@link ColdStartFloor}, a trivial main (same class path and flags);</li>
 *   <li>{@code api}: the first create-article request through {@code ApiHandler};</li>
 *   <li>{@code publish}: the first stream batch (that article's INSERT) through {@code PublisherHandler}.</li>
 * </ul>
 * Configurations run in turn within each round, so they share the machine's conditions.
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.ColdStartBench --functions-jar JAR
 * --classes DRIVER.jar [--runs 7] [--cds FILE] [--tsv FILE]}.
 */
public final class ColdStartBench {

    private static final String TABLE = "coldstart";
    private static final String BUCKET = "coldstart";

    record Config(String name, List<String> flags) {
    }

    private final LocalAws aws;
    private final String classPath;
    private final Path work;
    private final CorpusGenerator articles = new CorpusGenerator(777);
    private final SiteLayout layout = new SiteLayout(SiteConfig.load());
    private final StreamRecords streams = new StreamRecords(
            "arn:aws:dynamodb:us-east-1:123456789012:table/bench/stream/2026-11-01T00:00:00.000", 100_000_000_000_000_000L);
    private int next;

    ColdStartBench(LocalAws aws, String classPath, Path work) {
        this.aws = aws;
        this.classPath = classPath;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path jar = Path.of(a.value("functions-jar"));
        String classPath = String.join(File.pathSeparator, jar.toString(), a.value("classes"));
        int runs = a.has("runs") ? a.integer("runs") : 7;
        Path cds = Path.of(a.has("cds") ? a.value("cds") : "bench/target/functions.jsa");
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/coldstart.runs.tsv");
        Path work = Files.createTempDirectory("broadsheet-coldstart");
        System.out.printf("functions jar: %s, %d bytes (%.1f MiB)%n", jar, Files.size(jar), Files.size(jar) / 1048576.0);

        List<String> lambdaFlags = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        try (LocalAws aws = LocalAws.start(Optional.empty())) {
            aws.createTableAndBucket(TABLE, BUCKET);
            ColdStartBench bench = new ColdStartBench(aws, classPath, work);
            // AppCDS: the classes both functions load, archived from one training JVM serving a
            // create request and a stream batch
            bench.api(lambdaFlags);
            List<String> training = new ArrayList<>(lambdaFlags);
            training.add("-XX:ArchiveClassesAtExit=" + cds);
            Files.deleteIfExists(cds);
            bench.train(training);
            List<Config> configs = new ArrayList<>(List.of(new Config("jdk-defaults", List.of()),
                    new Config("c1+serial", lambdaFlags)));
            List<String> withCds = new ArrayList<>(lambdaFlags);
            withCds.add("-XX:SharedArchiveFile=" + cds);
            configs.add(new Config("c1+serial+appcds", withCds));

            Files.createDirectories(tsv.toAbsolutePath().getParent());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv))) {
                out.println("run\tconfig\tkind\tmillis\tphases");
                for (int run = 1; run <= runs; run++) {
                    for (int k = 0; k < configs.size(); k++) {
                        Config c = configs.get((k + run) % configs.size());
                        double floor = bench.floor(c.flags());
                        double api = bench.api(c.flags());
                        String apiPhases = bench.phases();
                        OptionalDouble publish = bench.publishLast(c.flags());
                        String publishPhases = bench.phases();
                        out.printf("%d\t%s\tfloor\t%.1f\t%n%d\t%s\tapi\t%.1f\t%s%n",
                                run, c.name(), floor, run, c.name(), api, apiPhases);
                        if (publish.isPresent()) {
                            out.printf("%d\t%s\tpublish\t%.1f\t%s%n", run, c.name(), publish.getAsDouble(), publishPhases);
                        }
                        out.flush();
                        System.out.printf("run %d %-18s floor %6.1f ms  api %7.1f ms  publish %s%n",
                                run, c.name(), floor, api,
                                publish.isPresent() ? String.format("%7.1f ms", publish.getAsDouble()) : "failed");
                    }
                }
            }
            System.out.printf("stream batches delivered again after a failed delivery: %d; batches that failed all %d "
                    + "deliveries (no publish time recorded for that round): %d%n", bench.retries, DELIVERIES, bench.abandoned);
            System.out.printf("conditional S3 writes of unknown outcome (I/O error) that the publisher read again: %d%n",
                    bench.unknownOutcomes);
        }
    }

    /** How often a failed stream batch is delivered in all, first delivery included. */
    static final int DELIVERIES = 3;

    private String lastSlug;
    private int retries;
    private int abandoned;
    /** Warnings of {@code S3SiteBucket} in the child JVMs' output: writes of unknown outcome decided again. */
    private long unknownOutcomes;

    double floor(List<String> flags) throws Exception {
        return spawn(flags, ColdStartFloor.class.getName(), List.of(), "floor");
    }

    /** A fresh JVM creating one new article; its slug is remembered for {@link #publishLast}. */
    double api(List<String> flags) throws Exception {
        return spawn(flags, ColdStart.class.getName(), List.of("api", nextApiEvent().toString()), "201");
    }

    /**
     * A fresh JVM publishing the stream batch of the last article created; empty when the batch
     * failed every one of {@link #DELIVERIES} deliveries.
     */
    OptionalDouble publishLast(List<String> flags) throws Exception {
        String slug = lastSlug;
        Path event = streamEventOfLast();
        double millis = Double.NaN;
        // the stream delivers a failed batch again (publishing is idempotent); so does the benchmark,
        // and the cold start of the delivery that succeeds is the one measured
        for (int delivery = 1; delivery <= DELIVERIES && Double.isNaN(millis); delivery++) {
            try {
                millis = spawn(flags, ColdStart.class.getName(), List.of("publish", event.toString()), "failures=0");
            } catch (IllegalStateException failed) {
                System.out.println("publish batch failed (delivery " + delivery + "): "
                        + failed.getMessage().lines().findFirst().orElse(""));
                String cause = failed.getMessage().lines().filter(l -> l.startsWith("Caused by") || l.startsWith("SEVERE"))
                        .findFirst().orElse("");
                System.out.println("  " + cause);
                if (delivery < DELIVERIES) {
                    retries++;
                }
            }
        }
        if (Double.isNaN(millis)) {
            abandoned++;
            return OptionalDouble.empty();
        }
        Article article = ArticleItems.fromItem(aws.dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(ArticleItems.key(slug))).item());
        String key = layout.articleKey(article.section(), article.slug());
        aws.s3.headObject(b -> b.bucket(BUCKET).key(key));
        return OptionalDouble.of(millis);
    }

    /** One JVM: a new article's create request, then the stream batch of the article created before it. */
    void train(List<String> flags) throws Exception {
        Path stream = streamEventOfLast();
        Path event = nextApiEvent();
        spawn(flags, ColdStart.class.getName(), List.of("train", event.toString(), stream.toString()), "failures=0");
    }

    /** The create request of a new article, written to a file; its slug is remembered for {@link #publishLast}. */
    private Path nextApiEvent() throws IOException {
        Article article = IncrementalPublish.newArticle(articles, next++);
        Path event = work.resolve("api-" + next + ".json");
        Files.writeString(event, PipelineSite.apiEventJson(PipelineSite.body(article)), StandardCharsets.UTF_8);
        lastSlug = article.slug();
        return event;
    }

    private Path streamEventOfLast() throws IOException {
        Map<String, AttributeValue> item = aws.dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(ArticleItems.key(lastSlug))).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("article " + lastSlug + " was not stored");
        }
        Path event = work.resolve("publish-" + next + ".json");
        Files.write(event, StreamEventJson.write(streams.event(Map.of(), item)));
        return event;
    }

    private double spawn(List<String> flags, String mainClass, List<String> args, String expected) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Path output = work.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL") || name.startsWith("JDK_JAVA"));
        env.put("TABLE_NAME", TABLE);
        env.put("BUCKET_NAME", BUCKET);
        env.put("SITE_BASE_URL", "https://broadsheet.example");
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("AWS_REGION", broadsheet.local.servers.LocalCredentials.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", broadsheet.local.servers.LocalCredentials.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", broadsheet.local.servers.LocalCredentials.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynalite.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", aws.s3proxy.endpoint().toString());
        long start = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish");
        }
        String log = Files.readString(output);
        unknownOutcomes += log.lines().filter(l -> l.contains("has an unknown outcome")).count();
        String done = log.lines().filter(l -> l.startsWith("done ")).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException(mainClass + " " + args + " failed:\n" + log));
        String[] parts = done.split(" ");
        if (process.exitValue() != 0 || !parts[2].equals(expected)) {
            throw new IllegalStateException(mainClass + " " + args + " answered " + parts[2] + ":\n" + log);
        }
        lastPhases.clear();
        log.lines().filter(l -> l.startsWith("phase ")).forEach(l -> {
            String[] p = l.split(" ");
            lastPhases.put(p[1], (Long.parseLong(p[2]) - start) / 1000.0);
        });
        return (Long.parseLong(parts[1]) - start) / 1000.0;
    }

    /** Milliseconds from process start to the end of each phase of the last child JVM. */
    private final Map<String, Double> lastPhases = new LinkedHashMap<>();

    private String phases() {
        StringBuilder s = new StringBuilder();
        lastPhases.forEach((name, millis) -> s.append(String.format("%s=%.1f;", name, millis)));
        return s.toString();
    }
}
