package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.MovableClock;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static broadsheet.core.editing.ArticleStoreContract.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled publishing on DynamoDB (dynalite), with a clock the test moves. */
class ScheduledPublishingTest {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    private final MovableClock clock = new MovableClock(AT.minus(Duration.ofHours(1)));
    /** Slugs of every write that turned an article published, in order (what the change feed would publish). */
    private final List<String> publications = Collections.synchronizedList(new ArrayList<>());
    private DynamoArticleStore store;
    private SchedulePublisher scheduler;

    @BeforeEach
    void wire() {
        store = new DynamoArticleStore(aws.dynamoDb(), aws.tableName(), clock, this::written);
        scheduler = new SchedulePublisher(store, clock);
    }

    private void written(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        if (!newItem.isEmpty() && ArticleItems.fromItem(newItem).status() == Status.PUBLISHED
                && (oldItem.isEmpty() || ArticleItems.fromItem(oldItem).status() != Status.PUBLISHED)) {
            publications.add(ArticleItems.fromItem(newItem).slug());
        }
    }

    @Test
    void aScheduledArticleIsPublishedExactlyOnceAndOnlyAfterItsTime() {
        store.create(scheduled("world", "nine-sharp", AT));

        scheduler.publishDue();
        clock.set(AT.minusMillis(1));
        scheduler.publishDue();
        assertThat(publications).isEmpty();
        assertThat(store.find("nine-sharp").orElseThrow().status()).isEqualTo(Status.SCHEDULED);

        clock.set(AT);
        assertThat(scheduler.publishDue()).extracting(Article::slug).containsExactly("nine-sharp");
        clock.advance(Duration.ofMinutes(5));
        assertThat(scheduler.publishDue()).isEmpty();
        assertThat(scheduler.publishIfDue("nine-sharp", AT)).isEmpty();

        assertThat(publications).containsExactly("nine-sharp");
        Article live = store.find("nine-sharp").orElseThrow();
        assertThat(live.status()).isEqualTo(Status.PUBLISHED);
        assertThat(live.version()).isEqualTo(2);
        assertThat(store.due(clock.instant(), 10)).as("a published article leaves the scheduled index").isEmpty();
    }

    @Test
    void aScheduleMissedWhileTheSchedulerWasDownIsCaughtUpOnTheNextRun() {
        store.create(scheduled("world", "missed-one", AT));
        store.create(scheduled("business", "missed-two", AT.plusSeconds(30)));
        clock.set(AT.plus(Duration.ofHours(6)));

        assertThat(scheduler.publishDue()).extracting(Article::slug).containsExactly("missed-one", "missed-two");
        assertThat(publications).containsExactly("missed-one", "missed-two");
    }

    @Test
    void reschedulingMovesThePublicationAndUnschedulingCancelsIt() {
        Article moved = store.create(scheduled("world", "moved", AT));
        Article pulled = store.create(scheduled("world", "pulled", AT));
        store.update(moved.withPublishAt(AT.plus(Duration.ofHours(2))), 1);
        store.update(pulled.withStatus(Status.DRAFT), 1);

        clock.set(AT.plusSeconds(1));
        assertThat(scheduler.publishDue()).isEmpty();
        assertThat(scheduler.publishIfDue("moved", AT)).as("the schedule made for the old time").isEmpty();

        clock.set(AT.plus(Duration.ofHours(2)));
        assertThat(scheduler.publishIfDue("moved", AT.plus(Duration.ofHours(2)))).isPresent();
        assertThat(scheduler.publishDue()).isEmpty();

        assertThat(publications).containsExactly("moved");
        assertThat(store.find("pulled").orElseThrow().status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void twoConcurrentSweepsPublishEachArticleOnce() throws Exception {
        for (int i = 0; i < 12; i++) {
            store.create(scheduled(i % 2 == 0 ? "world" : "science", "race-" + i, AT.plusSeconds(i)));
        }
        clock.set(AT.plus(Duration.ofMinutes(1)));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Article>> sweep = () -> {
                start.await();
                return new SchedulePublisher(store, clock).publishDue();
            };
            Future<List<Article>> first = pool.submit(sweep);
            Future<List<Article>> second = pool.submit(sweep);
            start.countDown();
            List<String> published = new ArrayList<>();
            first.get().forEach(a -> published.add(a.slug()));
            second.get().forEach(a -> published.add(a.slug()));

            assertThat(published).hasSize(12).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(publications).hasSize(12).doesNotHaveDuplicates();
        for (int i = 0; i < 12; i++) {
            assertThat(store.find("race-" + i).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void revisionItemsCarryNoIndexKeysAndAreNoArticles() {
        Article v1 = store.create(scheduled("world", "kept", AT));
        store.update(v1.withStatus(Status.DRAFT), 1);

        Map<String, AttributeValue> revision = aws.dynamoDb().getItem(b -> b.tableName(aws.tableName())
                .key(Map.of("pk", AttributeValue.fromS("article#kept"),
                        "sk", AttributeValue.fromS("revision#0000000001")))).item();
        assertThat(revision).doesNotContainKeys("gsi1pk", "gsi2pk", "gsi3pk", "gsi3sk");
        assertThat(revision.get("status").s()).isEqualTo("scheduled");
        assertThat(ArticleItems.isArticle(revision)).isFalse();
        assertThat(ArticleItems.isArticle(ArticleItems.toItem(v1))).isTrue();
        assertThat(store.due(AT.plusSeconds(60), 10)).as("the kept scheduled version is not due").isEmpty();
    }
}
