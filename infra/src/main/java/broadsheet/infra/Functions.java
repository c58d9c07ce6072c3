package broadsheet.infra;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The Lambda functions (API, publisher, schedule, rebuild start and worker, replay), each with its own
 * role holding exactly the actions it uses, its own log group, SnapStart on published versions and
 * a {@code live} alias that API Gateway, the event source mappings and EventBridge Scheduler invoke
 * (SnapStart only applies to published versions, never to $LATEST).
 *
 * <p>One part per concern: {@link ApiFunction}, {@link ScheduledPublishing} (schedules and the
 * sweep), {@link StreamPublisher} (the change feed), {@link RebuildFanOut} (whole-site rebuild)
 * and {@link FailureReplay} (the batches the change feed gave up on, from {@link PublishFailures}). The parts are not constructs of their own: they build in this construct's scope
 * through {@link FunctionParts}, so every resource keeps its construct path and logical ID (a new
 * level in the path would rename, and so replace, queues, roles and log groups on the next deploy).
 */
public final class Functions extends Construct {

    public static final String API_HANDLER = "broadsheet.lambda.http.ApiHandler::handleRequest";
    public static final String PUBLISHER_HANDLER = "broadsheet.lambda.stream.PublisherHandler::handleRequest";
    public static final String SCHEDULE_HANDLER = "broadsheet.lambda.schedule.ScheduleHandler::handleRequest";
    public static final String REBUILD_START_HANDLER = "broadsheet.lambda.rebuild.RebuildStartHandler::handleRequest";
    public static final String REBUILD_WORKER_HANDLER = "broadsheet.lambda.rebuild.RebuildWorkerHandler::handleRequest";
    public static final String REPLAY_HANDLER = "broadsheet.lambda.stream.replay.ReplayHandler::handleRequest";
    public static final String ALIAS = "live";

    private final ApiFunction api;
    private final ScheduledPublishing schedules;
    private final StreamPublisher publisher;
    private final RebuildFanOut rebuild;
    private final FailureReplay replay;

    public Functions(Construct scope, String id, StageSettings stage, Path functionsJar, Path rebuildJar,
            ArticleTable articles, PagesBucket pages, String siteBaseUrl, IDistribution distribution,
            PublishFailures failures) {
        super(scope, id);
        FunctionParts parts = new FunctionParts(this, stage);
        AssetCode code = Code.fromAsset(functionsJar.toString());
        Map<String, String> environment = Map.of(
                "TABLE_NAME", articles.table().getTableName(),
                "BUCKET_NAME", pages.bucket().getBucketName(),
                "SITE_BASE_URL", siteBaseUrl,
                "EDITOR_GROUP_CLAIM", Editors.GROUP_CLAIM,
                "EDITOR_GROUP", Editors.EDITOR_GROUP,
                "CONTRIBUTOR_GROUP", Editors.CONTRIBUTOR_GROUP);
        this.api = new ApiFunction(parts, code, environment, articles, pages);
        this.schedules = new ScheduledPublishing(parts, code, environment, articles);
        this.publisher = new StreamPublisher(parts, code, environment, articles, pages, distribution, schedules,
                failures);
        this.rebuild = new RebuildFanOut(parts, Code.fromAsset(rebuildJar.toString()), environment, articles, pages);
        this.replay = new FailureReplay(parts, code, publisher, articles, pages, distribution, schedules, failures);
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

    /** The replay function's name: fixed, so {@code infra/bin/replay-failed} invokes it by stage. */
    public static String replayFunctionName(String stage) {
        return "broadsheet-" + stage + "-replay-failed";
    }

    /** The rebuild start function's name: fixed, so the CI stack's deploy role may invoke it. */
    public static String rebuildStartFunctionName(String stage) {
        return "broadsheet-" + stage + "-rebuild-start";
    }

    public Function apiFunction() {
        return api.function();
    }

    public Alias apiAlias() {
        return api.alias();
    }

    public Function publisherFunction() {
        return publisher.function();
    }

    public Function replayFunction() {
        return replay.function();
    }

    public Alias replayAlias() {
        return replay.alias();
    }

    public Function scheduleFunction() {
        return schedules.function();
    }

    public Queue scheduleDeadLetters() {
        return schedules.deadLetters();
    }

    public Queue rebuildQueue() {
        return rebuild.queue();
    }

    public Queue rebuildDeadLetters() {
        return rebuild.deadLetters();
    }

    public Function rebuildStartFunction() {
        return rebuild.startFunction();
    }

    public Alias rebuildStartAlias() {
        return rebuild.startAlias();
    }

    public Function rebuildWorkerFunction() {
        return rebuild.workerFunction();
    }

    public LogGroup rebuildWorkerLogs() {
        return rebuild.workerLogs();
    }
}
