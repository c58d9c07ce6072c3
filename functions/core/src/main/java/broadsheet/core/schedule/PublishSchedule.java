package broadsheet.core.schedule;

import java.time.Instant;

/**
 * One-time schedules that publish an article at its time (EventBridge Scheduler in AWS). A
 * schedule is named by the article's slug: setting it again replaces it.
 */
public interface PublishSchedule {

    /** No schedules: the periodic sweep alone publishes scheduled articles (the local stack). */
    PublishSchedule NONE = new PublishSchedule() {
        @Override
        public void set(String slug, Instant publishAt) {
        }

        @Override
        public void clear(String slug) {
        }
    };

    /** Creates or replaces the schedule of this article. */
    void set(String slug, Instant publishAt);

    /** Removes the schedule of this article; nothing when there is none. */
    void clear(String slug);
}
