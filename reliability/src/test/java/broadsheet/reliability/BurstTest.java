package broadsheet.reliability;

import broadsheet.core.site.SiteLayout;
import broadsheet.local.DeadLetters;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst into one section month ({@code reliability} profile): 8 editors post 1,000 published
 * articles into the same section and month through the local stack's API, as fast as it takes
 * them. Afterwards the change feed must catch up with no dead letter, the section's archive for
 * that month (the month page and every page under it that it links to, as a reader finds them
 * through the site server) must list every one of the 1,000 articles exactly once, the section
 * front must show the newest of them (a front page's worth), and the site must agree with the table.
 *
 * <p>A section month has no ceiling ({@code docs/design.md}: no ceiling from the store), so this
 * is the month a store that keeps a month's listing in one DynamoDB item (400 KB at most) cannot
 * hold. The articles' publish times are spread over October 2026 (in the past, so all are live)
 * and interleave between the editors, so publishers insert into the month out of order.
 */
@Tag("long")
class BurstTest {

    static final int EDITORS = 8;
    /** {@code -Dbroadsheet.burst.articles} runs a smaller or larger burst (default 1,000). */
    static final int ARTICLES = Integer.getInteger("broadsheet.burst.articles", 1000);
    static final String SECTION = "world";
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);

    @RegisterExtension
    static final RunningStack.PerClass STACK = RunningStack.perClass();

    @Test
    void eightEditorsPostingOneThousandArticlesIntoOneSectionMonthAreAllListedWithNoDeadLetter() throws Exception {
        RunningStack stack = STACK.get();
        Instant monthStart = MONTH.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        Duration step = Duration.ofSeconds(MONTH.lengthOfMonth() * 86_400L / ARTICLES);
        Map<String, Instant> publishAt = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

        long t0 = System.nanoTime();
        ExecutorService editors = Executors.newFixedThreadPool(EDITORS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int e = 0; e < EDITORS; e++) {
                int editor = e;
                work.add(editors.submit(() -> {
                    // editor e posts articles e, e + 8, e + 16, ...: the editors' publish times interleave
                    for (int i = editor; i < ARTICLES; i += EDITORS) {
                        String slug = "burst-" + i;
                        Instant at = monthStart.plus(step.multipliedBy(i)).plusSeconds(60);
                        Api.Answer answer = stack.api.create(article(slug, editor, i, at).toString());
                        if (answer.status() == 201) {
                            publishAt.put(slug, at);
                        } else {
                            unexpected.add(slug + ": " + answer.status() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            editors.shutdownNow();
        }
        long t1 = System.nanoTime();
        assertThat(unexpected).as("answers other than 201 to the burst's creates").isEmpty();
        assertThat(publishAt).hasSize(ARTICLES);

        // Wait for the feed to catch up; a dead letter ends the wait (it will not be listed).
        DeadLetters deadLetters = stack.stack.deadLetters();
        Instant limit = Instant.now().plus(SETTLE_LIMIT);
        List<DeadLetters.DeadLetter> dead = deadLetters.read();
        while (dead.isEmpty() && !stack.stack.feed().awaitSettled(Duration.ofMillis(500)) && Instant.now().isBefore(limit)) {
            dead = deadLetters.read();
        }
        long t2 = System.nanoTime();
        long pending = stack.stack.feed().pending();
        dead = deadLetters.read();
        System.out.printf("burst: %d editors posted %d articles into %s %s in %.1f s (%.0f/s); the feed caught up"
                        + " %.1f s after the last answer (%.1f s in all); %d pending, %d dead letters%s%n",
                EDITORS, ARTICLES, SECTION, MONTH, (t1 - t0) / 1e9, ARTICLES / ((t1 - t0) / 1e9), (t2 - t1) / 1e9,
                (t2 - t0) / 1e9, pending, dead.size(), dead.isEmpty() ? "" : "; first: " + dead.get(0).reason());
        assertThat(dead.stream().map(d -> d.attempts() + " attempts: " + d.reason()).toList())
                .as("dead letters (changes the publisher failed every attempt; its log says why)").isEmpty();
        assertThat(pending).as("changes still pending after %s", SETTLE_LIMIT).isZero();

        SiteLayout layout = new SiteLayout(stack.site);
        String monthPath = layout.archivePath(SECTION, MONTH);
        Map<String, Integer> listed = archiveListing(monthPath, URI.create(monthPath).resolve("../").getPath());
        Set<String> missing = new java.util.TreeSet<>(publishAt.keySet());
        missing.removeAll(listed.keySet());
        Map<String, Integer> twice = new TreeMap<>();
        listed.forEach((slug, times) -> {
            if (times > 1) {
                twice.put(slug, times);
            }
        });
        System.out.printf("burst: %d of %d articles listed in the %s archive of %s%n", publishAt.size() - missing.size(),
                ARTICLES, SECTION, MONTH);
        assertThat(missing).as("articles missing from the archive of %s %s", SECTION, MONTH).isEmpty();
        assertThat(twice).as("articles listed more than once in the archive").isEmpty();
        assertThat(listed.keySet()).as("archive entries that were not posted").isEqualTo(publishAt.keySet());

        List<String> newest = publishAt.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()))
                .limit(stack.site.pageSize()).map(Map.Entry::getKey).toList();
        Set<String> onFront = articleLinks(page(layout.sectionFrontPath(SECTION)));
        assertThat(onFront).as("the section front shows the newest %d", newest.size())
                .containsExactlyInAnyOrderElementsOf(newest);

        ConvergenceChecker.Report report = stack.settleAndCheck();
        assertThat(report.divergences()).as("table/site divergences").isEmpty();
    }

    private static ObjectNode article(String slug, int editor, int i, Instant publishAt) {
        ObjectNode article = HostileCorpus.valid();
        article.put("slug", slug);
        article.put("section", SECTION);
        // entries of a realistic size (the corpus' headlines and standfirsts), so the month's listing
        // weighs what a real month's does: about 650 bytes per entry
        article.put("headline", "Burst article " + i + ": ministers meet regional leaders as talks on the budget resume");
        article.put("standfirst", "Posted by editor " + editor + " in a burst of articles into one section month, with a"
                + " standfirst as long as a real one: two sentences on what happened, where, and why it matters to readers.");
        ((ObjectNode) article.get("image")).put("alt", "A photo of the scene for burst article " + i);
        article.put("body", "Article " + i + " of the burst.\n\nSecond paragraph.");
        article.putArray("authors").add("Burst Editor " + editor);
        article.putArray("tags").add("burst");
        article.put("publishAt", publishAt.toString());
        return article;
    }

    /**
     * The articles a reader finds in a section's archive month: the month page and every archive
     * page of the section's year ({@code /world/archive/2026/...}) that it, or one of those pages, links
     * to, such as pages of days or of older entries. Counted once per page an article is linked
     * from, so an article on two archive pages counts twice (an article appears on exactly one
     * archive page of its section: docs/design-publishing.md).
     */
    private static Map<String, Integer> archiveListing(String monthPath, String yearPath) {
        Map<String, Integer> found = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(monthPath));
        seen.add(monthPath);
        while (!queue.isEmpty()) {
            Document page = page(queue.poll());
            for (String slug : articleLinks(page)) {
                found.merge(slug, 1, Integer::sum);
            }
            for (Element a : page.select("a[href]")) {
                String path = URI.create(a.absUrl("href")).getPath();
                if (path != null && path.startsWith(yearPath) && seen.add(path)) {
                    queue.add(path);
                }
            }
        }
        return found;
    }

    /** The burst articles a page links to, by slug ({@code /world/burst-12/}). */
    private static Set<String> articleLinks(Document page) {
        Set<String> slugs = new LinkedHashSet<>();
        for (Element a : page.select("a[href]")) {
            String path = URI.create(a.absUrl("href")).getPath();
            String prefix = "/" + SECTION + "/burst-";
            if (path != null && path.startsWith(prefix) && path.endsWith("/")
                    && path.indexOf('/', prefix.length()) == path.length() - 1) {
                slugs.add(path.substring(SECTION.length() + 2, path.length() - 1));
            }
        }
        return slugs;
    }

    private static Document page(String path) {
        RunningStack stack = STACK.get();
        Api.Answer answer = stack.api.page(path);
        assertThat(answer.status()).as("GET %s", path).isEqualTo(200);
        return Jsoup.parse(answer.body(), stack.siteUrl().resolve(path).toString());
    }
}
