package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * Whole-site rebuild (after a template change): the rebuild start function, invoked by the deploy
 * workflow or by hand, sends the rebuild's starting units to the rebuild queue; the rebuild
 * worker, fed by the queue with at most {@value #MAX_CONCURRENCY} invocations at once, renders
 * each unit and queues its continuation; a unit failing {@value #MAX_RECEIVES} times moves to the
 * rebuild dead-letter queue. Both run from the rebuild jar (the functions jar plus the SQS
 * client), so the other functions' jar stays small.
 */
final class RebuildFanOut {

    /** What a rebuild worker reads: its section's articles (index), the listing scan, fronts and home. */
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:BatchGetItem");
    /**
     * A rebuild reads pages' heads and puts pages; it deletes only the page of an article that was
     * unpublished while the rebuild uploaded it (see {@code SiteRebuild}).
     */
    static final List<String> OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    /** What the SQS event source mapping does with the worker's role. */
    static final List<String> QUEUE_CONSUME_ACTIONS = List.of(
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
    /** One rebuild worker invocation's time limit: a unit is one page of 100 articles or listings. */
    static final Duration WORKER_TIMEOUT = Duration.minutes(3);
    /** Units (messages) handed to one worker invocation. */
    static final int BATCH_SIZE = 2;
    /** Worker invocations at once: the rebuild's parallelism, whatever the size of the site. */
    static final int MAX_CONCURRENCY = 4;
    /** Receives of a failing unit before it moves to the rebuild dead-letter queue. */
    static final int MAX_RECEIVES = 5;

    private final Queue queue;
    private final Queue deadLetters;
    private final Function startFunction;
    private final Alias startAlias;
    private final Function workerFunction;
    private final LogGroup workerLogs;

    RebuildFanOut(FunctionParts parts, AssetCode rebuildCode, Map<String, String> environment, ArticleTable articles,
            PagesBucket pages) {
        StageSettings stage = parts.stage();
        this.deadLetters = parts.queue("RebuildDeadLetters")
                .queueName(Functions.rebuildDeadLetterQueueName(stage.name()))
                .build();
        this.queue = parts.queue("RebuildQueue")
                .queueName(Functions.rebuildQueueName(stage.name()))
                // AWS's advice for a Lambda event source: at least six times the function's timeout
                .visibilityTimeout(Duration.seconds(6 * WORKER_TIMEOUT.toSeconds().longValue()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();
        Map<String, String> rebuildEnvironment = new HashMap<>(environment);
        rebuildEnvironment.put("REBUILD_QUEUE_URL", queue.getQueueUrl());

        LogGroup startLogs = parts.logGroup("RebuildStartLogs");
        Role startRole = parts.role("RebuildStartRole", "Broadsheet rebuild start: queues the units of a rebuild",
                startLogs, List.of(
                allow(List.of("sqs:SendMessage"), List.of(queue.getQueueArn()))));
        this.startFunction = parts.javaFunction("RebuildStartFunction", Functions.rebuildStartFunctionName(stage.name()),
                "Broadsheet rebuild: queues the units of a whole-site rebuild (" + stage.name() + ")",
                Functions.REBUILD_START_HANDLER, stage.apiMemoryMb(), Duration.seconds(30), startRole, startLogs,
                rebuildCode, rebuildEnvironment);
        this.startAlias = parts.liveAlias("RebuildStartAlias", startFunction);

        this.workerLogs = parts.logGroup("RebuildWorkerLogs");
        Role workerRole = parts.role("RebuildWorkerRole", "Broadsheet rebuild worker: stores in, pages out",
                workerLogs, List.of(
                allow(TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(List.of("dynamodb:Query"), List.of(articles.indexArn(ArticleTable.BY_SECTION_INDEX))),
                allow(OBJECT_ACTIONS, List.of(pages.objectsArn())),
                // without it a missing page reads as 403, not 404
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(QUEUE_CONSUME_ACTIONS, List.of(queue.getQueueArn())),
                allow(List.of("sqs:SendMessage"), List.of(queue.getQueueArn()))));
        this.workerFunction = parts.javaFunction("RebuildWorkerFunction", null,
                "Broadsheet rebuild: renders one unit of a whole-site rebuild at a time (" + stage.name() + ")",
                Functions.REBUILD_WORKER_HANDLER, stage.publisherMemoryMb(), WORKER_TIMEOUT, workerRole,
                workerLogs, rebuildCode, rebuildEnvironment);
        Alias workerAlias = parts.liveAlias("RebuildWorkerAlias", workerFunction);
        EventSourceMapping.Builder.create(parts.scope(), "RebuildUnits")
                .target(workerAlias)
                .eventSourceArn(queue.getQueueArn())
                .batchSize(BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(MAX_CONCURRENCY)
                .build();
    }

    Queue queue() {
        return queue;
    }

    Queue deadLetters() {
        return deadLetters;
    }

    Function startFunction() {
        return startFunction;
    }

    Alias startAlias() {
        return startAlias;
    }

    Function workerFunction() {
        return workerFunction;
    }

    LogGroup workerLogs() {
        return workerLogs;
    }
}
