package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.markdown.MarkdownRenderer;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Rendering cost of one page on one core (one benchmark thread): an article page of the corpus
 * (Markdown body of 600-900 words), its Markdown alone, a section front with its Atom and RSS feeds (the pages
 * of one front listing of the site's front size in entries) and an archive month with its
 * sitemap (about 75 entries). Run with {@code bench/jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Threads(1)
public class RenderBenchmark {

    private MustachePages pages;
    private MarkdownRenderer markdown;
    private Article article;
    private ListingId frontId;
    private Listing front;
    private ListingId monthId;
    private Listing month;

    @Setup
    public void setUp() {
        SiteConfig config = SiteConfig.load();
        pages = new MustachePages(config);
        markdown = new MarkdownRenderer();
        CorpusGenerator generator = new CorpusGenerator(7);
        List<Article> articles = generator.articles(2000);
        article = articles.get(0);
        String section = article.section();
        Map<YearMonth, List<ListingEntry>> months = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Article a : articles) {
            if (a.section().equals(section)) {
                months.computeIfAbsent(Listings.monthOf(a.publishAt()), m -> new ArrayList<>()).add(Listings.entryOf(a));
            }
        }
        Map<YearMonth, Listing> monthListings = new TreeMap<>(java.util.Comparator.reverseOrder());
        months.forEach((m, entries) -> {
            entries.sort(Listings.NEWEST_FIRST);
            monthListings.put(m, new Listing(entries, Map.of()));
        });
        frontId = ListingId.sectionFront(section);
        front = Listings.front(Listing.EMPTY, monthListings, config.frontSize());
        // a full month: the second newest (the newest month of the corpus is partial)
        YearMonth full = new ArrayList<>(monthListings.keySet()).get(1);
        monthId = ListingId.sectionMonth(section, full);
        month = monthListings.get(full);
    }

    @Benchmark
    public RenderedPage articlePage() {
        return pages.articlePage(article);
    }

    @Benchmark
    public String articleMarkdown() {
        return markdown.toHtml(article.body());
    }

    @Benchmark
    public List<RenderedPage> sectionFrontAndFeed() {
        return pages.listingPages(frontId, front);
    }

    @Benchmark
    public List<RenderedPage> archiveMonthAndSitemap() {
        return pages.listingPages(monthId, month);
    }

    /** How many entries the benchmarked listings hold (printed by {@code bench/jmh}). */
    public static void main(String[] args) {
        RenderBenchmark b = new RenderBenchmark();
        b.setUp();
        System.out.printf("article body %d chars; front %d entries, %d months; archive %s %d entries%n",
                b.article.body().length(), b.front.entries().size(), b.front.monthCounts().size(), b.monthId,
                b.month.entries().size());
    }
}
