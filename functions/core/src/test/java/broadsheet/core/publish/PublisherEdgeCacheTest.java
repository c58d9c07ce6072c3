package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherEdgeCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-20T09:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "sport", "culture");

    /** One invalidation request, with what the bucket held for its first path when it was sent. */
    record Sent(String reference, List<String> paths, boolean firstPathInBucket) {
    }

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final List<Sent> sent = new ArrayList<>();
    private final EdgeCache edge = (String reference, Collection<String> paths) -> sent.add(new Sent(reference,
            List.copyOf(paths), bucket.get(paths.iterator().next().substring(1)).isPresent()));
    private final Publisher publisher = new Publisher(new InMemoryListingStore(), bucket, new TextPages(),
            Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(50), edge);

    private final Article live = published("world", "talks", EARLIER);

    @Test
    void publishingANewArticleInvalidatesNothing() {
        publisher.apply(ArticleChange.created(live));

        assertThat(sent).isEmpty();
    }

    @Test
    void unpublishingInvalidatesEveryFormerAddressAfterThePageIsDeleted() {
        publisher.apply(ArticleChange.created(live));

        publisher.apply(ArticleChange.updated(live, next(live, "world", EARLIER, Status.DRAFT)));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).paths()).containsExactly("/culture/talks/index.html", "/sport/talks/index.html",
                "/world/talks/index.html");
        assertThat(bucket.get("world/talks/index.html")).isEmpty();
        assertThat(sent.get(0).firstPathInBucket()).as("sent after the deletes").isFalse();
    }

    @Test
    void aCorrectionIsInvalidatedAfterTheNewPageIsInTheBucket() {
        publisher.apply(ArticleChange.created(live));
        Article corrected = retitled(live, "Corrected");
        List<String> seen = new ArrayList<>();
        Publisher checking = new Publisher(new InMemoryListingStore(), bucket, new TextPages(),
                Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(50),
                (reference, paths) -> seen.add(new String(bucket.get("world/talks/index.html").orElseThrow().body(),
                        java.nio.charset.StandardCharsets.UTF_8)));

        checking.apply(ArticleChange.updated(live, corrected));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).as("the edge is told after the corrected page is stored").contains("Corrected");
    }

    @Test
    void aBatchInvalidatesOnceForAllItsChanges() {
        Article other = published("sport", "final", EARLIER);
        publisher.apply(ArticleChange.created(live));
        publisher.apply(ArticleChange.created(other));

        PublishBatch batch = publisher.batch();
        batch.apply(ArticleChange.updated(live, retitled(live, "Corrected")));
        batch.apply(ArticleChange.deleted(other));
        batch.apply(ArticleChange.created(published("culture", "new", EARLIER)));
        assertThat(sent).as("nothing before invalidate()").isEmpty();
        batch.invalidate();
        batch.invalidate();

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).paths()).containsExactly("/culture/final/index.html", "/sport/final/index.html",
                "/world/final/index.html", "/world/talks/index.html");
    }

    @Test
    void aRedeliveredBatchSendsTheSameReferenceAndALaterCorrectionAnother() {
        publisher.apply(ArticleChange.created(live));
        Article corrected = retitled(live, "Corrected");

        publisher.apply(ArticleChange.updated(live, corrected));
        publisher.apply(ArticleChange.updated(live, corrected));
        publisher.apply(ArticleChange.updated(corrected, retitled(corrected, "Corrected again")));

        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).reference()).isEqualTo(sent.get(0).reference());
        assertThat(sent.get(2).reference()).isNotEqualTo(sent.get(0).reference());
    }

    @Test
    void aRefusedInvalidationIsThrownAndKeptForTheRetry() {
        publisher.apply(ArticleChange.created(live));
        List<Collection<String>> accepted = new ArrayList<>();
        boolean[] refuse = {true};
        Publisher refusing = new Publisher(new InMemoryListingStore(), bucket, new TextPages(),
                Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(50), (reference, paths) -> {
                    if (refuse[0]) {
                        throw new EdgeCacheException("too many invalidations in progress", null);
                    }
                    accepted.add(paths);
                });
        PublishBatch batch = refusing.batch();
        batch.apply(ArticleChange.deleted(live));

        assertThatThrownBy(batch::invalidate).isInstanceOf(EdgeCacheException.class);
        assertThat(batch.stalePaths()).contains("/world/talks/index.html");

        refuse[0] = false;
        refusing.apply(ArticleChange.deleted(live));
        assertThat(accepted).as("the redelivered change names its paths again, though the bucket has nothing to delete")
                .singleElement().satisfies(paths -> assertThat(paths).contains("/world/talks/index.html"));
    }
}
