package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.listing.SiteListings;
import broadsheet.core.render.Pages;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Full rebuild of the site from a corpus of article JSON files: what runs when templates change.
 * Renders with the core the Lambdas use ({@link MustachePages},
 * {@link Listings}) and produces the pages a {@link Publisher} would have left in the bucket
 * after publishing every article one by one, plus the fixed pages (404, stylesheet, robots.txt):
 * <ol>
 *   <li>every article file is read (as the API writes articles; {@code --validate} also runs each
 *       through the API's validator), and each live article's page is rendered and written; only
 *       its listing entry is kept, so memory stays small at any N;</li>
 *   <li>the month listings and fronts of every collection (sections, authors, tags) and home are
 *       built in bulk from those entries, with the same functions the publisher uses
 *       ({@link Listings#collectionsOf}, {@link Listings#front}, {@link Listings#home},
 *       {@link Listings#recent}), and their pages rendered and written, with the news sitemap.</li>
 * </ol>
 * Both steps run on a fork-join pool of {@code --threads} workers (default: every core).
 *
 * <p>Command: {@code java -cp broadsheet-bench.jar broadsheet.bench.Export --corpus DIR --out DIR
 * [--threads N] [--io-threads N] [--validate] [--now 2026-11-29T00:00:00Z] [--repeat N]}; {@code --repeat} runs the export
 * again in the same JVM, to tell warm-up from steady state. Pages are written by {@code --io-threads}
 * writer threads (default: four per rendering thread), see {@link DirectorySink}. {@code --corpus} is a corpus directory written by
 * {@link Corpus} (its {@code broadsheet/} tree is read) or any directory of article JSON files.
 */
public final class Export {

    /** What one export did. */
    public record Result(int articles, int live, int listings, long pages, long articleMillis, long listingMillis) {
    }

    private final SiteConfig config;
    private final Pages pages;
    private final ArticleValidator validator;
    private final StoredArticleReader reader = new StoredArticleReader();
    private final Instant now;
    private final boolean validate;

    public Export(SiteConfig config, Instant now) {
        this(config, now, false);
    }

    public Export(SiteConfig config, Instant now, boolean validate) {
        this.config = config;
        this.pages = new MustachePages(config);
        this.validator = new ArticleValidator(config);
        this.now = now;
        this.validate = validate;
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        Path corpus = Path.of(a.value("corpus"));
        Path out = Path.of(a.value("out"));
        int threads = a.has("threads") ? a.integer("threads") : Runtime.getRuntime().availableProcessors();
        Instant now = a.has("now") ? Instant.parse(a.value("now")) : Instant.now();
        int ioThreads = a.has("io-threads") ? a.integer("io-threads") : 4 * threads;
        int repeat = a.has("repeat") ? a.integer("repeat") : 1;
        Export export = new Export(SiteConfig.load(), now, a.has("validate"));
        for (int run = 1; run <= repeat; run++) {
            long start = System.nanoTime();
            Result result;
            try (DirectorySink sink = new DirectorySink(out, ioThreads, 512)) {
                result = export.run(corpus, sink, threads);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("export: %d articles (%d live), %d listings, %d pages in %d ms (%.0f pages/s, %d threads;"
                            + " article pages %d ms, listing pages %d ms)%n",
                    result.articles(), result.live(), result.listings(), result.pages(), millis,
                    result.pages() * 1000.0 / Math.max(1, millis), threads, result.articleMillis(), result.listingMillis());
        }
    }

    /** Renders every page of the site held in {@code corpus} into {@code sink}. */
    public Result run(Path corpus, PageSink sink, int threads) throws IOException {
        List<Path> files = articleFiles(corpus);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            AtomicLong written = new AtomicLong();
            PageSink counting = page -> {
                sink.write(page);
                written.incrementAndGet();
            };
            ConcurrentLinkedQueue<SiteListings.Listed> live = new ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            inPool(pool, () -> files.parallelStream().forEach(file -> {
                Article article = read(file);
                if (article.isLive(now)) {
                    counting.write(pages.articlePage(article));
                    live.add(SiteListings.Listed.of(article));
                }
            }));
            long articlesDone = System.nanoTime();
            Map<ListingId, Listing> listings = SiteListings.of(live, config.sectionSlugs(), pages.frontSizes());
            inPool(pool, () -> listings.entrySet().parallelStream()
                    .forEach(e -> pages.allPages(e.getKey(), e.getValue()).forEach(counting::write)));
            counting.write(pages.newsSitemap(Listings.recent(SiteListings.sectionFronts(listings, config.sectionSlugs()).values(), now)));
            pages.fixedPages().forEach(counting::write);
            long listingsDone = System.nanoTime();
            return new Result(files.size(), live.size(), listings.size(), written.get(),
                    (articlesDone - start) / 1_000_000, (listingsDone - articlesDone) / 1_000_000);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Reads one stored article file. With {@code validate}, the file is also run through the API's
     * validator, which must accept it and agree on every editor field.
     */
    Article read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Article article = reader.read(json);
        if (validate) {
            Validated validated = validator.parse(json);
            if (validated instanceof Validated.Invalid invalid) {
                throw new IllegalArgumentException(file + " is not a valid article: " + invalid.violations());
            }
            Article valid = ((Validated.Valid) validated).article();
            if (!valid.withTimes(article.createdAt(), article.updatedAt()).withVersion(article.version()).equals(article)) {
                throw new IllegalArgumentException(file + " reads differently through the API's validator");
            }
        }
        return article;
    }

    private static List<Path> articleFiles(Path corpus) throws IOException {
        Path root = Files.isDirectory(corpus.resolve(Corpus.BROADSHEET_DIR)) ? corpus.resolve(Corpus.BROADSHEET_DIR)
                : corpus;
        // the walk's own attributes, not a stat per file
        try (Stream<Path> found = Files.find(root, Integer.MAX_VALUE,
                (p, attributes) -> attributes.isRegularFile() && p.getFileName().toString().endsWith(".json"))) {
            return found.sorted().toList();
        }
    }

    private static void inPool(ForkJoinPool pool, Runnable work) {
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("export interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
