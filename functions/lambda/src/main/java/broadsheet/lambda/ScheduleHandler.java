package broadsheet.lambda;

import broadsheet.core.article.Article;
import broadsheet.core.publish.SchedulePublisher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of the schedule function ({@code broadsheet.lambda.ScheduleHandler::handleRequest}),
 * invoked by EventBridge Scheduler. With {@code {"slug", "publishAt"}} (an article's one-time
 * schedule) it publishes that article if it is still scheduled for that time; with any other
 * input (the five-minute catch-up schedule sends {@code {"sweep": true}}) it publishes every
 * scheduled article whose time has passed. Returns the slugs it published. Errors propagate, so
 * the scheduler retries and finally dead-letters the invocation; publishing is idempotent.
 */
public final class ScheduleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final System.Logger LOG = System.getLogger(ScheduleHandler.class.getName());

    private final SchedulePublisher scheduler;

    public ScheduleHandler() {
        this(Wiring.fromEnvironment().schedulePublisher());
    }

    public ScheduleHandler(SchedulePublisher scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Optional<String> slug = text(input, "slug");
        Optional<Instant> publishAt = text(input, "publishAt").flatMap(ScheduleHandler::instant);
        List<Article> published;
        if (slug.isPresent() && publishAt.isPresent()) {
            published = scheduler.publishIfDue(slug.get(), publishAt.get()).stream().toList();
        } else {
            published = scheduler.publishDue();
        }
        List<String> slugs = published.stream().map(Article::slug).toList();
        LOG.log(System.Logger.Level.INFO, "published " + slugs);
        return Map.of("published", slugs);
    }

    private static Optional<String> text(Map<String, Object> input, String name) {
        return input == null || !(input.get(name) instanceof String value) ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
