package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.DlqDestinationConfig;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IEventSourceDlq;
import software.amazon.awscdk.services.lambda.IEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * The change-feed publisher: the function, its role, and the mapping that feeds it the article
 * records of the table's stream, with bounded retries and an on-failure destination for the
 * batches it still fails on.
 */
final class StreamPublisher {

    static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    static final List<String> STREAM_ACTIONS = List.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    static final List<String> PAGE_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    /** Stream records handed to one publisher invocation. */
    static final int BATCH_SIZE = 10;
    /** Retries of a failing batch (halved each time by bisecting) before it goes to the on-failure destination. */
    static final int RETRY_ATTEMPTS = 8;

    private final Function function;
    private final Queue deadLetters;

    StreamPublisher(FunctionParts parts, AssetCode code, Map<String, String> environment, ArticleTable articles,
            PagesBucket pages, IDistribution distribution, ScheduledPublishing schedules) {
        StageSettings stage = parts.stage();
        Map<String, String> publisherEnvironment = new HashMap<>(environment);
        publisherEnvironment.putAll(schedules.publisherEnvironment());
        // the publisher invalidates the pages a change made stale (docs/design-publishing.md, "Freshness at the edge")
        publisherEnvironment.put("DISTRIBUTION_ID", distribution.getDistributionId());

        // Stream records the publisher still fails on after every retry.
        this.deadLetters = parts.queue("PublisherDeadLetters").build();
        LogGroup logs = parts.logGroup("PublisherLogs");
        Role role = parts.role("PublisherRole", "Broadsheet publisher: stream in, pages out", logs, List.of(
                allow(TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(STREAM_ACTIONS, List.of(articles.table().getTableStreamArn())),
                allow(PAGE_OBJECT_ACTIONS, List.of(pages.objectsArn())),
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(List.of("sqs:SendMessage"), List.of(deadLetters.getQueueArn())),
                allow(List.of("cloudfront:CreateInvalidation"), List.of(distribution.getDistributionArn())),
                allow(ScheduledPublishing.SCHEDULE_WRITE_ACTIONS, List.of(schedules.schedulesArn())),
                PolicyStatement.Builder.create().actions(List.of("iam:PassRole"))
                        .resources(List.of(schedules.schedulerRole().getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                        .build()));
        this.function = parts.javaFunction("PublisherFunction", null,
                "Broadsheet publisher: renders changed articles and listings (" + stage.name() + ")",
                Functions.PUBLISHER_HANDLER, stage.publisherMemoryMb(), Duration.seconds(60), role, logs,
                code, publisherEnvironment);
        Alias alias = parts.liveAlias("PublisherAlias", function);

        EventSourceMapping.Builder.create(parts.scope(), "ArticleStream")
                .target(alias)
                .eventSourceArn(articles.table().getTableStreamArn())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxRecordAge(stage.maxRecordAge())
                .reportBatchItemFailures(true)
                .onFailure(new OnFailureQueue(deadLetters))
                // a sorted map: with Map.of the pattern's key order, and so the template, would
                // change from one synth to the next
                .filters(List.of(FilterCriteria.filter(Map.of(
                        "dynamodb", Map.of(
                                "Keys", new TreeMap<>(Map.of(
                                        ArticleTable.PARTITION_KEY, Map.of(
                                                "S", FilterRule.beginsWith(ArticleTable.ARTICLE_KEY_PREFIX)),
                                        ArticleTable.SORT_KEY, Map.of(
                                                "S", FilterRule.isEqual(ArticleTable.ARTICLE_SORT_KEY)))))))))
                .build();
    }

    /**
     * The SQS on-failure destination of the stream mapping. Unlike {@code SqsDlq}, it grants
     * nothing itself: the publisher role's own policy holds {@code sqs:SendMessage} on the
     * queue, the one action Lambda uses to deliver failed batches.
     */
    private static final class OnFailureQueue implements IEventSourceDlq {
        private final Queue queue;

        OnFailureQueue(Queue queue) {
            this.queue = queue;
        }

        @Override
        public DlqDestinationConfig bind(IEventSourceMapping target, IFunction targetHandler) {
            return DlqDestinationConfig.builder().destination(queue.getQueueArn()).build();
        }
    }

    Function function() {
        return function;
    }

    Queue deadLetters() {
        return deadLetters;
    }
}
