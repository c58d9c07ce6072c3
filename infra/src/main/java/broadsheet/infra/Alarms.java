package broadsheet.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms that mean "pages are not being published" or "editors get errors", all sent to one SNS
 * topic (subscribe an address with {@code -c alarmEmail=...} or in the console).
 */
public final class Alarms extends Construct {

    /** Stream records older than this mean the publisher is falling behind or stuck. */
    public static final Duration ITERATOR_AGE_LIMIT = Duration.minutes(5);

    static final String CLOUDWATCH_PRINCIPAL = "cloudwatch.amazonaws.com";

    private final Topic topic;

    public Alarms(Construct scope, String id, StageSettings stage, Functions functions, PublishFailures failures,
            HttpApi api, Optional<String> alarmEmail) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("Broadsheet " + stage.name() + " alarms")
                .enforceSsl(true)
                .build();
        // enforceSsl gives the topic a policy of its own, holding only the TLS deny; a topic
        // policy replaces the default one, so CloudWatch needs its own Allow to publish. Scoped
        // to this account's alarms (confused-deputy protection).
        Stack stack = Stack.of(this);
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal(CLOUDWATCH_PRINCIPAL)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":alarm:*")))
                .build());
        alarmEmail.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));

        alarm("PublishFailures", "The publisher gave up on a batch of article changes: it is kept in the failures"
                        + " bucket for " + PublishFailures.RETENTION_DAYS + " days; publish it again with"
                        + " infra/bin/replay-failed " + stage.name(),
                failures.notices().metricNumberOfMessagesSent(
                        MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                1, 1);
        alarm("ReplayErrors", "The replay of failed publishes failed as a whole (timeout or unreadable bucket)",
                errors(functions.replayFunction()), 1, 1);
        alarm("ScheduleDeadLetters", "Scheduled-publishing invocations EventBridge Scheduler gave up on are waiting",
                waiting(functions.scheduleDeadLetters()),
                1, 1);
        alarm("RebuildDeadLetters", "Units of a site rebuild failed " + RebuildFanOut.MAX_RECEIVES
                        + " times and wait in the rebuild dead-letter queue: the site is partly on old templates",
                waiting(functions.rebuildDeadLetters()),
                1, 1);
        alarm("RebuildStartErrors", "The rebuild start function failed to queue a rebuild",
                errors(functions.rebuildStartFunction()), 1, 1);
        alarm("RebuildWorkerErrors", "A rebuild worker invocation failed as a whole (timeout or unreadable event)",
                errors(functions.rebuildWorkerFunction()), 1, 1);
        alarm("ScheduleErrors", "The schedule function failed to publish due articles",
                errors(functions.scheduleFunction()), 1, 1);
        alarm("ApiErrors", "The API handler failed (unhandled errors or timeouts)",
                errors(functions.apiFunction()), 1, 1);
        alarm("PublisherErrors", "The publisher failed on a batch of stream records",
                errors(functions.publisherFunction()), 1, 1);
        alarm("IteratorAge", "The publisher is behind the article stream by more than "
                        + ITERATOR_AGE_LIMIT.toMinutes() + " minutes",
                functions.publisherFunction().metric("IteratorAge",
                        MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()),
                ITERATOR_AGE_LIMIT.toMilliseconds(), 5);
        alarm("ApiServerErrors", "The HTTP API answered editors with 5xx responses",
                api.metricServerError(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                5, 1);
    }

    private static IMetric waiting(Queue queue) {
        return queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build());
    }

    private static IMetric errors(Function function) {
        return function.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build());
    }

    private void alarm(String id, String description, IMetric metric, Number threshold, int periods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }

    public Topic topic() {
        return topic;
    }
}
