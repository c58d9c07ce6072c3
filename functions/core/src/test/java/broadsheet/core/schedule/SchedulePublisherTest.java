package broadsheet.core.schedule;

import broadsheet.core.MovableClock;
import broadsheet.core.TestArticles;

import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.schedule.SchedulePublisher;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static broadsheet.core.editing.ArticleStoreContract.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulePublisherTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    private final MovableClock clock = new MovableClock(AT.minusSeconds(600));
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final SchedulePublisher scheduler = new SchedulePublisher(store, clock);

    @Test
    void publishesAScheduledArticleOnlyOnceItsTimeHasCome() {
        store.create(scheduled("world", "at-nine", AT));

        assertThat(scheduler.publishDue()).isEmpty();
        clock.set(AT.minusMillis(1));
        assertThat(scheduler.publishDue()).isEmpty();
        assertThat(store.find("at-nine").orElseThrow().status()).isEqualTo(Status.SCHEDULED);

        clock.set(AT);
        assertThat(scheduler.publishDue()).extracting(Article::slug).containsExactly("at-nine");
        Article live = store.find("at-nine").orElseThrow();
        assertThat(live.status()).isEqualTo(Status.PUBLISHED);
        assertThat(live.version()).isEqualTo(2);
        assertThat(live.publishAt()).isEqualTo(AT);

        assertThat(scheduler.publishDue()).as("a second run publishes nothing").isEmpty();
        assertThat(store.find("at-nine").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aMissedScheduleIsCaughtUpByTheNextSweep() {
        store.create(scheduled("world", "missed", AT));
        clock.set(AT.plus(Duration.ofHours(3)));

        assertThat(scheduler.publishDue()).extracting(Article::slug).containsExactly("missed");
    }

    @Test
    void theScheduleOfOneArticlePublishesOnlyTheTimeItWasSetFor() {
        Article v1 = store.create(scheduled("world", "moved-on", AT));
        store.update(v1.withPublishAt(AT.plusSeconds(3600)), 1);
        clock.set(AT);

        assertThat(scheduler.publishIfDue("moved-on", AT)).as("left over from before the reschedule").isEmpty();
        assertThat(scheduler.publishIfDue("moved-on", AT.plusSeconds(3600))).as("too early").isEmpty();
        clock.set(AT.plusSeconds(3600));
        assertThat(scheduler.publishIfDue("moved-on", AT.plusSeconds(3600))).isPresent();
        assertThat(scheduler.publishIfDue("moved-on", AT.plusSeconds(3600))).as("already published").isEmpty();
        assertThat(scheduler.publishIfDue("unknown", AT)).isEmpty();
    }

    @Test
    void anUnscheduledArticleStaysADraft() {
        Article v1 = store.create(scheduled("world", "pulled", AT));
        store.update(v1.withStatus(Status.DRAFT), 1);
        clock.set(AT.plusSeconds(1));

        assertThat(scheduler.publishDue()).isEmpty();
        assertThat(scheduler.publishIfDue("pulled", AT)).isEmpty();
        assertThat(store.find("pulled").orElseThrow().status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void aSweepWorkingFromAStaleReadPublishesNothingTheEditorChanged() {
        Article v1 = store.create(scheduled("world", "edited", AT));
        clock.set(AT);
        ArticleStore lagging = new DelegatingStore(store) {
            @Override
            public java.util.List<Article> due(Instant now, int limit) {
                return java.util.List.of(v1); // an index that has not seen the edit yet
            }
        };
        store.update(TestArticles.retitled(v1, "Edited headline"), 1);

        assertThat(new SchedulePublisher(lagging, clock).publishDue()).isEmpty();
        assertThat(store.find("edited").orElseThrow().headline()).isEqualTo("Edited headline");
        assertThat(store.find("edited").orElseThrow().status()).isEqualTo(Status.SCHEDULED);
    }

    /** Forwards everything to another store; tests override single calls. */
    private abstract static class DelegatingStore implements ArticleStore {
        private final ArticleStore inner;

        DelegatingStore(ArticleStore inner) {
            this.inner = inner;
        }

        @Override public Article create(Article article) { return inner.create(article); }
        @Override public Article create(Article article, String key, String hash) { return inner.create(article, key, hash); }
        @Override public java.util.Optional<Article> find(String slug) { return inner.find(slug); }
        @Override public Article update(Article article, long expectedVersion) { return inner.update(article, expectedVersion); }
        @Override public void delete(String slug, long expectedVersion) { inner.delete(slug, expectedVersion); }
        @Override public java.util.List<Revision> revisions(String slug) { return inner.revisions(slug); }
        @Override public java.util.Optional<Article> revision(String slug, long version) { return inner.revision(slug, version); }
        @Override public java.util.List<Article> due(Instant now, int limit) { return inner.due(now, limit); }
        @Override public ResultPage list(ArticleQuery query) { return inner.list(query); }
    }
}
