package broadsheet.core.render;

import broadsheet.core.Fixtures;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.site.SiteConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingPagesTest {

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void sectionFrontShowsThePageSizeNewestAndTheFeedTheFeedSizeNewest() {
        Listing listing = new Listing(entries(60), Map.of("2026-11", 60));
        List<RenderedPage> rendered = pages.listingPages(ListingId.sectionFront("world"), listing);
        Document front = Jsoup.parse(rendered.get(0).text());
        List<String> links = front.select("ol.teasers h2 a").eachAttr("href");
        assertThat(links).hasSize(20).first().isEqualTo("/world/story-59/");
        assertThat(links.get(19)).isEqualTo("/world/story-40/");
        Document feed = Jsoup.parse(rendered.get(1).text(), "", Parser.xmlParser());
        assertThat(feed.select("entry")).hasSize(50);
        assertThat(feed.selectFirst("entry > id").text()).isEqualTo("https://broadsheet.example/world/story-59/");
        assertThat(feed.selectFirst("feed > updated").text()).isEqualTo("2026-11-01T00:59:00Z");
    }

    @Test
    void sectionFrontLinksToEveryArchiveMonthNewestFirstWithCounts() {
        Listing listing = new Listing(entries(2), Map.of("2026-11", 2, "2025-12", 7, "2026-01", 3));
        Document front = Jsoup.parse(pages.listingPages(ListingId.sectionFront("world"), listing).get(0).text());
        assertThat(front.select("nav.archive a").eachAttr("href"))
                .containsExactly("/world/archive/2026/11/", "/world/archive/2026/01/", "/world/archive/2025/12/");
        assertThat(front.select("nav.archive li").eachText())
                .containsExactly("November 2026 (2)", "January 2026 (3)", "December 2025 (7)");
    }

    @Test
    void archiveMonthListsItsDaysAndEveryEntryIsOnExactlyOneDayPage() {
        Listing month = Listings.monthView(entries(45));
        List<RenderedPage> rendered = pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)), month);
        Document archive = Jsoup.parse(rendered.get(0).text());
        assertThat(archive.selectFirst("nav[aria-label=Breadcrumb] ol").text()).isEqualTo("Home / World / November 2026");
        assertThat(archive.selectFirst("link[rel=canonical]").attr("href"))
                .isEqualTo("https://broadsheet.example/world/archive/2026/11/");
        assertThat(archive.select("nav.archive li")).hasSize(month.monthCounts().size()).hasSizeLessThanOrEqualTo(31);
        List<String> listed = new ArrayList<>();
        int articleUrls = 0;
        for (RenderedPage page : rendered.subList(2, rendered.size())) {
            if (page.key().endsWith(".html")) {
                Document day = Jsoup.parse(page.text());
                listed.addAll(day.select("ol.teasers h2 a").eachAttr("href"));
                assertThat(day.select("ol.teasers > li")).hasSizeLessThanOrEqualTo(pages.dayPageSize());
            } else {
                Document sitemap = Jsoup.parse(page.text(), "", Parser.xmlParser());
                articleUrls += (int) sitemap.select("url > loc").eachText().stream().filter(u -> !u.contains("/archive/")).count();
            }
        }
        assertThat(listed).hasSize(45).doesNotHaveDuplicates();
        assertThat(articleUrls).isEqualTo(45);
    }

    @Test
    void emptyListingsRenderAnEmptyStateInsteadOfAList() {
        Document front = Jsoup.parse(pages.listingPages(ListingId.sectionFront("sport"), Listing.EMPTY).get(0).text());
        assertThat(front.select("ol.teasers")).isEmpty();
        assertThat(front.selectFirst("p.empty")).isNotNull();
        assertThat(front.select("nav.archive")).isEmpty();
        Document feed = Jsoup.parse(pages.listingPages(ListingId.home(), Listing.EMPTY).get(1).text(), "",
                Parser.xmlParser());
        assertThat(feed.select("entry")).isEmpty();
        assertThat(feed.selectFirst("feed > updated").text()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void servesEachKindOfPageWithItsContentTypeAndCaching() {
        List<RenderedPage> all = new ArrayList<>(pages.listingPages(ListingId.home(), Fixtures.home()));
        all.addAll(pages.fixedPages());
        assertThat(all).extracting(RenderedPage::key, RenderedPage::contentType, RenderedPage::cacheControl)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("index.html", "text/html; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("feed.xml", "application/atom+xml; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("rss.xml", "application/rss+xml; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("sitemap.xml", "application/xml; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("robots.txt", "text/plain; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("404.html", "text/html; charset=utf-8",
                                "public, max-age=60, stale-while-revalidate=30"),
                        org.assertj.core.groups.Tuple.tuple("static/site.css", "text/css; charset=utf-8",
                                "public, max-age=86400"));
    }

    @Test
    void notFoundPageIsNotIndexedAndLinksHome() {
        Document doc = Jsoup.parse(pages.fixedPages().get(0).text());
        assertThat(doc.selectFirst("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(doc.select("link[rel=canonical]")).isEmpty();
        assertThat(doc.select("main a").eachAttr("href")).contains("/");
    }

    @Test
    void renderingIsDeterministicWhateverTheEntryOrder() {
        Article article = Fixtures.worldArticle();
        assertThat(new MustachePages(Fixtures.site()).articlePage(article).body())
                .isEqualTo(pages.articlePage(article).body());
        List<ListingEntry> shuffled = new ArrayList<>(Fixtures.worldEntries());
        Collections.reverse(shuffled);
        Listing a = Fixtures.worldFront();
        Listing b = new Listing(shuffled, a.monthCounts());
        assertThat(pages.listingPages(ListingId.sectionFront("world"), b))
                .isEqualTo(pages.listingPages(ListingId.sectionFront("world"), a));
        assertThat(pages.listingPages(ListingId.home(), Fixtures.home()))
                .isEqualTo(new MustachePages(Fixtures.site()).listingPages(ListingId.home(), Fixtures.home()));
    }

    @Test
    void usesTheConfiguredBaseUrlForAbsoluteLinks() {
        MustachePages local = new MustachePages(SiteConfig.load().withBaseUrl("http://localhost:9000"));
        Document doc = Jsoup.parse(local.articlePage(Fixtures.worldArticle()).text());
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href")).startsWith("http://localhost:9000/world/");
        assertThat(local.listingPages(ListingId.home(), Listing.EMPTY).get(4).text())
                .contains("Sitemap: http://localhost:9000/sitemap.xml");
    }

    @Test
    void refusesListingsOfUnknownSections() {
        assertThatThrownBy(() -> pages.listingPages(ListingId.sectionFront("weather"), Listing.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code n} World entries published a minute apart, oldest first. */
    @Test
    void teaserTimesCarryAtMostTheThreeFractionDigitsHtmlAllows() {
        Instant at = Instant.parse("2026-11-29T08:15:30.123456789Z");
        Listing listing = new Listing(List.of(new ListingEntry("clocked", "world", "Clocked", null, at, at, null, null,
                List.of())), Map.of());
        Document front = Jsoup.parse(pages.listingPages(ListingId.sectionFront("world"), listing).get(0).text());
        assertThat(front.select("ol.teasers time").eachAttr("datetime")).containsExactly("2026-11-29T08:15:30.123Z");
    }

    private static List<ListingEntry> entries(int n) {
        List<ListingEntry> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i);
            list.add(new ListingEntry("story-" + i, "world", "Story " + i, null, at, at, null, null, List.of()));
        }
        return list;
    }
}
