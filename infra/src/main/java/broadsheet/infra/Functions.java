package broadsheet.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.DlqDestinationConfig;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.IEventSourceDlq;
import software.amazon.awscdk.services.lambda.IEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The Lambda functions (API, publisher, schedule, rebuild start and worker), each with its own role holding exactly
 * the actions it uses, its own log group, SnapStart on published versions and a {@code live}
 * alias that API Gateway, the stream mapping and EventBridge Scheduler invoke (SnapStart only
 * applies to published versions, never to $LATEST).
 *
 * <p>Scheduled publishing: the publisher keeps one EventBridge Scheduler one-time schedule per
 * scheduled article in the schedule group (it sees every write, whichever route made it, and a
 * failed schedule call is retried with the stream batch); each schedule invokes the schedule
 * function with the slug and publish time. A rate schedule runs the same function every five
 * minutes to sweep for due articles, so a schedule that failed or was missed is caught up.
 * Scheduler invokes the function with its own role, which may invoke only that function's alias
 * and send to the schedule dead-letter queue.
 *
 * <p>Whole-site rebuild (after a template change): the rebuild start function, invoked by the
 * deploy workflow or by hand, sends the rebuild's starting units to the rebuild queue; the rebuild
 * worker, fed by the queue with at most {@value #REBUILD_MAX_CONCURRENCY} invocations at once,
 * renders each unit and queues its continuation; a unit failing {@value #REBUILD_MAX_RECEIVES}
 * times moves to the rebuild dead-letter queue. Both run from the rebuild jar (the functions jar
 * plus the SQS client), so the other functions' jar stays small.
 */
public final class Functions extends Construct {

    public static final String API_HANDLER = "broadsheet.lambda.http.ApiHandler::handleRequest";
    public static final String PUBLISHER_HANDLER = "broadsheet.lambda.stream.PublisherHandler::handleRequest";
    public static final String SCHEDULE_HANDLER = "broadsheet.lambda.schedule.ScheduleHandler::handleRequest";
    public static final String REBUILD_START_HANDLER = "broadsheet.lambda.rebuild.RebuildStartHandler::handleRequest";
    public static final String REBUILD_WORKER_HANDLER = "broadsheet.lambda.rebuild.RebuildWorkerHandler::handleRequest";
    /** How often the schedule function sweeps for due scheduled articles. */
    public static final String SWEEP_RATE = "rate(5 minutes)";
    static final List<String> SCHEDULE_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    static final List<String> SCHEDULE_WRITE_ACTIONS = List.of(
            "scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule");
    public static final String ALIAS = "live";

    static final List<String> API_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan");
    static final List<String> PUBLISHER_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    static final List<String> STREAM_ACTIONS = List.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");
    static final List<String> PAGE_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

    /** What a rebuild worker reads: its section's articles (index), the listing scan, fronts and home. */
    static final List<String> REBUILD_TABLE_ACTIONS = List.of("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:BatchGetItem");
    /** A rebuild only puts pages (a metadata-only copy onto itself included) and never deletes. */
    static final List<String> REBUILD_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject");
    /** What the SQS event source mapping does with the worker's role. */
    static final List<String> QUEUE_CONSUME_ACTIONS = List.of(
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
    /** One rebuild worker invocation's time limit: a unit is one page of 100 articles or listings. */
    public static final Duration REBUILD_WORKER_TIMEOUT = Duration.minutes(3);
    /** Units (messages) handed to one worker invocation. */
    public static final int REBUILD_BATCH_SIZE = 2;
    /** Worker invocations at once: the rebuild's parallelism, whatever the size of the site. */
    public static final int REBUILD_MAX_CONCURRENCY = 4;
    /** Receives of a failing unit before it moves to the rebuild dead-letter queue. */
    public static final int REBUILD_MAX_RECEIVES = 5;

    /** Stream records handed to one publisher invocation. */
    public static final int STREAM_BATCH_SIZE = 10;
    /** Retries of a failing batch (halved each time by bisecting) before records go to the DLQ. */
    public static final int STREAM_RETRY_ATTEMPTS = 8;

    private final Function apiFunction;
    private final Function publisherFunction;
    private final Alias apiAlias;
    private final Queue deadLetters;
    private final Function scheduleFunction;
    private final Queue scheduleDeadLetters;
    private final Queue rebuildQueue;
    private final Queue rebuildDeadLetters;
    private final Function rebuildStartFunction;
    private final Alias rebuildStartAlias;
    private final Function rebuildWorkerFunction;
    private final LogGroup rebuildWorkerLogs;

    public Functions(Construct scope, String id, StageSettings stage, Path functionsJar, Path rebuildJar,
            ArticleTable articles, PagesBucket pages, String siteBaseUrl, IDistribution distribution) {
        super(scope, id);
        AssetCode code = Code.fromAsset(functionsJar.toString());
        Map<String, String> environment = Map.of(
                "TABLE_NAME", articles.table().getTableName(),
                "BUCKET_NAME", pages.bucket().getBucketName(),
                "SITE_BASE_URL", siteBaseUrl,
                "EDITOR_GROUP_CLAIM", Editors.GROUP_CLAIM,
                "EDITOR_GROUP", Editors.EDITOR_GROUP,
                "CONTRIBUTOR_GROUP", Editors.CONTRIBUTOR_GROUP);

        LogGroup apiLogs = logGroup("ApiLogs", stage);
        Role apiRole = role("ApiRole", "Broadsheet API handler: article reads and writes, media upload URLs",
                apiLogs, List.of(
                allow(API_TABLE_ACTIONS, articles.tableAndIndexArns()),
                // presigned media uploads are signed with this role: it may put objects under media/ only
                allow(List.of("s3:PutObject"), List.of(pages.bucket().arnForObjects("media/*")))));
        this.apiFunction = javaFunction("ApiFunction", null, "Broadsheet editors' HTTP API (" + stage.name() + ")",
                API_HANDLER, stage.apiMemoryMb(), Duration.seconds(10), apiRole, apiLogs, code, environment);
        this.apiAlias = liveAlias("ApiAlias", apiFunction);

        LogGroup scheduleLogs = logGroup("ScheduleLogs", stage);
        Role scheduleRole = role("ScheduleRole", "Broadsheet schedule function: publishes due scheduled articles",
                scheduleLogs, List.of(
                allow(SCHEDULE_TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(List.of("dynamodb:Query"), List.of(articles.indexArn(ArticleTable.SCHEDULED_INDEX)))));
        this.scheduleFunction = javaFunction("ScheduleFunction", null,
                "Broadsheet scheduled publishing (" + stage.name() + ")",
                SCHEDULE_HANDLER, stage.apiMemoryMb(), Duration.seconds(60), scheduleRole, scheduleLogs, code, environment);
        Alias scheduleAlias = liveAlias("ScheduleAlias", scheduleFunction);
        // Invocations EventBridge Scheduler still fails on after its retries.
        this.scheduleDeadLetters = queue("ScheduleDeadLetters").build();
        CfnScheduleGroup scheduleGroup = CfnScheduleGroup.Builder.create(this, "ScheduleGroup")
                .name("broadsheet-" + stage.name() + "-publish")
                .build();
        String account = Stack.of(this).getAccount();
        Role schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .description("EventBridge Scheduler: invokes the Broadsheet schedule function only")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", account))))
                .inlinePolicies(Map.of("least-privilege", PolicyDocument.Builder.create()
                        .statements(List.of(
                                allow(List.of("lambda:InvokeFunction"), List.of(scheduleAlias.getFunctionArn())),
                                allow(List.of("sqs:SendMessage"), List.of(scheduleDeadLetters.getQueueArn()))))
                        .build()))
                .build();
        CfnSchedule.Builder.create(this, "SweepSchedule")
                .description("Publishes scheduled articles whose time has passed (catch-up for missed schedules)")
                .scheduleExpression(SWEEP_RATE)
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(scheduleAlias.getFunctionArn())
                        .roleArn(schedulerRole.getRoleArn())
                        .input("{\"sweep\":true}")
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(2).maximumEventAgeInSeconds(240).build())
                        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                .arn(scheduleDeadLetters.getQueueArn()).build())
                        .build())
                .build();
        String schedulesArn = "arn:" + Stack.of(this).getPartition() + ":scheduler:" + Stack.of(this).getRegion()
                + ":" + account + ":schedule/" + scheduleGroup.getName() + "/*";
        Map<String, String> publisherEnvironment = new HashMap<>(environment);
        publisherEnvironment.put("SCHEDULE_GROUP", scheduleGroup.getName());
        publisherEnvironment.put("SCHEDULE_FUNCTION_ARN", scheduleAlias.getFunctionArn());
        publisherEnvironment.put("SCHEDULER_ROLE_ARN", schedulerRole.getRoleArn());
        publisherEnvironment.put("SCHEDULE_DLQ_ARN", scheduleDeadLetters.getQueueArn());
        // the publisher invalidates the pages a change made stale (docs/design-publishing.md, "Freshness at the edge")
        publisherEnvironment.put("DISTRIBUTION_ID", distribution.getDistributionId());

        // Stream records the publisher still fails on after every retry.
        this.deadLetters = queue("PublisherDeadLetters").build();
        LogGroup publisherLogs = logGroup("PublisherLogs", stage);
        Role publisherRole = role("PublisherRole", "Broadsheet publisher: stream in, pages out", publisherLogs, List.of(
                allow(PUBLISHER_TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(STREAM_ACTIONS, List.of(articles.table().getTableStreamArn())),
                allow(PAGE_OBJECT_ACTIONS, List.of(pages.objectsArn())),
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(List.of("sqs:SendMessage"), List.of(deadLetters.getQueueArn())),
                allow(List.of("cloudfront:CreateInvalidation"), List.of(distribution.getDistributionArn())),
                allow(SCHEDULE_WRITE_ACTIONS, List.of(schedulesArn)),
                PolicyStatement.Builder.create().actions(List.of("iam:PassRole"))
                        .resources(List.of(schedulerRole.getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                        .build()));
        this.publisherFunction = javaFunction("PublisherFunction", null,
                "Broadsheet publisher: renders changed articles and listings (" + stage.name() + ")",
                PUBLISHER_HANDLER, stage.publisherMemoryMb(), Duration.seconds(60), publisherRole, publisherLogs,
                code, publisherEnvironment);
        Alias publisherAlias = liveAlias("PublisherAlias", publisherFunction);

        EventSourceMapping.Builder.create(this, "ArticleStream")
                .target(publisherAlias)
                .eventSourceArn(articles.table().getTableStreamArn())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(STREAM_BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .retryAttempts(STREAM_RETRY_ATTEMPTS)
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

        // Whole-site rebuild after a template change: the start function queues the units, the
        // worker runs them (and queues each one's continuation) from the queue.
        this.rebuildDeadLetters = queue("RebuildDeadLetters")
                .queueName(rebuildDeadLetterQueueName(stage.name()))
                .build();
        this.rebuildQueue = queue("RebuildQueue")
                .queueName(rebuildQueueName(stage.name()))
                // AWS's advice for a Lambda event source: at least six times the function's timeout
                .visibilityTimeout(Duration.seconds(6 * REBUILD_WORKER_TIMEOUT.toSeconds().longValue()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(rebuildDeadLetters).maxReceiveCount(REBUILD_MAX_RECEIVES).build())
                .build();
        AssetCode rebuildCode = Code.fromAsset(rebuildJar.toString());
        Map<String, String> rebuildEnvironment = new HashMap<>(environment);
        rebuildEnvironment.put("REBUILD_QUEUE_URL", rebuildQueue.getQueueUrl());

        LogGroup rebuildStartLogs = logGroup("RebuildStartLogs", stage);
        Role rebuildStartRole = role("RebuildStartRole", "Broadsheet rebuild start: queues the units of a rebuild",
                rebuildStartLogs, List.of(
                allow(List.of("sqs:SendMessage"), List.of(rebuildQueue.getQueueArn()))));
        this.rebuildStartFunction = javaFunction("RebuildStartFunction", rebuildStartFunctionName(stage.name()),
                "Broadsheet rebuild: queues the units of a whole-site rebuild (" + stage.name() + ")",
                REBUILD_START_HANDLER, stage.apiMemoryMb(), Duration.seconds(30), rebuildStartRole, rebuildStartLogs,
                rebuildCode, rebuildEnvironment);
        this.rebuildStartAlias = liveAlias("RebuildStartAlias", rebuildStartFunction);

        this.rebuildWorkerLogs = logGroup("RebuildWorkerLogs", stage);
        Role rebuildWorkerRole = role("RebuildWorkerRole", "Broadsheet rebuild worker: stores in, pages out",
                rebuildWorkerLogs, List.of(
                allow(REBUILD_TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(List.of("dynamodb:Query"), List.of(articles.indexArn(ArticleTable.BY_SECTION_INDEX))),
                allow(REBUILD_OBJECT_ACTIONS, List.of(pages.objectsArn())),
                // without it a missing page reads as 403, not 404
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(QUEUE_CONSUME_ACTIONS, List.of(rebuildQueue.getQueueArn())),
                allow(List.of("sqs:SendMessage"), List.of(rebuildQueue.getQueueArn()))));
        this.rebuildWorkerFunction = javaFunction("RebuildWorkerFunction", null,
                "Broadsheet rebuild: renders one unit of a whole-site rebuild at a time (" + stage.name() + ")",
                REBUILD_WORKER_HANDLER, stage.publisherMemoryMb(), REBUILD_WORKER_TIMEOUT, rebuildWorkerRole,
                rebuildWorkerLogs, rebuildCode, rebuildEnvironment);
        Alias rebuildWorkerAlias = liveAlias("RebuildWorkerAlias", rebuildWorkerFunction);
        EventSourceMapping.Builder.create(this, "RebuildUnits")
                .target(rebuildWorkerAlias)
                .eventSourceArn(rebuildQueue.getQueueArn())
                .batchSize(REBUILD_BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(REBUILD_MAX_CONCURRENCY)
                .build();
    }

    /**
     * The rebuild queue's name: fixed, so the deploy role of the CI stack can be allowed to watch
     * it without knowing this stack.
     */
    public static String rebuildQueueName(String stage) {
        return "broadsheet-" + stage + "-rebuild";
    }

    /** The rebuild dead-letter queue's name, fixed for the same reason. */
    public static String rebuildDeadLetterQueueName(String stage) {
        return rebuildQueueName(stage) + "-dlq";
    }

    /** The rebuild start function's name: fixed, so the CI stack's deploy role may invoke it. */
    public static String rebuildStartFunctionName(String stage) {
        return "broadsheet-" + stage + "-rebuild-start";
    }

    private Function javaFunction(String id, String name, String description, String handler, int memoryMb,
            Duration timeout, Role role, LogGroup logs, AssetCode code, Map<String, String> environment) {
        Function function = Function.Builder.create(this, id)
                .functionName(name)
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(memoryMb)
                .timeout(timeout)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        // The functions are only ever invoked through their alias, which points at a published version.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "invoked only through the '" + ALIAS + "' alias of its current published version");
        return function;
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

    private LogGroup logGroup(String id, StageSettings stage) {
        return LogGroup.Builder.create(this, id)
                .retention(stage.logRetention())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
    }

    /** A function's role: writing to its own log group, then {@code statements}. */
    private Role role(String id, String description, LogGroup logs, List<PolicyStatement> statements) {
        List<PolicyStatement> all = new ArrayList<>();
        all.add(allow(LOG_ACTIONS, List.of(logs.getLogGroupArn())));
        all.addAll(statements);
        return Role.Builder.create(this, id)
                .description(description)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("least-privilege", PolicyDocument.Builder.create()
                        .statements(all)
                        .build()))
                .build();
    }

    /** The {@value #ALIAS} alias of the function's current published version. */
    private Alias liveAlias(String id, Function function) {
        return Alias.Builder.create(this, id)
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    /** A queue as every Broadsheet queue is: encrypted, TLS only, messages kept two weeks. */
    private Queue.Builder queue(String id) {
        return Queue.Builder.create(this, id)
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    public Function apiFunction() {
        return apiFunction;
    }

    public Function publisherFunction() {
        return publisherFunction;
    }

    public Alias apiAlias() {
        return apiAlias;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public Function scheduleFunction() {
        return scheduleFunction;
    }

    public Queue scheduleDeadLetters() {
        return scheduleDeadLetters;
    }

    public Queue rebuildQueue() {
        return rebuildQueue;
    }

    public Queue rebuildDeadLetters() {
        return rebuildDeadLetters;
    }

    public Function rebuildStartFunction() {
        return rebuildStartFunction;
    }

    public Alias rebuildStartAlias() {
        return rebuildStartAlias;
    }

    public Function rebuildWorkerFunction() {
        return rebuildWorkerFunction;
    }

    public LogGroup rebuildWorkerLogs() {
        return rebuildWorkerLogs;
    }
}
