package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.ArrayList;
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
import software.amazon.awscdk.services.s3.IBucket;

/**
 * The change-feed publisher: the function, its role, and the mapping that feeds it the article
 * records of the table's stream, with bounded retries; a batch it still fails on goes, records
 * and all, to the on-failure bucket ({@link PublishFailures}), from which {@link FailureReplay}
 * publishes it again.
 */
final class StreamPublisher {

    static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    static final List<String> STREAM_ACTIONS = List.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    static final List<String> PAGE_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    /** What Lambda puts into the on-failure bucket with the publisher's role. */
    static final List<String> FAILURE_DELIVERY_ACTIONS = List.of("s3:PutObject");
    /** Stream records handed to one publisher invocation. */
    static final int BATCH_SIZE = 10;
    /** Retries of a failing batch (halved each time by bisecting) before it goes to the on-failure destination. */
    static final int RETRY_ATTEMPTS = 8;

    private final Function function;
    private final Map<String, String> environment;

    StreamPublisher(FunctionParts parts, AssetCode code, Map<String, String> environment, ArticleTable articles,
            PagesBucket pages, IDistribution distribution, ScheduledPublishing schedules, PublishFailures failures) {
        StageSettings stage = parts.stage();
        Map<String, String> publisherEnvironment = new HashMap<>(environment);
        publisherEnvironment.putAll(schedules.publisherEnvironment());
        // the publisher invalidates the pages a change made stale (docs/design-publishing.md, "Freshness at the edge")
        publisherEnvironment.put("DISTRIBUTION_ID", distribution.getDistributionId());
        this.environment = Map.copyOf(publisherEnvironment);

        LogGroup logs = parts.logGroup("PublisherLogs");
        List<PolicyStatement> statements = new ArrayList<>(publishing(articles, pages, distribution, schedules));
        statements.add(1, allow(STREAM_ACTIONS, List.of(articles.table().getTableStreamArn())));
        // What Lambda needs of the execution role to deliver a discarded batch to an S3
        // destination (Lambda Developer Guide, on-failure destinations of event source mappings,
        // docs/aws-readiness.md): the objects it puts, and the bucket listing.
        statements.add(allow(FAILURE_DELIVERY_ACTIONS, List.of(failures.bucket().arnForObjects("*"))));
        statements.add(allow(List.of("s3:ListBucket"), List.of(failures.bucket().getBucketArn())));
        Role role = parts.role("PublisherRole", "Broadsheet publisher: stream in, pages out", logs, statements);
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
                .onFailure(new OnFailureBucket(failures.bucket()))
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
     * What publishing a change takes, for the publisher and for the replay of failed batches:
     * reading and writing the article table's items (listings), writing and deleting pages,
     * invalidating them at the edge, and keeping the schedules of scheduled articles.
     */
    static List<PolicyStatement> publishing(ArticleTable articles, PagesBucket pages, IDistribution distribution,
            ScheduledPublishing schedules) {
        return List.of(
                allow(TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(PAGE_OBJECT_ACTIONS, List.of(pages.objectsArn())),
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(List.of("cloudfront:CreateInvalidation"), List.of(distribution.getDistributionArn())),
                allow(ScheduledPublishing.SCHEDULE_WRITE_ACTIONS, List.of(schedules.schedulesArn())),
                PolicyStatement.Builder.create().actions(List.of("iam:PassRole"))
                        .resources(List.of(schedules.schedulerRole().getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                        .build());
    }

    /**
     * The S3 on-failure destination of the stream mapping. Unlike CDK's
     * {@code S3OnFailureDestination}, which grants the function read and write on the whole
     * bucket, it grants nothing itself: the publisher role's own policy holds what Lambda uses
     * to deliver discarded batches ({@code s3:PutObject}, {@code s3:ListBucket}).
     */
    private static final class OnFailureBucket implements IEventSourceDlq {
        private final IBucket bucket;

        OnFailureBucket(IBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public DlqDestinationConfig bind(IEventSourceMapping target, IFunction targetHandler) {
            return DlqDestinationConfig.builder().destination(bucket.getBucketArn()).build();
        }
    }

    Function function() {
        return function;
    }

    /** The publisher's environment: the replay function publishes as it does. */
    Map<String, String> environment() {
        return environment;
    }
}
