package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class SiteRebuildTest {

    private static final SiteConfig SITE = SiteConfig.load();
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "politics", "business");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final MustachePages pages = new MustachePages(SITE);
    private final InMemoryArticleStore articles = new InMemoryArticleStore(clock);
    private final InMemoryListingStore listings = new InMemoryListingStore();
    private final InMemorySiteBucket published = new InMemorySiteBucket();
    private ExecutorService pool;

    @BeforeEach
    void publishASite() {
        pool = Executors.newFixedThreadPool(3);
        Publisher publisher = new Publisher(listings, published, pages, clock, SITE.sectionSlugs());
        for (int i = 0; i < 23; i++) {
            Article a = TestArticles.published(SECTIONS.get(i % 3), "story-" + i, NOW.minus(Duration.ofDays(3L * i)));
            if (i % 4 == 1) {
                a = TestArticles.withPeople(a, List.of("Ann Smith", "Bo Li"), List.of("news", "climate"));
            }
            publisher.apply(ArticleChange.created(articles.create(a)));
        }
        Article draft = articles.create(TestArticles.draft("world", "not-yet"));
        publisher.apply(ArticleChange.created(draft));
        Article scheduled = articles.create(TestArticles.next(TestArticles.published("world", "tomorrow", NOW), "world",
                NOW.plus(Duration.ofDays(1)), Status.PUBLISHED));
        publisher.apply(ArticleChange.created(scheduled));
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void rebuildsIntoAnEmptyBucketExactlyThePagesThePublishersWrote() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 5, pool);

        SiteRebuild.Checkpoint end = rebuild.run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);

        assertThat(rebuild.isFinished(end)).isTrue();
        assertThat(end.articles()).isEqualTo(23);
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
        assertThat(end.uploads()).isEqualTo(rebuilt.puts());
    }

    @Test
    void anInterruptedRebuildResumesFromItsLastCheckpoint() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 4, pool);
        List<String> saved = new ArrayList<>();

        SiteRebuild.Checkpoint stopped = rebuild.run(SiteRebuild.Checkpoint.START, c -> saved.add(c.encode()), 3);
        assertThat(rebuild.isFinished(stopped)).isFalse();
        assertThat(saved).hasSize(3);
        long uploadedBefore = rebuilt.puts();
        assertThat(uploadedBefore).isPositive().isLessThan(contents(published).size());

        SiteRebuild.Checkpoint resumed = SiteRebuild.Checkpoint.decode(saved.get(saved.size() - 1));
        assertThat(resumed).isEqualTo(stopped);
        SiteRebuild.Checkpoint end = rebuild.run(resumed, c -> saved.add(c.encode()), Integer.MAX_VALUE);

        assertThat(rebuild.isFinished(end)).isTrue();
        assertThat(contents(rebuilt)).isEqualTo(withFixedPages(contents(published)));
        assertThat(end.uploads()).isEqualTo(rebuilt.puts());
    }

    @Test
    void aPageWrittenFromANewerVersionIsNotReplaced() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        Article story = articles.find("story-0").orElseThrow();
        RenderedPage newer = new RenderedPage(pages.articlePageKey(story.section(), story.slug()), MustachePages.HTML,
                MustachePages.ARTICLE_CACHE, "newer".getBytes(StandardCharsets.UTF_8));
        rebuilt.put(newer, PageRevision.of(SITE.generation(), story.version() + 1));

        new SiteRebuild(articles, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 10, pool)
                .run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);

        assertThat(new String(rebuilt.get(newer.key()).orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("newer");
    }

    @Test
    void rebuildingAgainUploadsNothing() {
        InMemorySiteBucket rebuilt = new InMemorySiteBucket();
        SiteRebuild rebuild = new SiteRebuild(articles, listings, rebuilt, pages, clock, SITE.sectionSlugs(), 6, pool);
        rebuild.run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);
        long puts = rebuilt.puts();

        SiteRebuild.Checkpoint again = rebuild.run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);

        assertThat(rebuilt.puts()).isEqualTo(puts);
        assertThat(again.uploads()).isZero();
    }

    @Test
    void aRebuildAtANewGenerationReplacesEveryPageOnceAndTheOldTemplatesCannotUndoIt() {
        SiteConfig renamed = new SiteConfig(SITE.name() + " Daily", SITE.description(), SITE.baseUrl(),
                SITE.language(), SITE.sections(), SITE.pageSize(), SITE.feedSize(), SITE.generation() + 1);
        MustachePages newTemplates = new MustachePages(renamed);
        InMemorySiteBucket expected = new InMemorySiteBucket();
        new SiteRebuild(articles, listings, expected, newTemplates, clock, SITE.sectionSlugs(), 7, pool)
                .run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);
        assertThat(contents(expected)).isNotEqualTo(withFixedPages(contents(published)));
        long before = published.puts();

        SiteRebuild rebuild = new SiteRebuild(articles, listings, published, newTemplates, clock, SITE.sectionSlugs(),
                7, pool);
        SiteRebuild.Checkpoint end = rebuild.run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE);

        assertThat(contents(published)).isEqualTo(contents(expected));
        assertThat(published.keys("")).allSatisfy(key -> assertThat(PageRevision.generation(
                published.get(key).orElseThrow().revision())).as(key).isEqualTo(renamed.generation()));
        assertThat(end.uploads()).isPositive().isEqualTo(published.puts() - before);

        long afterRebuild = published.puts();
        assertThat(rebuild.run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE).uploads())
                .as("a second rebuild at the same generation").isZero();
        assertThat(new SiteRebuild(articles, listings, published, pages, clock, SITE.sectionSlugs(), 7, pool)
                .run(SiteRebuild.Checkpoint.START, c -> { }, Integer.MAX_VALUE).uploads())
                .as("a rebuild with the old templates, of the same versions").isZero();
        assertThat(published.puts()).isEqualTo(afterRebuild);
        assertThat(contents(published)).isEqualTo(contents(expected));
    }

    private Map<String, String> withFixedPages(Map<String, String> contents) {
        Map<String, String> all = new TreeMap<>(contents);
        pages.fixedPages().forEach(p -> all.put(p.key(), p.text()));
        return all;
    }

    private static Map<String, String> contents(InMemorySiteBucket bucket) {
        Map<String, String> contents = new TreeMap<>();
        for (String key : bucket.keys("")) {
            contents.put(key, new String(bucket.get(key).orElseThrow().body(), StandardCharsets.UTF_8));
        }
        return contents;
    }
}
