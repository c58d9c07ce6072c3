package broadsheet.aws;

import broadsheet.core.schedule.PublishSchedule;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One EventBridge Scheduler one-time schedule per scheduled article, in the schedule group of
 * this deployment. The schedule invokes the schedule function with {@code {"slug", "publishAt"}}
 * at {@code publishAt} rounded up to the whole second ({@code at()} has second resolution, and
 * firing early would find the article not yet due), retries, sends what still fails to the
 * dead-letter queue, and deletes itself after it ran. Its name is the slug (slugs longer than a
 * schedule name may be are cut and suffixed with a hash of the whole slug).
 */
public final class EventBridgePublishSchedule implements PublishSchedule {

    static final int MAX_NAME = 64;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Where the schedules go and what they invoke.
     *
     * @param group     the schedule group
     * @param targetArn the schedule function
     * @param roleArn   the role EventBridge Scheduler assumes to invoke it
     * @param dlqArn    the SQS queue for invocations that keep failing
     */
    public record Target(String group, String targetArn, String roleArn, String dlqArn) {
        public Target {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(targetArn, "targetArn");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(dlqArn, "dlqArn");
        }
    }

    private final SchedulerClient scheduler;
    private final Target target;

    public EventBridgePublishSchedule(SchedulerClient scheduler, Target target) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void set(String slug, Instant publishAt) {
        CreateScheduleRequest create = createRequest(slug, publishAt);
        try {
            scheduler.createSchedule(create);
        } catch (ConflictException exists) {
            scheduler.updateSchedule(UpdateScheduleRequest.builder()
                    .name(create.name()).groupName(create.groupName())
                    .scheduleExpression(create.scheduleExpression())
                    .scheduleExpressionTimezone(create.scheduleExpressionTimezone())
                    .flexibleTimeWindow(create.flexibleTimeWindow())
                    .actionAfterCompletion(create.actionAfterCompletion())
                    .target(create.target())
                    .build());
        }
    }

    @Override
    public void clear(String slug) {
        try {
            scheduler.deleteSchedule(b -> b.groupName(target.group()).name(name(slug)));
        } catch (ResourceNotFoundException gone) {
            // ran and deleted itself, or never made: nothing to clear
        }
    }

    /** The schedule of one article (also what an update replaces it with). */
    CreateScheduleRequest createRequest(String slug, Instant publishAt) {
        return CreateScheduleRequest.builder()
                .groupName(target.group())
                .name(name(slug))
                .scheduleExpression("at(" + AT.format(roundUp(publishAt)) + ")")
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn(target.targetArn()).roleArn(target.roleArn())
                        .input("{\"slug\":\"" + slug + "\",\"publishAt\":\"" + publishAt + "\"}")
                        .retryPolicy(r -> r.maximumRetryAttempts(10).maximumEventAgeInSeconds(3600))
                        .deadLetterConfig(d -> d.arn(target.dlqArn())))
                .build();
    }

    static Instant roundUp(Instant time) {
        Instant seconds = time.truncatedTo(ChronoUnit.SECONDS);
        return seconds.equals(time) ? time : seconds.plusSeconds(1);
    }

    /** The slug when it fits; else its first 47 characters, a hyphen and 16 hex digits of its SHA-256. */
    static String name(String slug) {
        if (slug.length() <= MAX_NAME) {
            return slug;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(slug.getBytes(StandardCharsets.UTF_8));
            return slug.substring(0, MAX_NAME - 17) + "-" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
