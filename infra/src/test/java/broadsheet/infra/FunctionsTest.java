package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.json.JsonMapper;

class FunctionsTest {

    private static final String API = "broadsheet.lambda.http.ApiHandler::handleRequest";
    private static final String PUBLISHER = "broadsheet.lambda.stream.PublisherHandler::handleRequest";
    private static final String SCHEDULE = "broadsheet.lambda.schedule.ScheduleHandler::handleRequest";

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void everyHandlerRunsOnJava21Arm64WithSnapStartAndJsonLogs() {
        // six of ours and the editor app's BucketDeployment handler (EditorAppTest)
        dev.resourceCountIs("AWS::Lambda::Function", 7);
        for (String handler : List.of(API, PUBLISHER, SCHEDULE, Functions.REBUILD_START_HANDLER,
                Functions.REBUILD_WORKER_HANDLER, Functions.REPLAY_HANDLER)) {
            dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
        }
    }

    @Test
    void memoryAndTimeoutsAreSizedPerFunctionAndStage() {
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", API, "MemorySize", StageSettings.dev().apiMemoryMb(), "Timeout", 10));
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", PUBLISHER, "MemorySize", StageSettings.dev().publisherMemoryMb(), "Timeout", 60));
        prod.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", PUBLISHER, "MemorySize", StageSettings.prod().publisherMemoryMb()));
    }

