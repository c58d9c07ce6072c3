package broadsheet.infra;

import java.util.ArrayList;
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
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * How every Broadsheet function, role, log group, alias and queue is made, in the one scope they
 * all live in ({@link Functions}): the parts ({@link ApiFunction}, {@link ScheduledPublishing},
 * {@link StreamPublisher}, {@link RebuildFanOut}) build through it, so their resources keep the
 * construct paths, and so the logical IDs, they have always had.
 */
final class FunctionParts {

    static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

    private final Construct scope;
    private final StageSettings stage;

    FunctionParts(Construct scope, StageSettings stage) {
        this.scope = scope;
        this.stage = stage;
    }

    Construct scope() {
        return scope;
    }

    StageSettings stage() {
        return stage;
    }

    Function javaFunction(String id, String name, String description, String handler, int memoryMb,
            Duration timeout, Role role, LogGroup logs, AssetCode code, Map<String, String> environment) {
        Function function = Function.Builder.create(scope, id)
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
                "invoked only through the '" + Functions.ALIAS + "' alias of its current published version");
        return function;
    }

    LogGroup logGroup(String id) {
        return LogGroup.Builder.create(scope, id)
                .retention(stage.logRetention())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
    }

    /** A function's role: writing to its own log group, then {@code statements}. */
    Role role(String id, String description, LogGroup logs, List<PolicyStatement> statements) {
        List<PolicyStatement> all = new ArrayList<>();
        all.add(allow(LOG_ACTIONS, List.of(logs.getLogGroupArn())));
        all.addAll(statements);
        return Role.Builder.create(scope, id)
                .description(description)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("least-privilege", PolicyDocument.Builder.create()
                        .statements(all)
                        .build()))
                .build();
    }

    /** The {@value Functions#ALIAS} alias of the function's current published version. */
    Alias liveAlias(String id, Function function) {
        return Alias.Builder.create(scope, id)
                .aliasName(Functions.ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    /** A queue as every Broadsheet queue is: encrypted, TLS only, messages kept two weeks. */
    Queue.Builder queue(String id) {
        return Queue.Builder.create(scope, id)
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
    }

    static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }
}
