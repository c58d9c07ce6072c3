package broadsheet.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildFunctionsTest {

    private final Template dev = SynthesizedApp.dev().site();

    @Test
    void theRebuildQueueIsEncryptedTlsOnlyAndHidesAUnitLongerThanSixWorkerTimeouts() {
        String deadLetters = TemplateJson.logicalId(dev, "AWS::SQS::Queue", "RebuildDeadLetters");
        Map<String, Object> queue = TemplateJson.properties(dev, "AWS::SQS::Queue", "RebuildQueue");
        int workerTimeout = (int) TemplateJson.functionProperties(dev, Functions.REBUILD_WORKER_HANDLER).get("Timeout");

        assertThat(queue).containsEntry("SqsManagedSseEnabled", true);
        assertThat((int) queue.get("VisibilityTimeout")).isGreaterThanOrEqualTo(6 * workerTimeout);
        assertThat(queue).containsEntry("RedrivePolicy", Map.of(
                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                "maxReceiveCount", RebuildFanOut.MAX_RECEIVES));
        assertThat(RebuildFanOut.MAX_RECEIVES).isBetween(2, 10);
        dev.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", TemplateJson.logicalId(dev, "AWS::SQS::Queue", "RebuildQueue"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void theWorkerReadsTheQueueThroughItsAliasWithBoundedConcurrencyAndPartialBatchFailures() {
        String queue = TemplateJson.logicalId(dev, "AWS::SQS::Queue", "RebuildQueue");
        Map<String, Object> mapping = TemplateJson.properties(dev, "AWS::Lambda::EventSourceMapping", "RebuildUnits");

        assertThat(mapping).containsEntry("EventSourceArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BatchSize", RebuildFanOut.BATCH_SIZE)
                .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", RebuildFanOut.MAX_CONCURRENCY));
        assertThat(RebuildFanOut.MAX_CONCURRENCY).isBetween(2, 10);
        assertThat(TemplateJson.json(mapping.get("FunctionName")))
                .contains(TemplateJson.aliasOf(dev, Functions.REBUILD_WORKER_HANDLER)).contains(":live");
    }

    @Test
    void bothRebuildFunctionsKnowTheQueue() {
        String queue = TemplateJson.logicalId(dev, "AWS::SQS::Queue", "RebuildQueue");
        for (String handler : List.of(Functions.REBUILD_START_HANDLER, Functions.REBUILD_WORKER_HANDLER)) {
            dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "REBUILD_QUEUE_URL", Map.of("Ref", queue))))));
        }
    }

    @Test
    void theStackOutputsWhatTheDeployWorkflowUses() {
        Map<String, Map<String, Object>> outputs = dev.findOutputs("*");
        assertThat(outputs).containsKeys("RebuildStartFunction", "RebuildQueueUrl", "RebuildDeadLetterQueueUrl",
                "RebuildWorkerLogGroup", BroadsheetStack.TEMPLATES_HASH_OUTPUT);
        assertThat(TemplateJson.json(outputs.get("RebuildStartFunction").get("Value")))
                .contains(TemplateJson.aliasOf(dev, Functions.REBUILD_START_HANDLER));
        assertThat(outputs.get(BroadsheetStack.TEMPLATES_HASH_OUTPUT).get("Value"))
                .isEqualTo(TemplatesDigest.of(Path.of("..", "templates"))).asString().hasSize(64);
    }

    @Test
    void theRebuildFunctionsRunFromTheRebuildJarAndTheOthersFromTheFunctionsJar() {
        Object rebuildCode = code(Functions.REBUILD_WORKER_HANDLER);
        assertThat(code(Functions.REBUILD_START_HANDLER)).isEqualTo(rebuildCode);
        for (String handler : List.of(Functions.API_HANDLER, Functions.PUBLISHER_HANDLER, Functions.SCHEDULE_HANDLER)) {
            assertThat(code(handler)).as(handler).isNotEqualTo(rebuildCode).isEqualTo(code(Functions.API_HANDLER));
        }
    }

    private Object code(String handler) {
        return TemplateJson.functionProperties(dev, handler).get("Code");
    }
}
