package broadsheet.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
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
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The two Lambda functions, each with its own role holding exactly the actions it uses, its own
 * log group, SnapStart on published versions and a {@code live} alias that API Gateway and the
 * stream mapping invoke (SnapStart only applies to published versions, never to $LATEST).
 */
public final class Functions extends Construct {

    public static final String API_HANDLER = "broadsheet.lambda.ApiHandler::handleRequest";
    public static final String PUBLISHER_HANDLER = "broadsheet.lambda.PublisherHandler::handleRequest";
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

    /** Stream records handed to one publisher invocation. */
    public static final int STREAM_BATCH_SIZE = 10;
    /** Retries of a failing batch (halved each time by bisecting) before records go to the DLQ. */
    public static final int STREAM_RETRY_ATTEMPTS = 8;

    private final Function apiFunction;
    private final Function publisherFunction;
    private final Alias apiAlias;
    private final Alias publisherAlias;
    private final Queue deadLetters;
    private final EventSourceMapping streamMapping;

    public Functions(Construct scope, String id, StageSettings stage, Path functionsJar,
            ArticleTable articles, PagesBucket pages, String siteBaseUrl) {
        super(scope, id);
        AssetCode code = Code.fromAsset(functionsJar.toString());
        Map<String, String> environment = Map.of(
                "TABLE_NAME", articles.table().getTableName(),
                "BUCKET_NAME", pages.bucket().getBucketName(),
                "SITE_BASE_URL", siteBaseUrl,
                "EDITOR_GROUP_CLAIM", Editors.GROUP_CLAIM,
                "EDITOR_GROUP", Editors.EDITOR_GROUP);

        LogGroup apiLogs = logGroup("ApiLogs", stage);
        Role apiRole = role("ApiRole", "Broadsheet API handler: article reads and writes", List.of(
                allow(LOG_ACTIONS, List.of(apiLogs.getLogGroupArn())),
                allow(API_TABLE_ACTIONS, articles.tableAndIndexArns())));
        this.apiFunction = javaFunction("ApiFunction", "Broadsheet editors' HTTP API (" + stage.name() + ")",
                API_HANDLER, stage.apiMemoryMb(), Duration.seconds(10), apiRole, apiLogs, code, environment);
        this.apiAlias = Alias.Builder.create(this, "ApiAlias")
                .aliasName(ALIAS)
                .version(apiFunction.getCurrentVersion())
                .build();

        // Stream records the publisher still fails on after every retry.
        this.deadLetters = Queue.Builder.create(this, "PublisherDeadLetters")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        LogGroup publisherLogs = logGroup("PublisherLogs", stage);
        Role publisherRole = role("PublisherRole", "Broadsheet publisher: stream in, pages out", List.of(
                allow(LOG_ACTIONS, List.of(publisherLogs.getLogGroupArn())),
                allow(PUBLISHER_TABLE_ACTIONS, List.of(articles.table().getTableArn())),
                allow(STREAM_ACTIONS, List.of(articles.table().getTableStreamArn())),
                allow(PAGE_OBJECT_ACTIONS, List.of(pages.objectsArn())),
                allow(List.of("s3:ListBucket"), List.of(pages.bucket().getBucketArn())),
                allow(List.of("sqs:SendMessage"), List.of(deadLetters.getQueueArn()))));
        this.publisherFunction = javaFunction("PublisherFunction",
                "Broadsheet publisher: renders changed articles and listings (" + stage.name() + ")",
                PUBLISHER_HANDLER, stage.publisherMemoryMb(), Duration.seconds(60), publisherRole, publisherLogs,
                code, environment);
        this.publisherAlias = Alias.Builder.create(this, "PublisherAlias")
                .aliasName(ALIAS)
                .version(publisherFunction.getCurrentVersion())
                .build();

        this.streamMapping = EventSourceMapping.Builder.create(this, "ArticleStream")
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
                .filters(List.of(FilterCriteria.filter(Map.of(
                        "dynamodb", Map.of(
                                "Keys", Map.of(
                                        ArticleTable.PARTITION_KEY, Map.of(
                                                "S", FilterRule.beginsWith(ArticleTable.ARTICLE_KEY_PREFIX))))))))
                .build();
    }

    private Function javaFunction(String id, String description, String handler, int memoryMb, Duration timeout,
            Role role, LogGroup logs, AssetCode code, Map<String, String> environment) {
        Function function = Function.Builder.create(this, id)
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
        // Both functions are only ever invoked through their alias, which points at a published version.
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

    private Role role(String id, String description, List<PolicyStatement> statements) {
        return Role.Builder.create(this, id)
                .description(description)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("least-privilege", PolicyDocument.Builder.create()
                        .statements(statements)
                        .build()))
                .build();
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

    public Alias publisherAlias() {
        return publisherAlias;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public EventSourceMapping streamMapping() {
        return streamMapping;
    }
}
