package broadsheet.core.render;

import broadsheet.core.Fixtures;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;

import broadsheet.core.Fixtures;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorAndTagPagesTest {

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void articlePageLinksEachAuthorAndTagToTheirPages() {
        Document doc = Jsoup.parse(pages.articlePage(Fixtures.worldArticle()).text());
        assertThat(doc.select(".byline .authors a[rel=author]")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.attr("href")).matches("/author/[a-z0-9-]+/"));
        assertThat(doc.select("ul.tags a[rel=tag]")).hasSize(Fixtures.worldArticle().tags().size())
                .allSatisfy(a -> assertThat(a.attr("href")).matches("/tag/[a-z0-9-]+/"));
    }

    @Test
    void authorFrontShowsTheAuthorsNameTheirArticlesAndArchiveMonths() {
        Document doc = Jsoup.parse(pages.listingPages(ListingId.authorFront("elena-borg"),
                new Listing(Fixtures.worldFront().entries(), Map.of("2026-11", 1))).get(0).text());
        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Elena Borg");
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href"))
                .isEqualTo("https://broadsheet.example/author/elena-borg/");
        assertThat(doc.select("nav.archive a").eachAttr("href")).containsExactly("/author/elena-borg/archive/2026/11/");
        assertThat(doc.select("ol.teasers h2 a")).isNotEmpty();
    }

    @Test
    void tagArchiveDayTakesItsNameFromItsEntriesAndLinksBackToTheTagFrontAndMonth() {
        List<RenderedPage> rendered = pages.allPages(ListingId.tagMonth("nato", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.natoNovember().entries()));
        Document month = Jsoup.parse(rendered.get(0).text());
        assertThat(month.select("nav.archive a").eachAttr("href"))
                .containsExactly("/tag/nato/archive/2026/11/27/", "/tag/nato/archive/2026/11/03/");
        Document doc = Jsoup.parse(rendered.get(2).text());
        assertThat(doc.selectFirst("main h1").text()).isEqualTo("NATO: 27 November 2026");
        assertThat(doc.selectFirst("nav[aria-label=Breadcrumb] ol").text())
                .isEqualTo("Home / NATO / November 2026 / 27 November 2026");
        assertThat(doc.select("nav[aria-label=Breadcrumb] a").eachAttr("href"))
                .containsExactly("/", "/tag/nato/", "/tag/nato/archive/2026/11/");
        assertThat(doc.select("ol.teasers h2 a").eachAttr("href")).containsExactly("/world/alliance-summit-opens/");
        assertThat(Jsoup.parse(rendered.get(1).text()).select("ol.teasers h2 a").eachAttr("href"))
                .containsExactly("/business/defence-budgets-rise/");
    }

    @Test
    void anEmptyTagFrontFallsBackToTheSlugAndShowsTheEmptyState() {
        Document doc = Jsoup.parse(pages.listingPages(ListingId.tagFront("nato"), Listing.EMPTY).get(0).text());
        assertThat(doc.selectFirst("main h1").text()).isEqualTo("nato");
        assertThat(doc.selectFirst("p.empty")).isNotNull();
    }
}
