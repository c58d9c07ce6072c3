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
        assertThat(deadLetterQueues).hasSize(3).anyMatch(id -> id.contains("RebuildDeadLetters"));
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
        assertThat(dev.findResources("AWS::Lambda::Function")).hasSize(5);
        for (String function : dev.findResources("AWS::Lambda::Function").keySet()) {
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
}
