package broadsheet.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule requests (no local EventBridge Scheduler exists; the calls themselves run in AWS only). */
class EventBridgePublishScheduleTest {

    private final EventBridgePublishSchedule schedule = new EventBridgePublishSchedule(
            SchedulerClient.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .build(),
            new EventBridgePublishSchedule.Target("broadsheet-publish", "arn:aws:lambda:eu-west-1:1:function:schedule",
                    "arn:aws:iam::1:role/scheduler", "arn:aws:sqs:eu-west-1:1:dlq"));

    @Test
    void aOneTimeScheduleAtThePublishTimeRoundedUpToTheSecond() {
        CreateScheduleRequest request = schedule.createRequest("budget-vote", Instant.parse("2026-12-01T09:00:00.250Z"));

        assertThat(request.name()).isEqualTo("budget-vote");
        assertThat(request.groupName()).isEqualTo("broadsheet-publish");
        assertThat(request.scheduleExpression()).isEqualTo("at(2026-12-01T09:00:01)");
        assertThat(request.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(request.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(request.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(request.target().arn()).isEqualTo("arn:aws:lambda:eu-west-1:1:function:schedule");
        assertThat(request.target().roleArn()).isEqualTo("arn:aws:iam::1:role/scheduler");
        assertThat(request.target().deadLetterConfig().arn()).isEqualTo("arn:aws:sqs:eu-west-1:1:dlq");
        assertThat(request.target().input())
                .isEqualTo("{\"slug\":\"budget-vote\",\"publishAt\":\"2026-12-01T09:00:00.250Z\"}");
        assertThat(schedule.createRequest("a", Instant.parse("2026-12-01T09:00:00Z")).scheduleExpression())
                .isEqualTo("at(2026-12-01T09:00:00)");
    }

    @Test
    void aLongSlugGetsAShortUniqueName() {
        String slug = "a".repeat(40) + "-" + "b".repeat(39);
        String other = "a".repeat(40) + "-" + "c".repeat(39);

        assertThat(EventBridgePublishSchedule.name(slug)).hasSize(64).startsWith("a".repeat(40))
                .isNotEqualTo(EventBridgePublishSchedule.name(other)).matches("[a-z0-9-]+");
        assertThat(EventBridgePublishSchedule.name("x".repeat(64))).isEqualTo("x".repeat(64));
    }
}
