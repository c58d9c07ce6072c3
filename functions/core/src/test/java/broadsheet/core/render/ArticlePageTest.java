package broadsheet.core.render;

import broadsheet.core.Fixtures;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArticlePageTest {

    private final MustachePages pages = new MustachePages(Fixtures.site());
    private final Article article = Fixtures.worldArticle();
    private final RenderedPage page = pages.articlePage(article);
    private final Document doc = Jsoup.parse(page.text());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void isStoredUnderTheSectionAndSlugWithArticleCaching() {
        assertThat(page.key()).isEqualTo("world/harbour-states-agree-to-pool-coastguard-patrols-after-valletta-summit/index.html");
        assertThat(pages.articlePageKey("world", article.slug())).isEqualTo(page.key());
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.cacheControl()).isEqualTo("public, max-age=300, stale-while-revalidate=60");
    }

    @Test
    void visibleBreadcrumbReadsHomeSectionHeadline() {
        Element crumbs = doc.selectFirst("nav[aria-label=Breadcrumb] ol");
        assertThat(crumbs).isNotNull();
        assertThat(crumbs.text()).isEqualTo("Home / World / " + article.headline());
        assertThat(crumbs.select("a").eachAttr("href")).containsExactly("/", "/world/");
        assertThat(crumbs.selectFirst("[aria-current=page]").text()).isEqualTo(article.headline());
    }

    @Test
    void headHasTitleDescriptionCanonicalAndSocialTags() {
        String url = "https://broadsheet.example/world/" + article.slug() + "/";
        assertThat(doc.title()).isEqualTo(article.headline() + " | Broadsheet");
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(meta("name", "description")).isEqualTo(article.standfirst());
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(url);
        assertThat(meta("property", "og:type")).isEqualTo("article");
        assertThat(meta("property", "og:title")).isEqualTo(article.headline());
        assertThat(meta("property", "og:description")).isEqualTo(article.standfirst());
        assertThat(meta("property", "og:url")).isEqualTo(url);
        assertThat(meta("property", "og:site_name")).isEqualTo("Broadsheet");
        assertThat(meta("property", "og:image"))
                .isEqualTo("https://broadsheet.example/media/2026/11/valletta-harbour.jpg");
        assertThat(meta("property", "og:image:alt")).isEqualTo(article.image().alt());
        assertThat(meta("property", "article:published_time")).isEqualTo("2026-11-28T18:30:00Z");
        assertThat(meta("property", "article:section")).isEqualTo("World");
        assertThat(meta("name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta("name", "twitter:title")).isEqualTo(article.headline());
        assertThat(meta("name", "twitter:image")).isEqualTo(meta("property", "og:image"));
    }

    @Test
    void jsonLdDescribesTheNewsArticleAndItsBreadcrumb() {
        List<Element> scripts = doc.select("script");
        assertThat(scripts).hasSize(2).allSatisfy(s -> assertThat(s.attr("type")).isEqualTo("application/ld+json"));
        JsonNode news = json.readTree(scripts.get(0).data());
        String url = "https://broadsheet.example/world/" + article.slug() + "/";
        assertThat(news.get("@context").stringValue()).isEqualTo("https://schema.org");
        assertThat(news.get("@type").stringValue()).isEqualTo("NewsArticle");
        assertThat(news.get("headline").stringValue()).isEqualTo(article.headline());
        assertThat(news.get("description").stringValue()).isEqualTo(article.standfirst());
        assertThat(news.get("datePublished").stringValue()).isEqualTo("2026-11-28T18:30:00Z");
        assertThat(news.get("dateModified").stringValue()).isEqualTo("2026-11-28T19:12:00Z");
        assertThat(news.get("author").valueStream().map(a -> a.get("name").stringValue()))
                .containsExactly("Elena Borg", "Tomás Ruiz");
        assertThat(news.get("author").get(0).get("@type").stringValue()).isEqualTo("Person");
        assertThat(news.get("image").get(0).stringValue())
                .isEqualTo("https://broadsheet.example/media/2026/11/valletta-harbour.jpg");
        assertThat(news.get("publisher").get("@type").stringValue()).isEqualTo("Organization");
        assertThat(news.get("publisher").get("name").stringValue()).isEqualTo("Broadsheet");
        assertThat(news.get("mainEntityOfPage").get("@id").stringValue()).isEqualTo(url);

        JsonNode crumbs = json.readTree(scripts.get(1).data());
        assertThat(crumbs.get("@type").stringValue()).isEqualTo("BreadcrumbList");
        JsonNode items = crumbs.get("itemListElement");
        assertThat(items.valueStream().map(i -> i.get("name").stringValue()))
                .containsExactly("Home", "World", article.headline());
        assertThat(items.valueStream().map(i -> i.get("position").intValue())).containsExactly(1, 2, 3);
        assertThat(items.get(2).get("item").stringValue()).isEqualTo(url);
        assertThat(items.get(1).get("item").stringValue()).isEqualTo("https://broadsheet.example/world/");
    }

    @Test
    void showsTheLeadImageAsAFigureWithCaptionAndCredit() {
        Element figure = doc.selectFirst("article figure");
        assertThat(figure.selectFirst("img").attr("src"))
                .isEqualTo("https://broadsheet.example/media/2026/11/valletta-harbour.jpg");
        assertThat(figure.selectFirst("img").attr("alt")).isEqualTo(article.image().alt());
        assertThat(figure.selectFirst("figcaption .caption").text()).isEqualTo(article.image().caption());
        assertThat(figure.selectFirst("figcaption .credit").text()).isEqualTo("Photo: Marco Camilleri");
    }

    @Test
    void showsHeadlineBylineTimeAndBodyInsideLandmarks() {
        assertThat(doc.select("body > header, body > main, body > footer")).hasSize(3);
        assertThat(doc.select("header nav[aria-label=Sections] a").eachText())
                .containsExactly("World", "Politics", "Business", "Technology", "Science", "Culture", "Sport", "Opinion");
        assertThat(doc.selectFirst("header nav a[aria-current]").text()).isEqualTo("World");
        Element main = doc.selectFirst("main article");
        assertThat(main.select("h1").eachText()).containsExactly(article.headline());
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(main.selectFirst(".byline .authors").text()).isEqualTo("Elena Borg and Tomás Ruiz");
        Element time = main.selectFirst(".byline time");
        assertThat(time.attr("datetime")).isEqualTo("2026-11-28T18:30:00Z");
        assertThat(time.text()).isEqualTo("28 November 2026");
        assertThat(main.select(".article-body p")).hasSize(5);
        assertThat(main.selectFirst(".article-body").text())
                .contains("“We cannot keep answering distress calls one flag at a time,” the Maltese foreign minister");
        assertThat(main.selectFirst(".article-body em").text()).isEqualTo("welcome but thin");
        Element link = main.selectFirst(".article-body a");
        assertThat(link.attr("href")).isEqualTo("https://open-horizon.example/proposal");
        assertThat(link.attr("rel")).isEqualTo("noopener noreferrer");
        assertThat(main.select(".tags li").eachText()).containsExactly("Malta", "Migration", "Maritime security");
    }

    @Test
    void datetimesCarryAtMostTheThreeFractionDigitsHtmlAllows() {
        Article clocked = article.withPublishAt(Instant.parse("2026-12-04T13:35:42.272175810Z"))
                .withTimes(Instant.parse("2026-12-04T13:30:00Z"), Instant.parse("2026-12-04T14:00:07.000900Z"));
        Document page = Jsoup.parse(pages.articlePage(clocked).text());
        assertThat(page.select("time").eachAttr("datetime"))
                .containsExactly("2026-12-04T13:35:42.272Z", "2026-12-04T14:00:07Z");
        assertThat(page.selectFirst("meta[property=article:published_time]").attr("content"))
                .isEqualTo("2026-12-04T13:35:42.272Z");
        assertThat(page.selectFirst("meta[property=article:modified_time]").attr("content"))
                .isEqualTo("2026-12-04T14:00:07Z");
        JsonNode newsArticle = json.readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertThat(newsArticle.get("datePublished").stringValue()).isEqualTo("2026-12-04T13:35:42.272Z");
        assertThat(newsArticle.get("dateModified").stringValue()).isEqualTo("2026-12-04T14:00:07Z");
    }

    private String meta(String attribute, String name) {
        Element meta = doc.selectFirst("meta[" + attribute + "=" + name + "]");
        assertThat(meta).as("meta %s=%s", attribute, name).isNotNull();
        return meta.attr("content");
    }
}
