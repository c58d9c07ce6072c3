package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class AlarmsTest {

    private final Template dev = SynthesizedApp.dev().site();

    @Test
    void everyDeadLetterQueueAlarmsOnItsFirstMessage() {
        List<String> deadLetterQueues = dev.findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.contains("DeadLetters")).toList();
        assertThat(deadLetterQueues).hasSize(2).anyMatch(id -> id.contains("RebuildDeadLetters"))
                .anyMatch(id -> id.contains("ScheduleDeadLetters"));
        for (String queue : deadLetterQueues) {
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS",
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName",
                            "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Threshold", 1));
        }
    }

    @Test
    void errorsOfEveryFunctionAlarm() {
        // Broadsheet's own functions; CDK's BucketDeployment handler of the editor app runs only
        // inside a deploy, whose failure CloudFormation reports itself
        Map<String, Map<String, Object>> functions = dev.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Runtime", "java21")));
        assertThat(functions).hasSize(6);
        assertThat(dev.findResources("AWS::Lambda::Function")).hasSize(7);
        for (String function : functions.keySet()) {
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/Lambda",
                    "MetricName", "Errors",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))),
                    "Statistic", "Sum",
                    "Threshold", 1));
        }
    }

    @Test
    void streamIteratorAgeAlarmsWhenThePublisherFallsBehind() {
        String publisher = TemplateJson.functionId(dev, Functions.PUBLISHER_HANDLER);
        dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", publisher))),
                "Statistic", "Maximum",
                "Threshold", 300_000));
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        Map<String, Object> topic = Map.of("Ref", TemplateJson.logicalId(dev, "AWS::SNS::Topic"));
        Map<String, Map<String, Object>> alarms = dev.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(4);
        assertThat(alarms.values()).allSatisfy(alarm -> assertThat(TemplateJson.properties(alarm))
                .containsEntry("AlarmActions", List.of(topic))
                .containsEntry("OKActions", List.of(topic)));
    }

    @Test
    void cloudWatchAlarmsOfThisAccountMayPublishToTheTopic() {
        String topic = TemplateJson.logicalId(dev, "AWS::SNS::Topic");
        List<Map<String, Object>> statements = TemplateJson.statements(dev, "AWS::SNS::TopicPolicy");
        Map<String, Object> allow = statements.stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), found -> {
                    assertThat(found).hasSize(1);
                    return found.get(0);
                }));
        assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudwatch.amazonaws.com"));
        assertThat(allow.get("Action")).isEqualTo("sns:Publish");
        assertThat(allow.get("Resource")).isEqualTo(Map.of("Ref", topic));
        assertThat(allow.get("Condition")).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:SourceAccount", SynthesizedApp.ENV.getAccount()),
                "ArnLike", Map.of("aws:SourceArn", "arn:aws:cloudwatch:" + SynthesizedApp.ENV.getRegion() + ":"
                        + SynthesizedApp.ENV.getAccount() + ":alarm:*")));
        // the TLS deny that enforceSsl adds stays
        assertThat(statements).anySatisfy(statement -> assertThat(statement)
                .containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }
}
