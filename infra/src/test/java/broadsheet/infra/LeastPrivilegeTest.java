package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class LeastPrivilegeTest {

    private final SynthesizedApp dev = SynthesizedApp.dev();
    private final SynthesizedApp prod = SynthesizedApp.prod();

    @Test
    void noPolicyInAnyTemplateAllowsWildcardActionsOrDataActionsOnEveryResource() {
        for (Template template : List.of(dev.site(), prod.site(), dev.ci())) {
            Map<String, Object> json = template.toJSON();
            assertThat(PolicyWalker.countAllowStatements(json)).isPositive();
            assertThat(PolicyWalker.violations(json)).isEmpty();
        }
    }

    @Test
    void walkerCatchesWhatItIsMeantToCatch() {
        List<Map<String, Object>> statements = List.of(
                Map.of("Effect", "Allow", "Action", "dynamodb:*", "Resource", "arn:aws:dynamodb:::table/t"),
                Map.of("Effect", "Allow", "Action", List.of("s3:GetObject"), "Resource", "*"),
                Map.of("Effect", "Allow", "Action", "*", "Resource", "arn:aws:sqs:::q"),
                Map.of("Effect", "Deny", "Action", "s3:*", "Resource", "*"),
                Map.of("Effect", "Allow", "Action", "logs:PutLogEvents", "Resource", "arn:aws:logs:::log-group:g:*"));
        Map<String, Object> policy = Map.of("PolicyDocument", Map.of("Statement", statements));
        Map<String, Object> template = Map.of("Resources",
                Map.of("Role", Map.of("Properties", Map.of("Policies", List.of(policy)))));
        assertThat(PolicyWalker.violations(template)).containsExactly(
                "/Resources/Role/Properties/Policies/0/PolicyDocument/Statement/0: wildcard action dynamodb:*",
                "/Resources/Role/Properties/Policies/0/PolicyDocument/Statement/1: s3:GetObject on resource *",
                "/Resources/Role/Properties/Policies/0/PolicyDocument/Statement/2: wildcard action *");
    }

    @Test
    void apiRoleMayOnlyReadAndWriteItemsOfTheTableAndItsIndexesMediaUploadsAndItsLogs() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        List<Map<String, Object>> statements = inlineStatements(site, "ApiRole");
        assertThat(statements).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.logGroupOf(site, Functions.API_HANDLER), "Arn")),
                allow(List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                                "dynamodb:Scan", "dynamodb:UpdateItem"),
                        // sorted as the minimizePolicies feature flag writes them
                        List.of(getAtt(table, "Arn"), index(table, "by-section"))),
                allow("s3:PutObject", Map.of("Fn::Join", List.of("", List.of(
                        getAtt(TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesBucket"), "Arn"), "/media/*")))));
    }

    @Test
    void scheduleRoleMayOnlyPublishDueArticles() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        assertThat(inlineStatements(site, "ScheduleRole")).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.logGroupOf(site, Functions.SCHEDULE_HANDLER), "Arn")),
                allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), getAtt(table, "Arn")),
                allow("dynamodb:Query", index(table, "scheduled")));
    }

    @Test
    void schedulerRoleIsForTheSchedulerOfThisAccountAndMayOnlyInvokeTheScheduleFunction() {
        Template site = dev.site();
        String alias = TemplateJson.aliasOf(site, Functions.SCHEDULE_HANDLER);
        String queue = TemplateJson.logicalId(site, "AWS::SQS::Queue", "ScheduleDeadLetters");
        assertThat(inlineStatements(site, "SchedulerRole")).containsExactlyInAnyOrder(
                allow("lambda:InvokeFunction", Map.of("Ref", alias)),
                allow("sqs:SendMessage", getAtt(queue, "Arn")));
        Map<String, Object> role = TemplateJson.properties(site, "AWS::IAM::Role", "SchedulerRole");
        assertThat(TemplateJson.json(role.get("AssumeRolePolicyDocument")))
                .contains("\"Service\":\"scheduler.amazonaws.com\"")
                .contains("\"aws:SourceAccount\":\"123456789012\"");
    }

    @Test
    void publisherRoleMayOnlyTouchWhatThePublisherUses() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesBucket");
        String failures = TemplateJson.logicalId(site, "AWS::S3::Bucket", "PublishFailuresBucket");
        List<Map<String, Object>> statements = inlineStatements(site, "PublisherRole");
        List<Map<String, Object>> expected = new java.util.ArrayList<>(publishing(site));
        expected.add(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                getAtt(TemplateJson.logGroupOf(site, Functions.PUBLISHER_HANDLER), "Arn")));
        expected.add(allow(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:ListStreams"), getAtt(table, "StreamArn")));
        // what Lambda needs of the execution role to deliver a discarded batch to the S3 on-failure
        // destination (Lambda Developer Guide, on-failure destinations; docs/aws-readiness.md)
        expected.add(allow("s3:PutObject", Map.of("Fn::Join", List.of("", List.of(getAtt(failures, "Arn"), "/*")))));
        assertThat(statements).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(TemplateJson.json(statements)).doesNotContain("sqs:");
    }

    @Test
    void replayRoleMayPublishAsThePublisherDoesAndReadAndDeleteOnlyTheFailureObjects() {
        Template site = dev.site();
        String failures = TemplateJson.logicalId(site, "AWS::S3::Bucket", "PublishFailuresBucket");
        List<Map<String, Object>> expected = new java.util.ArrayList<>(publishing(site));
        expected.add(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                getAtt(TemplateJson.logGroupOf(site, Functions.REPLAY_HANDLER), "Arn")));
        expected.add(allow(List.of("s3:DeleteObject", "s3:GetObject"),
                Map.of("Fn::Join", List.of("", List.of(getAtt(failures, "Arn"), "/*")))));
        List<Map<String, Object>> statements = inlineStatements(site, "ReplayRole");
        assertThat(statements).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(TemplateJson.json(statements)).as("no stream reads: the replay reads the bucket, not the stream")
                .doesNotContain("dynamodb:GetRecords");
    }

    /** What publishing a change takes: the publisher's and the replay's statements alike. */
    private static List<Map<String, Object>> publishing(Template site) {
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesBucket");
        String schedulerRole = TemplateJson.logicalId(site, "AWS::IAM::Role", "SchedulerRole");
        return List.of(
                allow(List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"),
                        getAtt(table, "Arn")),
                allow(List.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject"),
                        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), "/*")))),
                // listing both buckets, merged into one statement by the minimizePolicies feature flag:
                // without it a missing page reads as 403, not 404; Lambda and the replay list the failures
                allow("s3:ListBucket", List.of(getAtt(bucket, "Arn"),
                        getAtt(TemplateJson.logicalId(site, "AWS::S3::Bucket", "PublishFailuresBucket"), "Arn"))),
                // invalidations of this distribution only (docs/design-publishing.md, "Freshness at the edge")
                allow("cloudfront:CreateInvalidation", Map.of("Fn::Join", List.of("", List.of(
                        "arn:aws:cloudfront::123456789012:distribution/",
                        Map.of("Ref", TemplateJson.logicalId(site, "AWS::CloudFront::Distribution")))))),
                allow(List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:UpdateSchedule"),
                        // the test app's stacks have an explicit account and region
                        "arn:aws:scheduler:eu-west-1:123456789012:schedule/broadsheet-dev-publish/*"),
                Map.of("Effect", "Allow", "Action", "iam:PassRole", "Resource", getAtt(schedulerRole, "Arn"),
                        "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com"))));
    }

    @Test
    void rebuildStartRoleMayOnlySendToTheRebuildQueue() {
        Template site = dev.site();
        String queue = TemplateJson.logicalId(site, "AWS::SQS::Queue", "RebuildQueue");
        assertThat(inlineStatements(site, "RebuildStartRole")).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.logGroupOf(site, Functions.REBUILD_START_HANDLER), "Arn")),
                allow("sqs:SendMessage", getAtt(queue, "Arn")));
    }

    @Test
    void rebuildWorkerRoleMayOnlyReadTheStoresWritePagesAndConsumeAndContinueTheRebuildQueue() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesBucket");
        String queue = TemplateJson.logicalId(site, "AWS::SQS::Queue", "RebuildQueue");
        assertThat(inlineStatements(site, "RebuildWorkerRole")).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.logGroupOf(site, Functions.REBUILD_WORKER_HANDLER), "Arn")),
                allow(List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Scan"), getAtt(table, "Arn")),
                allow("dynamodb:Query", index(table, "by-section")),
                // delete: the page of an article unpublished while the rebuild uploaded it (SiteRebuild)
                allow(List.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject"),
                        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), "/*")))),
                allow("s3:ListBucket", getAtt(bucket, "Arn")),
                // merged by the minimizePolicies feature flag: consume (the event source) and send (continuations)
                allow(List.of("sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage"),
                        getAtt(queue, "Arn")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void editorAppDeploymentMayOnlyReadItsTwoAssetsAndWriteTheAppUnderAdmin() {
        Template site = dev.site();
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "EditorAppBucket");
        Map<String, Object> deployment = TemplateJson.properties(TemplateJson.only(site, "Custom::CDKBucketDeployment"));
        List<Object> assets = ((List<Object>) deployment.get("SourceObjectKeys")).stream()
                .map(key -> (Object) ("arn:aws:s3:::cdk-hnb659fds-assets-123456789012-eu-west-1/" + key))
                .toList();
        assertThat(assets).hasSize(2);
        List<Map<String, Object>> statements = inlineStatements(site, "EditorAppDeploymentRole");
        // the build output's zip and config.json's zip in the CDK staging bucket, nothing else of it
        // (in the order of their hashes, as the minimizePolicies flag sorts them)
        Map<String, Object> reads = statements.stream().filter(st -> "s3:GetObject".equals(st.get("Action")))
                .findFirst().orElseThrow();
        assertThat(reads).containsEntry("Effect", "Allow");
        assertThat(TemplateJson.list(reads.get("Resource"))).containsExactlyInAnyOrderElementsOf(assets);
        assertThat(statements).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.logicalId(site, "AWS::Logs::LogGroup", "EditorAppDeploymentLogs"), "Arn")),
                allow("s3:ListBucket", getAtt(bucket, "Arn")),
                // sync writes the build, prune removes what an older build left; nothing outside admin/
                allow(List.of("s3:DeleteObject", "s3:PutObject"),
                        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), "/admin/*")))),
                reads);
        Map<String, Object> role = TemplateJson.properties(site, "AWS::IAM::Role", "EditorAppDeploymentRole");
        assertThat(TemplateJson.json(role.get("AssumeRolePolicyDocument"))).contains("\"Service\":\"lambda.amazonaws.com\"");
        assertThat(TemplateJson.json(site.toJSON())).doesNotContain("cloudfront:CreateInvalidation\",\"Resource\":\"*");
    }

    @Test
    void functionRolesHaveNoManagedOrExtraPolicies() {
        Template site = dev.site();
        site.resourceCountIs("AWS::IAM::Policy", 0);
        site.resourceCountIs("AWS::IAM::ManagedPolicy", 0);
        site.resourceCountIs("AWS::IAM::Role", 8);
        assertThat(site.findResources("AWS::IAM::Role").values())
                .allSatisfy(role -> assertThat(TemplateJson.properties(role)).doesNotContainKey("ManagedPolicyArns"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inlineStatements(Template site, String roleIdPart) {
        Map<String, Object> role = TemplateJson.properties(site, "AWS::IAM::Role", roleIdPart);
        List<Map<String, Object>> policies = (List<Map<String, Object>>) role.get("Policies");
        assertThat(policies).hasSize(1);
        return (List<Map<String, Object>>) ((Map<String, Object>) policies.get(0).get("PolicyDocument")).get("Statement");
    }

    private static Map<String, Object> allow(Object actions, Object resources) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resources);
    }

    private static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    private static Map<String, Object> index(String table, String name) {
        return Map.of("Fn::Join", List.of("", List.of(getAtt(table, "Arn"), "/index/" + name)));
    }
}
