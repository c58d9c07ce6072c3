package broadsheet.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.OidcProviderNative;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.constructs.Construct;

/**
 * The GitHub OIDC provider and the role the deploy workflow assumes. The role can assume the CDK
 * bootstrap roles, which do the actual deployment, and start and watch a site rebuild after a
 * template change: read the Broadsheet stacks' outputs, invoke the rebuild start function's
 * {@code live} alias, read the rebuild queues' message counts. Deployed once per account by
 * hand (see infra/README.md), never from CI itself.
 */
public final class BroadsheetCiStack extends Stack {

    public static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    public static final String STS_AUDIENCE = "sts.amazonaws.com";
    /**
     * The longest session the deploy workflow may ask for ({@code role-duration-seconds}): a
     * first deploy of a stage plus the wait for a whole-site rebuild (up to 40 minutes) outlasts
     * the one hour that {@code configure-aws-credentials} and the role otherwise allow.
     */
    public static final Duration DEPLOY_SESSION = Duration.hours(2);
    /** The stages whose stacks the deploy role deploys and rebuilds. */
    static final List<String> STAGES = List.of(StageSettings.DEV, StageSettings.PROD);
    static final List<String> BOOTSTRAP_ROLES = List.of(
            "deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

    public BroadsheetCiStack(Construct scope, String id, StackProps props, CiSettings ci) {
        super(scope, id, props);
        OidcProviderNative github = OidcProviderNative.Builder.create(this, "GitHubOidc")
                .url("https://" + GITHUB_ISSUER)
                .clientIds(List.of(STS_AUDIENCE))
                .build();
        List<String> bootstrapRoleArns = BOOTSTRAP_ROLES.stream()
                .map(role -> "arn:" + getPartition() + ":iam::" + getAccount() + ":role/cdk-"
                        + ci.bootstrapQualifier() + "-" + role + "-" + getAccount() + "-" + getRegion())
                .toList();
        Role deployRole = Role.Builder.create(this, "DeployRole")
                .description("GitHub Actions deploys of " + ci.repository() + " (" + ci.branch() + " only)")
                .assumedBy(new WebIdentityPrincipal(github.getOidcProviderArn(), Map.of(
                        "StringEquals", Map.of(GITHUB_ISSUER + ":aud", STS_AUDIENCE,
                                GITHUB_ISSUER + ":sub", ci.subjects()))))
                .maxSessionDuration(DEPLOY_SESSION)
                .inlinePolicies(new TreeMap<>(Map.of("assume-cdk-bootstrap-roles", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("sts:AssumeRole", "sts:TagSession"))
                                .resources(bootstrapRoleArns)
                                .build()))
                        .build(),
                        "rebuild-after-template-change", PolicyDocument.Builder.create()
                        .statements(List.of(
                                // a stack ARN ends in an id CloudFormation picks at creation
                                allow("cloudformation:DescribeStacks", STAGES.stream()
                                        .map(stage -> arn("cloudformation", "stack/" + StageSettings.named(stage).stackName() + "/*"))
                                        .toArray(String[]::new)),
                                allow("lambda:InvokeFunction", STAGES.stream()
                                        .map(stage -> arn("lambda", "function:" + Functions.rebuildStartFunctionName(stage) + ":" + Functions.ALIAS))
                                        .toArray(String[]::new)),
                                allow("sqs:GetQueueAttributes", STAGES.stream()
                                        .flatMap(stage -> Stream.of(
                                                arn("sqs", Functions.rebuildQueueName(stage)),
                                                arn("sqs", Functions.rebuildDeadLetterQueueName(stage))))
                                        .toArray(String[]::new))))
                        .build())))
                .build();
        CfnOutput.Builder.create(this, "DeployRoleArn")
                .value(deployRole.getRoleArn())
                .description("Set as the AWS_DEPLOY_ROLE_ARN variable of the GitHub repository")
                .build();
    }

    private String arn(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    private static PolicyStatement allow(String action, String... resources) {
        return PolicyStatement.Builder.create().actions(List.of(action)).resources(List.of(resources)).build();
    }
}
