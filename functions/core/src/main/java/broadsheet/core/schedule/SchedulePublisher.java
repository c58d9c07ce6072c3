package broadsheet.core.schedule;

import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.StaleVersionException;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Publishes scheduled articles when their time has come: the status goes from scheduled to
 * published by a write conditional on the version that was read, so each scheduled version is
 * published exactly once however many runs race (one conditional write wins; the others find a
 * newer version and skip). The change feed then publishes the page as for any other write.
 *
 * <p>Two ways in: {@link #publishIfDue} for the one-time schedule of one article (it names the
 * slug and the publish time it was created for, so a schedule left over from before a
 * reschedule publishes nothing), and {@link #publishDue} for the periodic catch-up sweep, which
 * publishes every scheduled article whose time has passed (a missed or failed schedule, or a
 * scheduler that was down).
 */
public final class SchedulePublisher {

    /** Articles read per sweep round. */
    public static final int BATCH = 100;
    /** Rounds per sweep; a backlog beyond this is left to the next sweep. */
    public static final int MAX_ROUNDS = 10;

    private final ArticleStore store;
    private final Clock clock;

    public SchedulePublisher(ArticleStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes every scheduled article that is due now; returns those this run published. */
    public List<Article> publishDue() {
        Instant now = clock.instant();
        List<Article> published = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Article> due = store.due(now, BATCH);
            int before = published.size();
            for (Article article : due) {
                publish(article).ifPresent(published::add);
            }
            if (due.size() < BATCH || published.size() == before) {
                break; // all due articles seen, or an index lagging behind: the next sweep sees more
            }
        }
        return List.copyOf(published);
    }

    /**
     * Publishes the article when it is still scheduled for {@code expectedPublishAt} and that time
     * has come; otherwise (published already, rescheduled, unscheduled, deleted, early) nothing.
     */
    public Optional<Article> publishIfDue(String slug, Instant expectedPublishAt) {
        Optional<Article> found = store.find(slug);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Article article = found.get();
        if (article.status() != Status.SCHEDULED || !Objects.equals(article.publishAt(), expectedPublishAt)
                || article.publishAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return publish(article);
    }

    private Optional<Article> publish(Article scheduled) {
        if (scheduled.status() != Status.SCHEDULED || scheduled.publishAt() == null) {
            return Optional.empty();
        }
        try {
            Article published = scheduled.withStatus(Status.PUBLISHED)
                    .withTimes(scheduled.createdAt(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return Optional.of(store.update(published, scheduled.version()));
        } catch (StaleVersionException | ArticleNotFoundException e) {
            return Optional.empty(); // another run published it, or an editor changed or deleted it
        }
    }
}
