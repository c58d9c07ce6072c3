package broadsheet.core.render;

import broadsheet.core.Fixtures;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.Listings;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for every page template and every variant of one, beside the templates in
 * {@code templates/golden} (not packaged: the templates module ships only site.json, pages,
 * partials and static files). Run with {@code -Dbroadsheet.updateGoldens=true} to rewrite them
 * after an intended change, then review the diff; the default run compares. They are part of
 * the templates' digest, so a change of rendered output, from a template or from the code, also
 * asks for a new render generation (infra's {@code TemplateGenerationsTest}).
 */
class GoldenPagesTest {

    private static final Path GOLDEN = Path.of("..", "..", "templates", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("broadsheet.updateGoldens");

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void articlePageMatchesGolden() throws IOException {
        assertGolden("article.html", pages.articlePage(Fixtures.worldArticle()));
    }

    @Test
    void sectionFrontAndSectionFeedMatchGolden() throws IOException {
        List<RenderedPage> rendered = pages.listingPages(ListingId.sectionFront("world"), Fixtures.worldFront());
        assertThat(rendered).extracting(RenderedPage::key)
                .containsExactly("world/index.html", "world/feed.xml", "world/rss.xml");
        assertGolden("section.html", rendered.get(0));
        assertGolden("section-feed.xml", rendered.get(1));
        assertGolden("section-rss.xml", rendered.get(2));
    }

    @Test
    void archiveMonthItsDaysAndTheirSitemapsMatchGolden() throws IOException {
        List<RenderedPage> rendered = pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.worldNovember().entries()));
        assertThat(rendered).extracting(RenderedPage::key).containsExactly(
                "world/archive/2026/11/index.html", "sitemaps/world/2026-11.xml",
                "world/archive/2026/11/02/index.html", "sitemaps/world/2026-11-02.xml",
                "world/archive/2026/11/15/index.html", "sitemaps/world/2026-11-15.xml",
                "world/archive/2026/11/28/index.html", "sitemaps/world/2026-11-28.xml");
        assertGolden("archive.html", rendered.get(0));
        assertGolden("sitemap-month-index.xml", rendered.get(1));
        assertGolden("archive-day.html", rendered.get(6));
        assertGolden("sitemap.xml", rendered.get(7));
    }

    @Test
    void aDayOfMoreEntriesThanAPageHoldsIsSplitIntoLinkedPagesMatchingGolden() throws IOException {
        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 28);
        List<ListingEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2 * pages.dayPageSize() + 1; i++) {
            Instant at = Instant.parse("2026-11-28T06:00:00Z").plusSeconds(60L * i);
            entries.add(new ListingEntry("story-" + i, "world", "Story " + i, null, at, at, null, null, List.of()));
        }
        List<RenderedPage> rendered = pages.dayPages(month, day, entries, 0, entries.size(), 1, 3);
        assertThat(rendered).extracting(RenderedPage::key).containsExactly(
                "world/archive/2026/11/28/index.html", "sitemaps/world/2026-11-28.xml",
                "world/archive/2026/11/28/2/index.html", "sitemaps/world/2026-11-28-2.xml",
                "world/archive/2026/11/28/3/index.html", "sitemaps/world/2026-11-28-3.xml");
        assertGolden("archive-day-page.html", rendered.get(2));
        assertGolden("sitemap-day-page.xml", rendered.get(3));
        assertThat(rendered.get(0).text()).contains("href=\"/world/archive/2026/11/28/2/\"")
                .contains("Story 0").contains("Story " + (pages.dayPageSize() - 1))
                .doesNotContain("Story " + pages.dayPageSize() + "<");
        assertThat(rendered.get(4).text()).contains("Story " + 2 * pages.dayPageSize())
                .contains("href=\"/world/archive/2026/11/28/2/\"").doesNotContain("rel=\"next\"");
        List<RenderedPage> tail = pages.dayPages(month, day, entries.subList(pages.dayPageSize(), entries.size()),
                pages.dayPageSize(), entries.size(), 2, 3);
        assertThat(tail).as("the pages from the second on, rendered from the entries from its first position on")
                .isEqualTo(rendered.subList(2, 6));
    }

    @Test
    void homeSiteFeedAndSitemapIndexMatchGolden() throws IOException {
        List<RenderedPage> rendered = pages.listingPages(ListingId.home(), Fixtures.home());
        assertThat(rendered).extracting(RenderedPage::key)
                .containsExactly("index.html", "feed.xml", "rss.xml", "sitemap.xml", "robots.txt");
        assertGolden("home.html", rendered.get(0));
        assertGolden("feed.xml", rendered.get(1));
        assertGolden("rss.xml", rendered.get(2));
        assertGolden("site-sitemap.xml", rendered.get(3));
        assertGolden("robots.txt", rendered.get(4));
    }

    @Test
    void redirectAndPreviewPagesMatchGolden() throws IOException {
        assertGolden("redirect.html", pages.redirectPage("politics", Fixtures.worldArticle().slug(),
                Fixtures.worldArticle()));
        assertGolden("preview.html", pages.previewPage(Fixtures.worldArticle()));
    }

    @Test
    void authorFrontAndTagArchiveMatchGolden() throws IOException {
        List<RenderedPage> author = pages.listingPages(ListingId.authorFront("elena-borg"), Fixtures.worldFront());
        assertThat(author).extracting(RenderedPage::key).containsExactly("author/elena-borg/index.html");
        assertGolden("author.html", author.get(0));
        List<RenderedPage> tag = pages.allPages(ListingId.tagMonth("nato", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.natoNovember().entries()));
        assertThat(tag).extracting(RenderedPage::key).containsExactly("tag/nato/archive/2026/11/index.html",
                "tag/nato/archive/2026/11/03/index.html", "tag/nato/archive/2026/11/27/index.html");
        assertGolden("tag-archive.html", tag.get(0));
        assertGolden("tag-archive-day.html", tag.get(2));
    }

    @Test
    void tagFrontAndAuthorArchiveMatchGolden() throws IOException {
        List<RenderedPage> tag = pages.listingPages(ListingId.tagFront("nato"),
                new Listing(Fixtures.natoNovember().entries(), Map.of("2026-11", 2)));
        assertThat(tag).extracting(RenderedPage::key).containsExactly("tag/nato/index.html");
        assertGolden("tag.html", tag.get(0));
        List<RenderedPage> author = pages.allPages(ListingId.authorMonth("elena-borg", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.worldNovember().entries()));
        assertThat(author).extracting(RenderedPage::key).startsWith("author/elena-borg/archive/2026/11/index.html",
                "author/elena-borg/archive/2026/11/02/index.html");
        assertGolden("author-archive.html", author.get(0));
        assertGolden("author-archive-day.html", author.get(author.size() - 1));
    }

    @Test
    void newsSitemapMatchesGolden() throws IOException {
        assertGolden("news-sitemap.xml", pages.newsSitemap(Fixtures.home().entries()));
    }

    @Test
    void fixedPagesMatchGolden() throws IOException {
        List<RenderedPage> rendered = pages.fixedPages();
        assertThat(rendered).extracting(RenderedPage::key).containsExactly("404.html", "static/site.css");
        assertGolden("404.html", rendered.get(0));
    }

    @Test
    void everyTemplateInTheTemplatesModuleCompilesAndEveryPageTemplateIsUsed() throws Exception {
        List<String> found = new ArrayList<>();
        withPackagedTemplates(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".mustache"))
                        .forEach(f -> found.add(root.relativize(f).toString().replace('\\', '/')));
            }
        });
        assertThat(found).contains("partials/layout.mustache", "partials/head.mustache", "partials/header.mustache",
                "partials/breadcrumb.mustache", "partials/footer.mustache");
        MustacheFactory factory = new DefaultMustacheFactory("broadsheet");
        for (String template : found) {
            assertThat(factory.compile(template)).as(template).isNotNull();
        }
        assertThat(found.stream().filter(t -> t.startsWith("pages/")))
                .containsExactlyInAnyOrderElementsOf(MustachePages.TEMPLATES);
    }

    private interface PathAction {
        void accept(Path root) throws IOException;
    }

    /** Visits {@code broadsheet/} as packaged by the templates module (a jar or a directory). */
    private static void withPackagedTemplates(PathAction action) throws IOException, URISyntaxException {
        URI site = GoldenPagesTest.class.getClassLoader().getResource("broadsheet/site.json").toURI();
        if ("jar".equals(site.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(site, Map.of())) {
                action.accept(jar.getPath("/broadsheet"));
            }
        } else {
            action.accept(Path.of(site).getParent());
        }
    }

    private static void assertGolden(String name, RenderedPage page) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.write(file, page.body());
        }
        assertThat(file).as("golden file %s (run with -Dbroadsheet.updateGoldens=true to create it)", file).exists();
        assertThat(page.text()).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
