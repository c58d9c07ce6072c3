package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.site.SiteLayout;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty World articles published by publisher functions running at once, as Lambda runs one
 * invocation per stream shard: once every batch has been delivered (retried as Lambda retries),
 * the section front shows exactly the newest ones and each article is on exactly one page of its
 * archive day.
 */
class ParallelPublishingIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final int ARTICLES = 50;
    private static final int PUBLISHERS = 4;
    private static final int BATCH = 5;
    private static final Pattern STORY = Pattern.compile("/world/(parallel-story-\\d+)/");

    @Test
    void concurrentPublishersConvergeOnFrontAndArchives() throws Exception {
        Instant first = Instant.parse("2026-10-20T06:00:00Z");
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        List<Article> published = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            Instant publishAt = first.plus(Duration.ofHours(17L * i));
            String slug = "parallel-story-" + i;
            published.add(functions.articles.create(new Article("world", slug, "Parallel story " + i,
                    "Standfirst " + i, "Body of story " + i + ".",
                    new LeadImage("https://images.broadsheet.example/" + slug + ".jpg", "Photo for story " + i,
                            "Caption " + i, "Broadsheet"),
                    List.of("Desk " + i % 3), List.of("parallel"), null, Status.PUBLISHED, publishAt, publishAt, publishAt, 0)));
        }
        List<LocalFunctions.Write> writes = new ArrayList<>(functions.takeWrites());
        assertThat(writes).hasSize(ARTICLES);
        Collections.shuffle(writes, new java.util.Random(7));
        List<StreamEvent> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH) {
            batches.add(functions.stream(writes.subList(from, Math.min(writes.size(), from + BATCH))));
        }

        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<PublisherHandler> handlers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                handlers.add(functions.publisher());
            }
            List<Future<Integer>> deliveries = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                PublisherHandler handler = handlers.get(b % PUBLISHERS);
                StreamEvent batch = batches.get(b);
                deliveries.add(pool.submit(() -> LocalFunctions.deliver(handler, batch)));
            }
            for (Future<Integer> delivery : deliveries) {
                assertThat(delivery.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> newestFirst = published.stream()
                .sorted(Comparator.comparing(Article::publishAt).reversed())
                .map(Article::slug).toList();
        int shown = functions.site.pageSize();
        assertThat(stories(functions.page("world/index.html")))
                .containsExactlyElementsOf(newestFirst.subList(0, shown));

        SiteLayout layout = functions.layout;
        Set<YearMonth> months = new TreeSet<>();
        published.forEach(a -> months.add(SiteLayout.archiveMonth(a.publishAt())));
        assertThat(months).hasSizeGreaterThan(1);
        List<String> archived = new ArrayList<>();
        for (YearMonth month : months) {
            ListingId id = ListingId.sectionMonth("world", month);
            String monthKey = layout.archiveKey("world", month);
            assertThat(functions.page(monthKey)).contains("nav class=\"archive\"");
            for (var day : Listings.dayCounts(functions.listings.get(id).orElseThrow().value()).entrySet()) {
                List<String> onDay = new ArrayList<>();
                for (int page = 1; page <= Listings.pagesOf(day.getValue(), functions.site.pageSize()); page++) {
                    String key = monthKey.replace("index.html", String.format("%02d/", day.getKey().getDayOfMonth())
                            + (page > 1 ? page + "/" : "") + "index.html");
                    onDay.addAll(stories(functions.page(key)));
                }
                assertThat(onDay).doesNotHaveDuplicates().hasSize(day.getValue());
                archived.addAll(onDay);
                List<String> listed = functions.listings.day(id, day.getKey()).stream().map(ListingEntry::slug).toList();
                assertThat(listed).containsExactlyInAnyOrderElementsOf(onDay);
            }
        }
        assertThat(archived).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(newestFirst);
    }

    /** The article slugs a page links to, in page order, each once. */
    private static List<String> stories(String html) {
        List<String> slugs = new ArrayList<>();
        Matcher m = STORY.matcher(html);
        while (m.find()) {
            if (!slugs.contains(m.group(1))) {
                slugs.add(m.group(1));
            }
        }
        return slugs;
    }
}
