package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The stream mapping's on-failure destination: an S3 bucket, which (unlike SQS or SNS) receives the
 * discarded batch's records, kept well past the stream's 24 hours, alarmed and replayable.
 */
class PublishFailuresTest {

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void discardedBatchesAreKeptAtLeastTwoWeeksInAPrivateEncryptedBucket() {
        assertThat(PublishFailures.RETENTION_DAYS).isGreaterThanOrEqualTo(14);
        Map<String, Object> bucket = TemplateJson.properties(dev, "AWS::S3::Bucket", "PublishFailuresBucket");
        assertThat(bucket).containsAllEntriesOf(Map.of(
                "BucketName", "broadsheet-dev-publish-failures-123456789012-eu-west-1",
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
        assertThat(TemplateJson.json(bucket.get("LifecycleConfiguration")))
                .contains("\"ExpirationInDays\":" + PublishFailures.RETENTION_DAYS, "\"Status\":\"Enabled\"");
        assertThat(bucket).containsEntry("LoggingConfiguration", Map.of(
                "DestinationBucketName", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PagesLogs")),
                "LogFilePrefix", PublishFailures.LOG_PREFIX));
        dev.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PublishFailuresBucket")),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void prodKeepsTheBucketWhenTheStackGoes() {
        assertThat(prod.findResources("AWS::S3::Bucket").entrySet()).filteredOn(e -> e.getKey().contains("PublishFailures"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).containsEntry("DeletionPolicy", "Retain"));
    }

    @Test
    void everyFailureObjectNotifiesTheNoticesQueueWhichOnlyThisBucketMaySendTo() {
        String notices = TemplateJson.logicalId(dev, "AWS::SQS::Queue", "PublishFailuresNotices");
        Map<String, Map<String, Object>> buckets = dev.findResources("AWS::S3::Bucket");
        String bucketId = TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PublishFailuresBucket");
        Map<String, Object> bucket = buckets.get(bucketId);
        assertThat(TemplateJson.properties(bucket)).containsEntry("NotificationConfiguration", Map.of(
                "QueueConfigurations", List.of(Map.of(
                        "Event", "s3:ObjectCreated:*",
                        "Queue", Map.of("Fn::GetAtt", List.of(notices, "Arn"))))));
        // S3 checks the destination's policy when the notification is set: the policy comes first
        String policy = dev.findResources("AWS::SQS::QueuePolicy").keySet().stream()
                .filter(id -> id.contains("PublishFailuresNotices")).findFirst().orElseThrow();
        assertThat(TemplateJson.json(bucket.get("DependsOn"))).contains(policy);
        dev.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", notices)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Sid", "AllowNoticesOfTheFailuresBucket",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "s3.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Resource", Map.of("Fn::GetAtt", List.of(notices, "Arn")),
                        "Condition", Map.of(
                                "ArnEquals", Map.of("aws:SourceArn",
                                        "arn:aws:s3:::broadsheet-dev-publish-failures-123456789012-eu-west-1"),
                                "StringEquals", Map.of("aws:SourceAccount", "123456789012")))))))));
    }

    @Test
    void aFailureArrivingAlarmsAndTheAlarmSaysHowToReplay() {
        String notices = TemplateJson.logicalId(dev, "AWS::SQS::Queue", "PublishFailuresNotices");
        Map<String, Object> topic = Map.of("Ref", TemplateJson.logicalId(dev, "AWS::SNS::Topic"));
        dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "NumberOfMessagesSent",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(notices, "QueueName")))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1,
                "AlarmDescription", Match.stringLikeRegexp(".*infra/bin/replay-failed dev.*"),
                "AlarmActions", List.of(topic)));
    }

    @Test
    void theReplayFunctionHasAFixedNameTheCommandInvokesAndTheFailuresBucketInItsEnvironment() {
        Map<String, Object> function = TemplateJson.functionProperties(dev, Functions.REPLAY_HANDLER);
        assertThat(function).containsEntry("FunctionName", Functions.replayFunctionName("dev"))
                .containsEntry("Timeout", (int) FailureReplay.TIMEOUT.toSeconds().longValue());
        assertThat(TemplateJson.json(function.get("Environment")))
                .contains("\"FAILURES_BUCKET\":{\"Ref\":\"" + TemplateJson.logicalId(dev, "AWS::S3::Bucket",
                        "PublishFailuresBucket") + "\"}")
                .contains("DISTRIBUTION_ID", "SCHEDULE_GROUP");
        assertThat(Functions.replayFunctionName("prod")).isEqualTo("broadsheet-prod-replay-failed");
        dev.hasOutput("PublishFailuresBucket", Map.of("Value",
                Map.of("Ref", TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PublishFailuresBucket"))));
        dev.hasOutput("ReplayFunction", Map.of("Value",
                Map.of("Ref", TemplateJson.aliasOf(dev, Functions.REPLAY_HANDLER))));
    }
}
