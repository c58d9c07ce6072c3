package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class CiStackTest {

    private final Template ci = SynthesizedApp.dev().ci();
    private final String repository = (String) SynthesizedApp.cdkJsonContext().get("githubRepository");

    @Test
    void githubOidcProviderIssuesTokensForSts() {
        ci.resourceCountIs("AWS::IAM::OIDCProvider", 1);
        ci.hasResourceProperties("AWS::IAM::OIDCProvider", Map.of(
                "Url", "https://token.actions.githubusercontent.com",
                "ClientIdList", List.of("sts.amazonaws.com")));
        ci.resourceCountIs("AWS::Lambda::Function", 0);
    }

    @Test
    void deployRoleTrustsOnlyTheRepositorysMainBranchAndProductionEnvironment() {
        ci.resourceCountIs("AWS::IAM::Role", 1);
        ci.hasResourceProperties("AWS::IAM::Role", Map.of(
                "MaxSessionDuration", 7200,
                "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Action", "sts:AssumeRoleWithWebIdentity",
                        "Principal", Map.of("Federated", Map.of("Ref", TemplateJson.logicalId(ci, "AWS::IAM::OIDCProvider"))),
                        "Condition", Map.of("StringEquals", Map.of(
                                "token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                                "token.actions.githubusercontent.com:sub", List.of(
                                        "repo:" + repository + ":ref:refs/heads/main",
                                        "repo:" + repository + ":environment:prod"))))))));
    }

    @Test
    void deployRoleCanOnlyAssumeTheCdkBootstrapRolesAndStartAndWatchARebuild() {
        String account = SynthesizedApp.ENV.getAccount();
        String region = SynthesizedApp.ENV.getRegion();
        String at = region + ":" + account + ":";
        ci.hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Map.of(
                "PolicyName", "assume-cdk-bootstrap-roles",
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("sts:AssumeRole", "sts:TagSession"),
                        "Resource", List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role")
                                .stream()
                                .map(role -> "arn:aws:iam::" + account + ":role/cdk-hnb659fds-" + role + "-" + account + "-" + region)
                                .toList())))), Map.of(
                "PolicyName", "rebuild-after-template-change",
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow", "Action", "cloudformation:DescribeStacks",
                                "Resource", List.of("arn:aws:cloudformation:" + at + "stack/Broadsheet-dev/*",
                                        "arn:aws:cloudformation:" + at + "stack/Broadsheet-prod/*")),
                        Map.of("Effect", "Allow", "Action", "lambda:InvokeFunction",
                                "Resource", List.of("arn:aws:lambda:" + at + "function:broadsheet-dev-rebuild-start:live",
                                        "arn:aws:lambda:" + at + "function:broadsheet-prod-rebuild-start:live")),
                        Map.of("Effect", "Allow", "Action", "sqs:GetQueueAttributes",
                                "Resource", List.of("arn:aws:sqs:" + at + "broadsheet-dev-rebuild",
                                        "arn:aws:sqs:" + at + "broadsheet-dev-rebuild-dlq",
                                        "arn:aws:sqs:" + at + "broadsheet-prod-rebuild",
                                        "arn:aws:sqs:" + at + "broadsheet-prod-rebuild-dlq"))))))));
        // the names the policy expects are the names the site stack gives
        SynthesizedApp.dev().site().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "broadsheet-dev-rebuild-start"));
        SynthesizedApp.dev().site().hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "broadsheet-dev-rebuild"));
        SynthesizedApp.dev().site().hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "broadsheet-dev-rebuild-dlq"));
        assertThat(TemplateJson.properties(TemplateJson.only(ci, "AWS::IAM::Role"))).doesNotContainKey("ManagedPolicyArns");
    }

    @Test
    void repositoryMustBeOwnerSlashName() {
        assertThatThrownBy(() -> new CiSettings("broadsheet", "main", "prod", "hnb659fds"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CiSettings("acme/broadsheet", "main", "prod", "q").subjects()).containsExactly(
                "repo:acme/broadsheet:ref:refs/heads/main", "repo:acme/broadsheet:environment:prod");
    }
}
