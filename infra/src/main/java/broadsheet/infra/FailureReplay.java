package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * The replay function, invoked on demand ({@code infra/bin/replay-failed STAGE}): publishes the
 * batches in the on-failure bucket again from the articles' current state, as the publisher would,
 * and deletes each object once its articles published. It publishes with what the publisher may
 * do (no stream) plus reading and deleting the failure objects.
 */
final class FailureReplay {

    /** Reading the failure objects, and deleting each once republished. */
    static final List<String> FAILURE_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:DeleteObject");
    /** One replay's time limit: it goes through every failure object in turn. */
    static final Duration TIMEOUT = Duration.minutes(5);

    private final Function function;
    private final Alias alias;

    FailureReplay(FunctionParts parts, AssetCode code, StreamPublisher publisher, ArticleTable articles,
            PagesBucket pages, IDistribution distribution, ScheduledPublishing schedules, PublishFailures failures) {
        StageSettings stage = parts.stage();
        Map<String, String> environment = new HashMap<>(publisher.environment());
        environment.put("FAILURES_BUCKET", failures.bucket().getBucketName());
        LogGroup logs = parts.logGroup("ReplayLogs");
        List<PolicyStatement> statements = new ArrayList<>(
                StreamPublisher.publishing(articles, pages, distribution, schedules));
        statements.add(allow(FAILURE_OBJECT_ACTIONS, List.of(failures.bucket().arnForObjects("*"))));
        statements.add(allow(List.of("s3:ListBucket"), List.of(failures.bucket().getBucketArn())));
        Role role = parts.role("ReplayRole", "Broadsheet replay: failed batches in, pages out", logs, statements);
        this.function = parts.javaFunction("ReplayFunction", Functions.replayFunctionName(stage.name()),
                "Broadsheet replay: publishes the batches the publisher gave up on (" + stage.name() + ")",
                Functions.REPLAY_HANDLER, stage.publisherMemoryMb(), TIMEOUT, role, logs, code, environment);
        this.alias = parts.liveAlias("ReplayAlias", function);
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }
}
