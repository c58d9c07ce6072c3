package broadsheet.lambda.schedule;

import broadsheet.core.article.Article;
import broadsheet.core.schedule.SchedulePublisher;
import broadsheet.lambda.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the schedule function ({@code broadsheet.lambda.schedule.ScheduleHandler::handleRequest}),
 * invoked by EventBridge Scheduler. With {@code {"slug", "publishAt"}} (an article's one-time
 * schedule) it publishes that article if it is still scheduled for that time; with any other
 * input (the five-minute catch-up schedule sends {@code {"sweep": true}}) it publishes every
 * scheduled article whose time has passed. Returns the slugs it published. Errors propagate, so
 * the scheduler retries and finally dead-letters the invocation; publishing is idempotent. The
 * input and the answer ({@code {"published": [slugs]}}) are read and written as JSON here, not by
 * the runtime's POJO serializer.
 */
public final class ScheduleHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(ScheduleHandler.class.getName());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final SchedulePublisher scheduler;

    public ScheduleHandler() {
        this(Wiring.fromEnvironment().schedulePublisher());
    }

    public ScheduleHandler(SchedulePublisher scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        List<String> slugs = publish(MAPPER.readTree(input));
        ObjectNode answer = MAPPER.createObjectNode();
        slugs.forEach(answer.putArray("published")::add);
        MAPPER.writeValue(output, answer);
    }

    private List<String> publish(JsonNode input) {
        Optional<String> slug = input.path("slug").stringValueOpt();
        Optional<Instant> publishAt = input.path("publishAt").stringValueOpt().flatMap(ScheduleHandler::instant);
        List<Article> published;
        if (slug.isPresent() && publishAt.isPresent()) {
            published = scheduler.publishIfDue(slug.get(), publishAt.get()).stream().toList();
        } else {
            published = scheduler.publishDue();
        }
        List<String> slugs = published.stream().map(Article::slug).toList();
        LOG.log(System.Logger.Level.INFO, "published " + slugs);
        return slugs;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
