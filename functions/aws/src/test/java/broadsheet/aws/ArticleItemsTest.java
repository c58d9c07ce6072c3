package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleItemsTest {

    private static final Article PUBLISHED = new Article("world", "nato-summit", "Allies meet", "Standfirst", "Body",
            new LeadImage("media/a.jpg", "Alt", "Caption", "Credit"), List.of("Ann"), List.of("nato"), "Reuters",
            Status.PUBLISHED, Instant.parse("2026-11-29T10:15:30.5Z"), Instant.parse("2026-11-29T09:00:00Z"),
            Instant.parse("2026-11-29T10:00:00.123456Z"), 4);

    @Test
    void mapsEveryFieldAndTheSectionIndexOfAPublishedArticle() {
        Map<String, AttributeValue> item = ArticleItems.toItem(PUBLISHED);

        assertThat(item.get("pk").s()).isEqualTo("article#nato-summit");
        assertThat(item.get("sk").s()).isEqualTo("article");
        assertThat(item.get("version").n()).isEqualTo("4");
        assertThat(item.get("status").s()).isEqualTo("published");
        assertThat(item.get("publishAt").s()).isEqualTo("2026-11-29T10:15:30.500Z");
        assertThat(item).as("the published index is gone").doesNotContainKeys("gsi1pk", "gsi1sk");
        assertThat(item.get("gsi2pk").s()).isEqualTo("world");
        assertThat(item.get("gsi2sk").s()).isEqualTo("2026-11-29T10:00:00.123456000Z#nato-summit");
        assertThat(item.get("image").m().get("credit").s()).isEqualTo("Credit");
        assertThat(ArticleItems.fromItem(item)).isEqualTo(PUBLISHED);
    }

    @Test
    void keepsTheCreatorAndIndexesAnArticleInReviewLikeADraft() {
        Article review = PUBLISHED.withStatus(Status.REVIEW).withCreatedBy("ann");

        Map<String, AttributeValue> item = ArticleItems.toItem(review);

        assertThat(item.get("status").s()).isEqualTo("review");
        assertThat(item.get("createdBy").s()).isEqualTo("ann");
        assertThat(item).as("not listed, not scheduled").doesNotContainKeys("gsi1pk", "gsi1sk", "gsi3pk", "gsi3sk");
        assertThat(item).as("but found among recent changes").containsKeys("gsi2pk", "gsi2sk");
        assertThat(ArticleItems.fromItem(item)).isEqualTo(review);
        assertThat(ArticleItems.toItem(PUBLISHED)).doesNotContainKey("createdBy");
    }

    @Test
    void sortKeysOrderLikeTimesWhateverTheirFraction() {
        String whole = ArticleItems.sortKey(Instant.parse("2026-11-29T10:15:30Z"), "a");
        String later = ArticleItems.sortKey(Instant.parse("2026-11-29T10:15:30.001Z"), "a");

        assertThat(whole).isLessThan(later);
    }

    @Test
    void readsAnItemWithOnlyTheRequiredAttributes() {
        Article article = ArticleItems.fromItem(Map.of(
                "pk", AttributeValue.fromS("article#x"), "sk", AttributeValue.fromS("article"),
                "section", AttributeValue.fromS("science"), "slug", AttributeValue.fromS("x"),
                "headline", AttributeValue.fromS("H"), "body", AttributeValue.fromS("B"),
                "status", AttributeValue.fromS("draft"), "version", AttributeValue.fromN("1"),
                "somethingNew", AttributeValue.fromS("ignored")));

        assertThat(article.slug()).isEqualTo("x");
        assertThat(article.authors()).isEmpty();
        assertThat(article.tags()).isEmpty();
        assertThat(article.image()).isNull();
        assertThat(article.publishAt()).isNull();
        assertThat(article.status()).isEqualTo(Status.DRAFT);
    }
}
