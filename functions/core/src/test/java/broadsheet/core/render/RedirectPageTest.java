package broadsheet.core.render;

import broadsheet.core.Fixtures;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectPageTest {

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void pageAtTheOldKeyRedirectsByMetadataMetaRefreshCanonicalAndLink() {
        Article moved = Fixtures.worldArticle();

        RenderedPage page = pages.redirectPage("politics", moved.slug(), moved);

        String path = "/world/" + moved.slug() + "/";
        assertThat(page.key()).isEqualTo("politics/" + moved.slug() + "/index.html");
        assertThat(page.redirectLocation()).contains(path);
        assertThat(page.contentType()).isEqualTo(MustachePages.HTML);
        Document doc = Jsoup.parse(page.text());
        assertThat(doc.selectFirst("meta[http-equiv=refresh]").attr("content")).isEqualTo("0; url=" + path);
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href")).isEqualTo("https://broadsheet.example" + path);
        assertThat(doc.selectFirst("body a").attr("href")).isEqualTo(path);
        assertThat(doc.selectFirst("body a").text()).isEqualTo(moved.headline());
        assertThat(doc.select("script")).isEmpty();
    }
}
