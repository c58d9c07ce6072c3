package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * Scheduled publishing: the schedule function, the schedule group the publisher keeps one
 * one-time schedule per scheduled article in, the role EventBridge Scheduler invokes the function
 * with (that function's alias and the schedule dead-letter queue only), and the rate schedule that
 * sweeps for due articles every five minutes, so a schedule that failed or was missed is caught up.
 */
final class ScheduledPublishing {

    /** How often the schedule function sweeps for due scheduled articles. */
    static final String SWEEP_RATE = "rate(5 minutes)";
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    /** What the publisher does to the group's schedules. */
    static final List<String> SCHEDULE_WRITE_ACTIONS = List.of(
            "scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule");

    private final Function function;
    private final Alias alias;
    private final Queue deadLetters;
    private final CfnScheduleGroup group;
    private final Role schedulerRole;

    ScheduledPublishing(FunctionParts parts, AssetCode code, Map<String, String> environment, ArticleTable articles) {
        StageSettings stage = parts.stage();
        LogGroup logs = parts.logGroup("ScheduleLogs");
        Role role = parts.role("ScheduleRole", "Broadsheet schedule function: publishes due scheduled articles",
                logs, List.of(
                allow(TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(List.of("dynamodb:Query"), List.of(articles.indexArn(ArticleTable.SCHEDULED_INDEX)))));
        this.function = parts.javaFunction("ScheduleFunction", null,
                "Broadsheet scheduled publishing (" + stage.name() + ")",
                Functions.SCHEDULE_HANDLER, stage.apiMemoryMb(), Duration.seconds(60), role, logs, code, environment);
        this.alias = parts.liveAlias("ScheduleAlias", function);
        // Invocations EventBridge Scheduler still fails on after its retries.
        this.deadLetters = parts.queue("ScheduleDeadLetters").build();
        this.group = CfnScheduleGroup.Builder.create(parts.scope(), "ScheduleGroup")
                .name("broadsheet-" + stage.name() + "-publish")
                .build();
        this.schedulerRole = Role.Builder.create(parts.scope(), "SchedulerRole")
                .description("EventBridge Scheduler: invokes the Broadsheet schedule function only")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(parts.scope()).getAccount()))))
                .inlinePolicies(Map.of("least-privilege", PolicyDocument.Builder.create()
                        .statements(List.of(
                                allow(List.of("lambda:InvokeFunction"), List.of(alias.getFunctionArn())),
                                allow(List.of("sqs:SendMessage"), List.of(deadLetters.getQueueArn()))))
                        .build()))
                .build();
        CfnSchedule.Builder.create(parts.scope(), "SweepSchedule")
                .description("Publishes scheduled articles whose time has passed (catch-up for missed schedules)")
                .scheduleExpression(SWEEP_RATE)
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(alias.getFunctionArn())
                        .roleArn(schedulerRole.getRoleArn())
                        .input("{\"sweep\":true}")
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(2).maximumEventAgeInSeconds(240).build())
                        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                .arn(deadLetters.getQueueArn()).build())
                        .build())
                .build();
    }

    /** The ARN pattern of the group's schedules, the only ones the publisher may write. */
    String schedulesArn() {
        Stack stack = Stack.of(group);
        return "arn:" + stack.getPartition() + ":scheduler:" + stack.getRegion()
                + ":" + stack.getAccount() + ":schedule/" + group.getName() + "/*";
    }

    /** What the publisher needs to keep one schedule per scheduled article. */
    Map<String, String> publisherEnvironment() {
        return Map.of(
                "SCHEDULE_GROUP", group.getName(),
                "SCHEDULE_FUNCTION_ARN", alias.getFunctionArn(),
                "SCHEDULER_ROLE_ARN", schedulerRole.getRoleArn(),
                "SCHEDULE_DLQ_ARN", deadLetters.getQueueArn());
    }

    Role schedulerRole() {
        return schedulerRole;
    }

    Function function() {
        return function;
    }

    Queue deadLetters() {
        return deadLetters;
    }
}
