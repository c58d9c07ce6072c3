package broadsheet.core.render;

import broadsheet.core.Fixtures;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PreviewPageTest {

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void previewOfADraftWithoutPublishTimeShowsABannerAndIsNeitherIndexedNorCached() {
        Article fixture = Fixtures.worldArticle();
        Article draft = fixture.withStatus(Status.DRAFT).withPublishAt(null);

        RenderedPage preview = pages.previewPage(draft);

        assertThat(preview.cacheControl()).isEqualTo("private, no-store");
        Document doc = XssCorpusTest.assertInert(preview.text(), 2);
        assertThat(doc.selectFirst("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(doc.selectFirst("main .preview-banner").text()).startsWith("Preview").contains("a draft");
        assertThat(doc.selectFirst("main h1").text()).isEqualTo(fixture.headline());
    }

    @Test
    void previewOfAScheduledArticleNamesItsPublishTime() {
        Article fixture = Fixtures.worldArticle();
        Article scheduled = fixture.withStatus(Status.SCHEDULED).withPublishAt(Instant.parse("2026-12-01T06:00:00Z"));

        Document doc = Jsoup.parse(pages.previewPage(scheduled).text());

        assertThat(doc.selectFirst(".preview-banner").text()).contains("scheduled for 1 December 2026, 06:00 UTC");
    }

    @Test
    void thePublicPageHasNoBannerAndIsIndexed() {
        RenderedPage page = pages.articlePage(Fixtures.worldArticle());
        Document doc = Jsoup.parse(page.text());
        assertThat(doc.select(".preview-banner")).isEmpty();
        assertThat(doc.select("meta[name=robots]")).isEmpty();
        assertThat(page.cacheControl()).isEqualTo(MustachePages.ARTICLE_CACHE);
    }
}
