package broadsheet.core.schedule;

import broadsheet.core.editing.ArticleStoreContract;
import broadsheet.core.MovableClock;
import broadsheet.core.TestArticles;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.schedule.PublishSchedule;
import broadsheet.core.schedule.ScheduleSync;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static broadsheet.core.editing.ArticleStoreContract.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleSyncTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private final ScheduleSync sync = new ScheduleSync(new PublishSchedule() {
        @Override
        public void set(String slug, Instant publishAt) {
            calls.add("set " + slug + " " + publishAt);
        }

        @Override
        public void clear(String slug) {
            calls.add("clear " + slug);
        }
    }, new MovableClock(NOW));

    private void apply(Article before, Article after) {
        sync.apply(new ArticleChange(Optional.ofNullable(before), Optional.ofNullable(after)));
    }

    @Test
    void schedulingReschedulingAndUnschedulingSetAndClearTheSchedule() {
        Article a = scheduled("world", "a", AT).withVersion(1);
        apply(null, a);
        apply(a, a.withPublishAt(AT.plusSeconds(60)).withVersion(2));
        apply(a.withVersion(2), TestArticles.retitled(a, "Same time, new words"));
        apply(a, a.withStatus(Status.DRAFT));
        apply(a, null);

        assertThat(calls).containsExactly("set a 2026-12-01T09:00:00Z", "set a 2026-12-01T09:01:00Z",
                "clear a", "clear a");
    }

    @Test
    void publishingClearsTheScheduleAndAPastTimeGetsNoneOfItsOwn() {
        Article a = scheduled("world", "a", AT).withVersion(1);
        apply(a, a.withStatus(Status.PUBLISHED));
        apply(null, scheduled("world", "b", NOW.minusSeconds(1)));
        apply(null, ArticleStoreContract.article("world", "c", Status.PUBLISHED));
        apply(null, ArticleStoreContract.article("world", "d", Status.DRAFT));
        apply(null, ArticleStoreContract.article("world", "e", Status.REVIEW).withPublishAt(AT));

        assertThat(calls).containsExactly("clear a");
    }
}
