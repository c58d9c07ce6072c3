package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Status;
import broadsheet.core.article.Validated;

import broadsheet.core.Fixtures;

import broadsheet.core.editing.ArticleJson;

import broadsheet.core.Fixtures;
import broadsheet.core.site.SiteLayout;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleJsonTest {

    private final ArticleJson articleJson = new ArticleJson(new SiteLayout(Fixtures.site()));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesEveryFieldWithUtcTimesAndTheUrl() {
        Article article = Fixtures.worldArticle();
        JsonNode node = json.readTree(articleJson.write(article));
        assertThat(node.get("slug").stringValue()).isEqualTo(article.slug());
        assertThat(node.get("section").stringValue()).isEqualTo("world");
        assertThat(node.get("headline").stringValue()).isEqualTo(article.headline());
        assertThat(node.get("image").get("credit").stringValue()).isEqualTo("Photo: Marco Camilleri");
        assertThat(node.get("authors").get(1).stringValue()).isEqualTo("Tomás Ruiz");
        assertThat(node.get("status").stringValue()).isEqualTo("published");
        assertThat(node.get("publishAt").stringValue()).isEqualTo("2026-11-28T18:30:00Z");
        assertThat(node.get("createdAt").stringValue()).isEqualTo("2026-11-28T17:05:00Z");
        assertThat(node.get("updatedAt").stringValue()).isEqualTo("2026-11-28T19:12:00Z");
        assertThat(node.get("version").longValue()).isEqualTo(3);
        assertThat(node.get("url").stringValue())
                .isEqualTo("https://broadsheet.example/world/" + article.slug() + "/");
    }

    @Test
    void whatItWritesValidatesBackToTheSameArticle() {
        Article article = Fixtures.worldArticle();
        Validated again = new ArticleValidator(Fixtures.site()).parse(articleJson.write(article));
        assertThat(again).isInstanceOf(Validated.Valid.class);
        assertThat(((Validated.Valid) again).article()).isEqualTo(article.withVersion(0).withTimes(null, null));
    }

    @Test
    void writesTheCreatorAndTheReviewStatusAndReadsBackWithoutTheCreator() {
        Article article = Fixtures.worldArticle().withStatus(Status.REVIEW).withCreatedBy("ann");
        JsonNode node = json.readTree(articleJson.write(article));
        assertThat(node.get("createdBy").stringValue()).isEqualTo("ann");
        assertThat(node.get("status").stringValue()).isEqualTo("review");
        Validated again = new ArticleValidator(Fixtures.site()).parse(articleJson.write(article));
        assertThat(((Validated.Valid) again).article())
                .isEqualTo(article.withVersion(0).withTimes(null, null).withCreatedBy(null));
    }

    @Test
    void writesAbsentOptionalValuesAsNull() {
        Article bare = new Article("world", "bare", "Bare", null, "Body", null, List.of(), List.of(), null,
                Status.DRAFT, null, null, null, 0);
        JsonNode node = json.readTree(articleJson.write(bare));
        assertThat(node.get("image").isNull()).isTrue();
        assertThat(node.get("standfirst").isNull()).isTrue();
        assertThat(node.get("publishAt").isNull()).isTrue();
        assertThat(node.get("createdBy").isNull()).isTrue();
        assertThat(node.get("authors").isArray()).isTrue();
    }

    @Test
    void writesAListWithItsCursor() {
        Article article = Fixtures.worldArticle();
        JsonNode page = json.readTree(articleJson.writeList(List.of(article, article), Optional.of("abc")));
        assertThat(page.get("articles").size()).isEqualTo(2);
        assertThat(page.get("nextCursor").stringValue()).isEqualTo("abc");
        JsonNode last = json.readTree(articleJson.writeList(List.of(), Optional.empty()));
        assertThat(last.get("articles").size()).isZero();
        assertThat(last.get("nextCursor").isNull()).isTrue();
    }
}
