package broadsheet.lambda.stream;

import broadsheet.aws.ArticleItems;
import broadsheet.core.listing.FrontSizes;
import broadsheet.lambda.StreamEvents;
import broadsheet.core.MovableClock;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.EdgeCacheException;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The change feed invalidates the pages a stream batch overwrote or deleted once, after the batch. */
class ChangeFeedEdgeCacheTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-29T12:40:00Z");

    private final SiteConfig site = SiteConfig.load();
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final List<List<String>> invalidated = new ArrayList<>();
    private boolean refuse;
    private final ChangeFeed feed = new ChangeFeed(new Publisher(new InMemoryListingStore(), bucket,
            new MustachePages(site), new MovableClock(Instant.parse("2026-11-29T13:00:00Z")), site.sectionSlugs(),
            FrontSizes.of(site), (String reference, Collection<String> paths) -> {
                if (refuse) {
                    throw new EdgeCacheException("too many invalidations in progress", null);
                }
                invalidated.add(List.copyOf(paths));
            }));

    private static Map<String, AttributeValue> item(String section, String slug, String headline, long version) {
        return ArticleItems.toItem(new Article(section, slug, headline, null, "Body.", null, List.of(), List.of(),
                null, Status.PUBLISHED, PUBLISHED, PUBLISHED, PUBLISHED, version));
    }

    @Test
    void aBatchOfNewArticlesInvalidatesNothing() {
        StreamBatchResponse response = feed.apply(new StreamEvents(1)
                .record(Map.of(), item("world", "talks", "Talks", 1))
                .record(Map.of(), item("sport", "final", "Final", 1)).event());

        assertThat(response.failedSequenceNumbers()).isEmpty();
        assertThat(invalidated).isEmpty();
    }

    @Test
    void aBatchOfCorrectionsAndTakedownsInvalidatesOnceAfterItsBucketWrites() {
        feed.apply(new StreamEvents(1)
                .record(Map.of(), item("world", "talks", "Talks", 1))
                .record(Map.of(), item("sport", "final", "Final", 1)).event());

        StreamBatchResponse response = feed.apply(new StreamEvents(3)
                .record(item("world", "talks", "Talks", 1), item("world", "talks", "Talks (corrected)", 2))
                .record(item("sport", "final", "Final", 1), Map.of()).event());

        assertThat(response.failedSequenceNumbers()).isEmpty();
        assertThat(invalidated).singleElement().satisfies(paths -> assertThat(paths)
                .contains("/world/talks/index.html", "/sport/final/index.html")
                .hasSize(1 + site.sectionSlugs().size()));
        assertThat(bucket.get("sport/final/index.html")).isEmpty();
    }

    @Test
    void aRefusedInvalidationReportsEveryArticleOfTheBatchForRedelivery() {
        feed.apply(new StreamEvents(1)
                .record(Map.of(), item("world", "talks", "Talks", 1))
                .record(Map.of(), item("sport", "final", "Final", 1)).event());
        refuse = true;
        StreamEvents takedowns = new StreamEvents(3)
                .record(item("world", "talks", "Talks", 1), Map.of())
                .record(item("sport", "final", "Final", 1), Map.of());

        StreamBatchResponse refused = feed.apply(takedowns.event());

        assertThat(refused.failedSequenceNumbers())
                .containsExactly(StreamEvents.sequenceNumber(3), StreamEvents.sequenceNumber(4));
        assertThat(bucket.get("world/talks/index.html")).as("the pages are gone from the bucket already").isEmpty();

        refuse = false;
        StreamBatchResponse redelivered = feed.apply(takedowns.event());

        assertThat(redelivered.failedSequenceNumbers()).isEmpty();
        assertThat(invalidated).singleElement().satisfies(paths -> assertThat(paths)
                .contains("/world/talks/index.html", "/sport/final/index.html"));
    }
}
