package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.stream.StreamEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incremental publish on the local servers: one new article, from the API call to the last page
 * written, into sites of different sizes held side by side (one table and one bucket each) and
 * measured alternately in the same run.
 *
 * <p>Per publish: the create request through {@code ApiHandler} (validation, conditional
 * PutItem), the stream event of that write (built from the captured old and new item, so the
 * stream's own delivery delay is not included), and {@code PublisherHandler} rendering and
 * uploading every page the change touches. Counted: S3 PutObject (and the other S3 and DynamoDB
 * requests) made between the API call and the end of the publish.
 *
 * <p>Command: {@code java -cp CLASSPATH broadsheet.bench.IncrementalPublish --sizes 1000,20000
 * [--runs 9] [--warmup 5] [--tsv FILE]}.
 */
public final class IncrementalPublish {

    record Sample(int n, int run, double apiMillis, double publishMillis, Map<String, Long> s3, Map<String, Long> dynamo,
                  double s3Millis, double dynamoMillis) {
        double totalMillis() {
            return apiMillis + publishMillis;
        }
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        List<Integer> sizes = new ArrayList<>();
        for (String s : a.value("sizes").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int runs = a.has("runs") ? a.integer("runs") : 9;
        int warmup = a.has("warmup") ? a.integer("warmup") : 5;
        Path tsv = Path.of(a.has("tsv") ? a.value("tsv") : "bench/target/results/incremental.runs.tsv");
        SiteConfig site = SiteConfig.load();
        CorpusGenerator corpus = new CorpusGenerator(Corpus.DEFAULT_SEED);
        CorpusGenerator fresh = new CorpusGenerator(4242);

        try (LocalAws aws = LocalAws.start(Optional.empty())) {
            List<PipelineSite> sites = new ArrayList<>();
            for (int n : sizes) {
                long start = System.nanoTime();
                String name = "bench-" + n;
                new SiteSeeder(aws, site, 8).seed(name, name, corpus.articles(n), true);
                sites.add(new PipelineSite(aws, site, name, name));
                System.out.printf("seeded a site of %d articles (%s) in %d s%n", n, name,
                        (System.nanoTime() - start) / 1_000_000_000);
            }
            // every site gets the same new article in a round, so the pages it touches (its section,
            // authors and tags) are the same and only the size of the site differs
            int next = 0;
            for (int w = 0; w < warmup; w++) {
                Article article = newArticle(fresh, next++);
                for (int i = 0; i < sites.size(); i++) {
                    measure(aws, sites.get(i), sizes.get(i), -1, article);
                }
            }
            List<Sample> samples = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Article article = newArticle(fresh, next++);
                for (int k = 0; k < sites.size(); k++) {
                    int i = run % 2 == 0 ? sites.size() - 1 - k : k; // alternate the order
                    Sample s = measure(aws, sites.get(i), sizes.get(i), run, article);
                    samples.add(s);
                    System.out.printf("run %d N=%d: api %.1f ms + publish %.1f ms = %.1f ms; S3 %s in %.1f ms;"
                                    + " DynamoDB %s in %.1f ms%n", run, s.n(), s.apiMillis(), s.publishMillis(),
                            s.totalMillis(), s.s3(), s.s3Millis(), s.dynamo(), s.dynamoMillis());
                }
            }
            write(tsv, samples);
        }
    }

    static Sample measure(LocalAws aws, PipelineSite site, int n, int run, Article article) {
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
        return new Sample(n, run, (t1 - t0) / 1e6, (t2 - t1) / 1e6, s3, dynamo, s3Millis, dynamoMillis);
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
            out.println("run\tn\tapi_ms\tpublish_ms\ttotal_ms\ts3_put\ts3_copy\ts3_requests\tdynamo_requests"
                    + "\ts3_ms\tdynamo_ms");
            for (Sample s : samples) {
                out.printf("%d\t%d\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%.2f\t%.2f%n", s.run(), s.n(), s.apiMillis(), s.publishMillis(),
                        s.totalMillis(), s.s3().getOrDefault("PutObject", 0L), s.s3().getOrDefault("CopyObject", 0L),
                        s.s3().values().stream().mapToLong(Long::longValue).sum(),
                        s.dynamo().values().stream().mapToLong(Long::longValue).sum(), s.s3Millis(), s.dynamoMillis());
            }
        }
    }
}
