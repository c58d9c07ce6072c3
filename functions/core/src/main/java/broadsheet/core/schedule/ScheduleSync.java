package broadsheet.core.schedule;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.schedule.PublishSchedule;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the one-time schedules in step with the articles, from the change feed: an article that
 * becomes scheduled, or is rescheduled, gets its schedule set; one that stops being scheduled
 * (published, back to draft, deleted) gets it cleared. A publish time already past gets no
 * schedule: the periodic sweep publishes it. Applying the same change twice makes the same calls,
 * which are idempotent.
 */
public final class ScheduleSync {

    private final PublishSchedule schedule;
    private final Clock clock;

    public ScheduleSync(PublishSchedule schedule, Clock clock) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void apply(ArticleChange change) {
        Optional<Article> after = change.after().filter(ScheduleSync::scheduled);
        Optional<Article> before = change.before().filter(ScheduleSync::scheduled);
        if (after.isPresent() && after.get().publishAt().isAfter(clock.instant())) {
            if (before.isEmpty() || !before.get().publishAt().equals(after.get().publishAt())) {
                schedule.set(after.get().slug(), after.get().publishAt());
            }
        } else if (before.isPresent()) {
            schedule.clear(before.get().slug());
        }
    }

    private static boolean scheduled(Article article) {
        return article.status() == Status.SCHEDULED && article.publishAt() != null;
    }
}
