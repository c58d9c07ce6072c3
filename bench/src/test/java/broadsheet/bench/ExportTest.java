package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTest {

    private static final SiteConfig SITE = SiteConfig.load();
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final int N = 30;

    @Test
    void exportWritesExactlyThePagesThePublisherLeavesInTheBucket(@TempDir Path corpus) throws Exception {
        CorpusGenerator generator = new CorpusGenerator(11);
        new Corpus(SITE).write(generator, N, corpus);
        Map<String, byte[]> exported = new ConcurrentSkipListMap<>();
        Export.Result result = new Export(SITE, NOW).run(corpus, page -> {
            assertThat(exported.put(page.key(), page.body())).as("written once: " + page.key()).isNull();
        }, 2);

        MustachePages pages = new MustachePages(SITE);
        InMemorySiteBucket bucket = new InMemorySiteBucket();
        Publisher publisher = new Publisher(new InMemoryListingStore(), bucket, pages,
                Clock.fixed(NOW, ZoneOffset.UTC), SITE.sectionSlugs(), FrontSizes.of(SITE));
        for (Article article : generator.articles(N)) {
            publisher.apply(ArticleChange.created(article));
        }
        Map<String, byte[]> published = new TreeMap<>();
        for (String key : bucket.keys("")) {
            published.put(key, bucket.get(key).orElseThrow().body());
        }
        for (RenderedPage page : pages.fixedPages()) {
            published.put(page.key(), page.body());
        }

        assertThat(exported.keySet()).containsExactlyElementsOf(published.keySet());
        published.forEach((key, body) -> assertThat(new String(exported.get(key), java.nio.charset.StandardCharsets.UTF_8))
                .as(key).isEqualTo(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(result.articles()).isEqualTo(N);
        assertThat(result.live()).isEqualTo(N);
        assertThat(result.pages()).isEqualTo(published.size());
        // every article page, and listing pages of sections, authors and tags over several months
        for (Article article : generator.articles(N)) {
            assertThat(exported).containsKey(pages.articlePageKey(article.section(), article.slug()));
        }
        assertThat(exported).containsKeys("index.html", "feed.xml", "sitemap.xml", "news-sitemap.xml", "404.html",
                "world/index.html", "world/feed.xml");
        assertThat(exported.keySet().stream().filter(k -> k.contains("/archive/")).count()).isGreaterThan(8);
        assertThat(exported.keySet().stream().filter(k -> k.startsWith("author/")).count()).isGreaterThan(N / 2);
        assertThat(exported.keySet().stream().filter(k -> k.startsWith("tag/")).count()).isGreaterThan(10);
    }

    @Test
    void articlesNotYetLiveAreLeftOut(@TempDir Path corpus) throws Exception {
        new Corpus(SITE).write(new CorpusGenerator(11), 5, corpus);
        Instant beforeNewest = new CorpusGenerator(11).article(2).publishAt().plusSeconds(1);
        Map<String, byte[]> exported = new ConcurrentSkipListMap<>();
        Export.Result result = new Export(SITE, beforeNewest).run(corpus, p -> exported.put(p.key(), p.body()), 1);
        assertThat(result.articles()).isEqualTo(5);
        assertThat(result.live()).isEqualTo(3);
        List<Article> live = new CorpusGenerator(11).articles(5).subList(2, 5);
        for (Article a : new CorpusGenerator(11).articles(5)) {
            assertThat(exported.containsKey(a.section() + "/" + a.slug() + "/index.html")).isEqualTo(live.contains(a));
        }
    }

    @Test
    void directorySinkWritesPagesUnderTheirKeys(@TempDir Path out) throws Exception {
        PageSink.directory(out).write(new RenderedPage("world/a-b/index.html", MustachePages.HTML,
                MustachePages.ARTICLE_CACHE, "<p>x</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(Files.readString(out.resolve("world/a-b/index.html"))).isEqualTo("<p>x</p>");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void directorySinkMakesEachDirectoryOnceFromManyThreadsBesideOnesThatExist(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("world/already"));
        List<String> keys = new java.util.ArrayList<>(List.of("index.html", "world/already/index.html", "world/feed.xml"));
        for (int i = 0; i < 200; i++) {
            keys.add("author/a" + (i % 7) + "/archive/2026/" + (i % 12) + "/" + i + "/index.html");
        }
        try (DirectorySink sink = new DirectorySink(out, 8, 16)) {
            for (String key : keys) {
                sink.write(new RenderedPage(key, MustachePages.HTML, MustachePages.LISTING_CACHE,
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        for (String key : keys) {
            assertThat(Files.readString(out.resolve(key))).isEqualTo(key);
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(keys.size());
        }
    }

    @Test
    void directorySinkReportsAPageWhoseDirectoryIsAFile(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("world"), "a file where a directory should be");
        DirectorySink sink = new DirectorySink(out, 2, 4);
        sink.write(new RenderedPage("world/a-b/index.html", MustachePages.HTML, MustachePages.ARTICLE_CACHE,
                "<p>x</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.assertj.core.api.Assertions.assertThatThrownBy(sink::close)
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("world/a-b/index.html");
    }
}
