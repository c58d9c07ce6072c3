package broadsheet.core.site;

import broadsheet.core.listing.ListingId;

import broadsheet.core.listing.ListingId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

class SiteLayoutTest {

    private final SiteLayout layout = new SiteLayout(SiteConfig.load());

    @Test
    void placesArticlePagesUnderSectionAndSlug() {
        assertThat(layout.articleKey("world", "talks")).isEqualTo("world/talks/index.html");
        assertThat(layout.articlePath("world", "talks")).isEqualTo("/world/talks/");
        assertThat(layout.articleUrl("world", "talks")).isEqualTo("https://broadsheet.example/world/talks/");
    }

    @Test
    void namesAuthorAndTagPagesRssFeedsAndTheNewsSitemap() {
        YearMonth nov = YearMonth.of(2026, 11);
        assertThat(layout.authorFrontKey("ann-smith")).isEqualTo("author/ann-smith/index.html");
        assertThat(layout.authorFrontPath("ann-smith")).isEqualTo("/author/ann-smith/");
        assertThat(layout.authorArchiveKey("ann-smith", nov)).isEqualTo("author/ann-smith/archive/2026/11/index.html");
        assertThat(layout.authorArchiveUrl("ann-smith", YearMonth.of(2026, 3)))
                .isEqualTo("https://broadsheet.example/author/ann-smith/archive/2026/03/");
        assertThat(layout.tagFrontKey("nato")).isEqualTo("tag/nato/index.html");
        assertThat(layout.tagFrontUrl("nato")).isEqualTo("https://broadsheet.example/tag/nato/");
        assertThat(layout.tagArchivePath("nato", nov)).isEqualTo("/tag/nato/archive/2026/11/");
        assertThat(layout.tagArchiveKey("nato", nov)).isEqualTo("tag/nato/archive/2026/11/index.html");
        assertThat(layout.sectionRssKey("world")).isEqualTo("world/rss.xml");
        assertThat(layout.sectionRssUrl("world")).isEqualTo("https://broadsheet.example/world/rss.xml");
        assertThat(layout.siteRssKey()).isEqualTo("rss.xml");
        assertThat(layout.newsSitemapKey()).isEqualTo("news-sitemap.xml");
        assertThat(layout.newsSitemapUrl()).isEqualTo("https://broadsheet.example/news-sitemap.xml");
    }

    @Test
    void namesSectionPagesFeedsAndArchives() {
        YearMonth nov = YearMonth.of(2026, 11);
        assertThat(layout.sectionFrontKey("world")).isEqualTo("world/index.html");
        assertThat(layout.sectionFrontUrl("world")).isEqualTo("https://broadsheet.example/world/");
        assertThat(layout.archiveKey("world", nov)).isEqualTo("world/archive/2026/11/index.html");
        assertThat(layout.archivePath("world", YearMonth.of(2026, 3))).isEqualTo("/world/archive/2026/03/");
        assertThat(layout.archiveUrl("world", nov)).isEqualTo("https://broadsheet.example/world/archive/2026/11/");
        assertThat(layout.sectionFeedKey("world")).isEqualTo("world/feed.xml");
        assertThat(layout.sectionFeedUrl("world")).isEqualTo("https://broadsheet.example/world/feed.xml");
        assertThat(layout.sitemapKey("world", nov)).isEqualTo("sitemaps/world/2026-11.xml");
        assertThat(layout.sitemapUrl("world", nov)).isEqualTo("https://broadsheet.example/sitemaps/world/2026-11.xml");
    }

    @Test
    void namesSiteWidePages() {
        assertThat(layout.homeKey()).isEqualTo("index.html");
        assertThat(layout.homeUrl()).isEqualTo("https://broadsheet.example/");
        assertThat(layout.siteFeedKey()).isEqualTo("feed.xml");
        assertThat(layout.notFoundKey()).isEqualTo("404.html");
        assertThat(layout.sitemapIndexKey()).isEqualTo("sitemap.xml");
        assertThat(layout.stylesheetKey()).isEqualTo("static/site.css");
        assertThat(layout.stylesheetPath()).isEqualTo("/static/site.css");
        assertThat(layout.robotsKey()).isEqualTo("robots.txt");
    }

    @Test
    void servesMediaKeysFromTheSiteRootAndKeepsHttpUrls() {
        assertThat(layout.mediaUrl("media/2026/a.jpg")).isEqualTo("https://broadsheet.example/media/2026/a.jpg");
        assertThat(layout.mediaUrl("https://img.example/a.jpg")).isEqualTo("https://img.example/a.jpg");
    }

    @Test
    void filesAnArticleUnderTheUtcMonthOfItsPublishTime() {
        assertThat(SiteLayout.archiveMonth(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(SiteLayout.archiveMonth(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(YearMonth.of(2026, 12));
    }
}
