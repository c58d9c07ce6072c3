package broadsheet.lambda.stream;

import broadsheet.aws.ArticleItems;
import broadsheet.core.MovableClock;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.ApiGatewayEvents;
import broadsheet.lambda.Invocations;
import broadsheet.lambda.StreamEvents;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.WORLD_SLUG;
import static org.assertj.core.api.Assertions.assertThat;

/** The change-feed handler driven by a DynamoDB stream event fixture, publishing into memory. */
class PublisherHandlerTest {

    private static final String BATCH = "/events/stream/article-batch.json";
    private static final String ARTICLE_PAGE = "world/" + WORLD_SLUG + "/index.html";

    private final SiteConfig site = SiteConfig.load();
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final PublisherHandler handler = new PublisherHandler(new ChangeFeed(new Publisher(
            new InMemoryListingStore(), bucket, new MustachePages(site),
            new MovableClock(Instant.parse("2026-11-29T13:00:00Z")), site.sectionSlugs(), FrontSizes.of(site))));

    private static String batch() {
        return ApiGatewayEvents.resource(BATCH);
    }

    @Test
    void publishesArticleRecordsAndIgnoresOtherItems() {
        StreamBatchResponse response = Invocations.publish(handler, batch());

        assertThat(response.failedSequenceNumbers()).isEmpty();
        assertThat(bucket.get(ARTICLE_PAGE)).hasValueSatisfying(page ->
                assertThat(new String(page.body(), StandardCharsets.UTF_8))
                        .contains("Russia is not the main threat, says Secretary General"));
        assertThat(bucket.keys("")).contains("index.html", "world/index.html")
                .noneMatch(key -> key.contains("ceasefire-talks-resume-in-geneva"))
                .noneMatch(key -> key.contains("listing") || key.contains("idempotency"));
    }

    @Test
    void deliveringTheSameBatchAgainUploadsNothing() {
        Invocations.publish(handler, batch());
        long puts = bucket.puts();

        StreamBatchResponse again = Invocations.publish(handler, batch());

        assertThat(again.failedSequenceNumbers()).isEmpty();
        assertThat(bucket.puts()).isEqualTo(puts);
    }

    @Test
    void anArticleCreatedAndDeletedInOneBatchEndsUnpublished() {
        Invocations.publish(handler, batch());
        Map<String, AttributeValue> item = ArticleItems.toItem(new Article("world", "short-lived-story", "Short-lived story",
                null, "Gone soon.", null, List.of(), List.of(), null, Status.PUBLISHED,
                Instant.parse("2026-11-29T12:40:00Z"), Instant.parse("2026-11-29T12:40:00Z"),
                Instant.parse("2026-11-29T12:40:00Z"), 1));
        String key = "world/short-lived-story/index.html";

        assertThat(Invocations.publish(handler, new StreamEvents(10).record(Map.of(), item).json())
                .failedSequenceNumbers()).isEmpty();
        assertThat(bucket.get(key)).as("published by a first delivery").isPresent();

        StreamBatchResponse response = Invocations.publish(handler,
                new StreamEvents(10).record(Map.of(), item).record(item, Map.of()).json());

        assertThat(response.failedSequenceNumbers()).isEmpty();
        assertThat(bucket.get(key)).isEmpty();
        assertThat(new String(bucket.get("world/index.html").orElseThrow().body(), StandardCharsets.UTF_8))
                .doesNotContain("short-lived-story");
    }

    @Test
    void reportsAPoisonedRecordAndSkipsOnlyLaterRecordsOfThatArticle() {
        // Record 2 (the insert of the World article) carries a version that is not a number.
        String poisoned = ApiGatewayEvents.resource(BATCH).replaceFirst("\"N\": \"1\"", "\"N\": \"one\"");
        assertThat(poisoned).isNotEqualTo(ApiGatewayEvents.resource(BATCH));

        StreamBatchResponse response = Invocations.publish(handler, poisoned);

        assertThat(response.failedSequenceNumbers())
                .containsExactly("400000000000000000002");
        assertThat(bucket.get(ARTICLE_PAGE)).as("the later update of the same article waits for the retry").isEmpty();
    }
}