    @Test
    void configurationComesFromTheAgreedEnvironmentVariables() {
        String table = TemplateJson.logicalId(dev, "AWS::DynamoDB::Table");
        String bucket = TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PagesBucket");
        String distribution = TemplateJson.logicalId(dev, "AWS::CloudFront::Distribution");
        for (String handler : List.of(API, PUBLISHER, SCHEDULE)) {
            dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Environment", Map.of("Variables", Map.of(
                            "TABLE_NAME", Map.of("Ref", table),
                            "BUCKET_NAME", Map.of("Ref", bucket),
                            "SITE_BASE_URL", Map.of("Fn::Join", List.of("", List.of(
                                    "https://", Map.of("Fn::GetAtt", List.of(distribution, "DomainName"))))),
                            "EDITOR_GROUP_CLAIM", "cognito:groups",
                            "EDITOR_GROUP", "editors"))));
        }
    }

    @Test
    void eachFunctionHasALiveAliasOnAPublishedVersion() {
        dev.resourceCountIs("AWS::Lambda::Alias", 6);
        dev.resourceCountIs("AWS::Lambda::Version", 6);
        for (String handler : List.of(API, PUBLISHER, SCHEDULE, Functions.REBUILD_START_HANDLER,
                Functions.REBUILD_WORKER_HANDLER, Functions.REPLAY_HANDLER)) {
            Map<String, Object> alias = TemplateJson.properties(
                    dev.findResources("AWS::Lambda::Alias").get(TemplateJson.aliasOf(dev, handler)));
            assertThat(alias).containsEntry("Name", "live");
            assertThat(TemplateJson.json(alias.get("FunctionVersion"))).contains("CurrentVersion", "\"Version\"");
        }
    }

    @Test
    void publisherReadsOnlyArticleRecordsOfTheStreamWithBoundedRetries() {
        String stream = TemplateJson.logicalId(dev, "AWS::DynamoDB::Table");
        String failures = TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PublishFailuresBucket");
        dev.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        dev.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(stream, "StreamArn")),
                "StartingPosition", "TRIM_HORIZON",
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", StreamPublisher.RETRY_ATTEMPTS,
                "MaximumRecordAgeInSeconds", (int) StageSettings.dev().maxRecordAge().toSeconds(),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                // the S3 destination receives the discarded batch's records, SQS and SNS only their positions
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt", List.of(failures, "Arn"))))));
        Map<String, Object> mapping = streamMapping();
        assertThat(TemplateJson.json(mapping.get("FunctionName")))
                .contains(TemplateJson.aliasOf(dev, PUBLISHER)).contains(":live");
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamFilterKeepsOnlyArticleItemsNotRevisionsListingsOrClaims() {
        Map<String, Object> mapping = streamMapping();
        List<Map<String, Object>> filters = (List<Map<String, Object>>) ((Map<String, Object>) mapping.get("FilterCriteria")).get("Filters");
        assertThat(filters).hasSize(1);
        assertThat(JsonMapper.builder().build().readTree((String) filters.get(0).get("Pattern")))
                .isEqualTo(JsonMapper.builder().build().readTree(
                        "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"article#\"}]},"
                                + "\"sk\":{\"S\":[\"article\"]}}}}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamFilterIsWrittenInTheSameKeyOrderAtEverySynth() {
        // CloudFormation compares the pattern as a string: another key order is a change to deploy
        List<Map<String, Object>> filters = (List<Map<String, Object>>) ((Map<String, Object>) streamMapping()
                .get("FilterCriteria")).get("Filters");
        assertThat(filters.get(0).get("Pattern")).isEqualTo(
                "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"article#\"}]},\"sk\":{\"S\":[\"article\"]}}}}");
    }

    @Test
    void everyQueueIsEncryptedTlsOnlyAndKeepsMessagesTwoWeeks() {
        dev.resourceCountIs("AWS::SQS::Queue", 4);
        for (Map<String, Object> queue : dev.findResources("AWS::SQS::Queue").values()) {
            assertThat(TemplateJson.properties(queue)).containsEntry("MessageRetentionPeriod", 14 * 24 * 3600)
                    .containsEntry("SqsManagedSseEnabled", true);
        }
        dev.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))),
                "Version", "2012-10-17")));
    }

    @Test
    void functionsLogToTheirOwnRetainedLogGroups() {
        for (String handler : List.of(API, PUBLISHER, SCHEDULE)) {
            String id = TemplateJson.logGroupOf(dev, handler);
            assertThat(dev.findResources("AWS::Logs::LogGroup")).containsKey(id);
            assertThat(TemplateJson.properties(dev.findResources("AWS::Logs::LogGroup").get(id)))
                    .containsEntry("RetentionInDays", 14);
        }
    }

    @Test
    void thePublisherKeepsOneTimeSchedulesInTheGroupForTheScheduleFunction() {
        String alias = TemplateJson.aliasOf(dev, SCHEDULE);
        dev.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "broadsheet-dev-publish"));
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", PUBLISHER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "SCHEDULE_GROUP", "broadsheet-dev-publish",
                        "SCHEDULE_FUNCTION_ARN", Map.of("Ref", alias),
                        "SCHEDULER_ROLE_ARN", Map.of("Fn::GetAtt",
                                List.of(TemplateJson.logicalId(dev, "AWS::IAM::Role", "SchedulerRole"), "Arn")),
                        "SCHEDULE_DLQ_ARN", Map.of("Fn::GetAtt",
                                List.of(TemplateJson.logicalId(dev, "AWS::SQS::Queue", "ScheduleDeadLetters"), "Arn")))))));
    }

    @Test
    void thePublisherInvalidatesPagesOfTheSitesOwnDistribution() {
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", PUBLISHER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DISTRIBUTION_ID", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::CloudFront::Distribution")))))));
        dev.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", API,
                "Environment", Map.of("Variables", Match.not(Match.objectLike(Map.of("DISTRIBUTION_ID", Match.anyValue()))))));
    }

    @Test
    void aRateScheduleSweepsForDueArticlesEveryFiveMinutesWithADeadLetterQueue() {
        dev.resourceCountIs("AWS::Scheduler::Schedule", 1);
        Map<String, Object> sweep = TemplateJson.properties(TemplateJson.only(dev, "AWS::Scheduler::Schedule"));
        assertThat(sweep).containsEntry("ScheduleExpression", "rate(5 minutes)")
                .containsEntry("FlexibleTimeWindow", Map.of("Mode", "OFF"))
                .doesNotContainKey("GroupName");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) sweep.get("Target");
        assertThat(target).containsEntry("Arn", Map.of("Ref", TemplateJson.aliasOf(dev, SCHEDULE)))
                .containsEntry("Input", "{\"sweep\":true}")
                .containsEntry("RoleArn", Map.of("Fn::GetAtt",
                        List.of(TemplateJson.logicalId(dev, "AWS::IAM::Role", "SchedulerRole"), "Arn")))
                .containsEntry("DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(TemplateJson.logicalId(dev, "AWS::SQS::Queue", "ScheduleDeadLetters"), "Arn"))));
    }

    private Map<String, Object> streamMapping() {
        return TemplateJson.properties(dev, "AWS::Lambda::EventSourceMapping", "ArticleStream");
    }
}
