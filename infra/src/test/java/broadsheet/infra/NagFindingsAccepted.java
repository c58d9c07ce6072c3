package broadsheet.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;

/**
 * The AwsSolutions findings Broadsheet accepts, each with its reason, applied to the app before
 * {@link CdkNagTest} runs the checks. Every suppression names one resource by its construct path
 * (cdk-nag fails when a path no longer exists, so a stale suppression cannot linger) and, for
 * IAM5, the exact resource pattern it allows. Everything else is fixed in the stacks themselves.
 */
final class NagFindingsAccepted {

    private NagFindingsAccepted() {
    }

    static void apply(BroadsheetApp.Stacks stacks, boolean customDomain) {
        Stack site = stacks.site();
        String stage = site.getStackName().substring("Broadsheet-".length());

        for (String function : List.of("ApiFunction", "PublisherFunction", "ScheduleFunction", "RebuildStartFunction",
                "RebuildWorkerFunction", "ReplayFunction")) {
            suppress(site, "/Functions/" + function + "/Resource", "AwsSolutions-L1",
                    "java21 on purpose: CDK 2.263 offers java25, but SnapStart, its priming and the measured cold"
                            + " starts (BENCHMARKS.md) are of java21 on arm64, and the code is built for release 17;"
                            + " moving runtimes is a change of its own, measured again");
        }
        suppress(site, "/PublishFailures/Notices/Resource", "AwsSolutions-SQS3",
                "no consumer to fail: it only counts the objects created in the publish failures bucket (S3 event"
                        + " notifications), and the PublishFailures alarm watches its arrivals; the batches themselves"
                        + " stay in the bucket until replayed");
        suppress(site, "/Functions/ScheduleDeadLetters/Resource", "AwsSolutions-SQS3",
                "it is a dead-letter queue: the DeadLetterConfig of the EventBridge Scheduler targets; its depth is alarmed");

        suppressWildcard(site, "/Functions/ApiRole/Resource", "^Resource::<PagesBucket[0-9A-F]+\\.Arn>/media/\\*$",
                "s3:PutObject on <pages bucket>/media/* only: presigned media uploads are signed with this role"
                        + " and their keys are chosen per upload");
        suppressWildcard(site, "/Functions/PublisherRole/Resource", "^Resource::<PagesBucket[0-9A-F]+\\.Arn>/\\*$",
                "s3:GetObject/PutObject/DeleteObject on <pages bucket>/*: the publisher writes and removes any page"
                        + " of the site, whose keys follow the articles");
        suppressWildcard(site, "/Functions/PublisherRole/Resource",
                "^Resource::arn:aws:scheduler:[a-z0-9-]+:\\d{12}:schedule/broadsheet-" + stage + "-publish/\\*$",
                "scheduler:Create/Update/DeleteSchedule on schedule/broadsheet-" + stage + "-publish/*: one"
                        + " schedule per scheduled article, named after it, in this stage's group only");
        suppressWildcard(site, "/Functions/PublisherRole/Resource",
                "^Resource::<PublishFailuresBucket[0-9A-F]+\\.Arn>/\\*$",
                "s3:PutObject on <publish failures bucket>/*: Lambda delivers each discarded batch of the stream"
                        + " mapping as an object whose key it chooses (aws/lambda/<mapping>/<shard>/<date>/...)");
        suppressWildcard(site, "/Functions/ReplayRole/Resource", "^Resource::<PagesBucket[0-9A-F]+\\.Arn>/\\*$",
                "s3:GetObject/PutObject/DeleteObject on <pages bucket>/*: the replay publishes as the publisher does");
        suppressWildcard(site, "/Functions/ReplayRole/Resource",
                "^Resource::<PublishFailuresBucket[0-9A-F]+\\.Arn>/\\*$",
                "s3:GetObject/DeleteObject on <publish failures bucket>/*: the replay reads every discarded batch"
                        + " and deletes each once its articles are published again");
        suppressWildcard(site, "/Functions/ReplayRole/Resource",
                "^Resource::arn:aws:scheduler:[a-z0-9-]+:\\d{12}:schedule/broadsheet-" + stage + "-publish/\\*$",
                "scheduler:Create/Update/DeleteSchedule on schedule/broadsheet-" + stage + "-publish/*: the replay"
                        + " keeps the schedules of scheduled articles as the publisher does");
        suppressWildcard(site, "/Functions/RebuildWorkerRole/Resource", "^Resource::<PagesBucket[0-9A-F]+\\.Arn>/\\*$",
                "s3:GetObject/PutObject/DeleteObject on <pages bucket>/*: a rebuild re-renders every page of the site "
                        + "and takes down an article page it brought back after an unpublish");

        suppressWildcard(site, "/EditorApp/DeploymentRole/Resource", "^Resource::<EditorAppBucket[0-9A-F]+\\.Arn>/admin/\\*$",
                "s3:PutObject/DeleteObject on <editor app bucket>/admin/*: the BucketDeployment syncs the app's build"
                        + " output (file names chosen by the build) and prunes what an older build left, in a bucket"
                        + " that holds nothing else");
        suppress(site, "/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource", "AwsSolutions-L1",
                "the runtime of CDK's own BucketDeployment handler (aws-cdk-lib 2.263.0 pins python3.13);"
                        + " it runs only during a deploy, and moves with the next aws-cdk-lib");
        suppress(site, "/Editors/UserPool/Resource", "AwsSolutions-COG2",
                "MFA is optional (TOTP, offered at sign-in); requiring it for every editor is a newsroom policy"
                        + " decision left open in docs/aws-readiness.md; threat protection is on (Plus plan)");
        suppress(site, "/Site/Distribution/Resource", "AwsSolutions-CFR1",
                "a public news site for readers anywhere: no geographic restriction is wanted");
        suppress(site, "/Site/Distribution/Resource", "AwsSolutions-CFR2",
                "no WAF web ACL yet: pages are static objects, the API behind /api/* is throttled and every route"
                        + " needs a Cognito JWT; a web ACL (and its monthly cost) is an open item in docs/aws-readiness.md");
        if (!customDomain) {
            suppress(site, "/Site/Distribution/Resource", "AwsSolutions-CFR4",
                    "without siteDomain the distribution serves the default *.cloudfront.net certificate, for which"
                            + " CloudFront fixes the security policy itself; with siteDomain it is TLSv1.2_2021");
        }

        Stack ci = stacks.ci();
        suppressWildcard(ci, "/DeployRole/Resource",
                "^Resource::arn:aws:cloudformation:[a-z0-9-]+:\\d{12}:stack/Broadsheet-(dev|prod)/\\*$",
                "cloudformation:DescribeStacks on stack/Broadsheet-dev/* and stack/Broadsheet-prod/*: a stack ARN"
                        + " ends in an id CloudFormation chooses at creation; the stack names are exact");
    }

    private static void suppress(Stack stack, String path, String rule, String reason) {
        NagSuppressions.addResourceSuppressionsByPath(stack, "/" + stack.getStackName() + path,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()));
    }

    private static void suppressWildcard(Stack stack, String path, String resourcePattern, String reason) {
        NagSuppressions.addResourceSuppressionsByPath(stack, "/" + stack.getStackName() + path,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(reason)
                        .appliesTo(List.of(RegexAppliesTo.builder().regex("/" + resourcePattern + "/").build()))
                        .build()));
    }
}
