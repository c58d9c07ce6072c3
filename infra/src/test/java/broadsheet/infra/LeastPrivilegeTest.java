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
    void apiRoleMayOnlyReadAndWriteItemsOfTheTableAndItsIndexesAndItsLogs() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        List<Map<String, Object>> statements = inlineStatements(site, "ApiRole");
        assertThat(statements).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(logGroupOf(site, "ApiHandler"), "Arn")),
                allow(List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                                "dynamodb:Scan", "dynamodb:UpdateItem"),
                        // sorted as the minimizePolicies feature flag writes them
                        List.of(getAtt(table, "Arn"), index(table, "by-section"), index(table, "published"))));
    }

    @Test
    void publisherRoleMayOnlyTouchWhatThePublisherUses() {
        Template site = dev.site();
        String table = TemplateJson.logicalId(site, "AWS::DynamoDB::Table");
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket");
        String queue = TemplateJson.logicalId(site, "AWS::SQS::Queue");
        List<Map<String, Object>> statements = inlineStatements(site, "PublisherRole");
        assertThat(statements).containsExactlyInAnyOrder(
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(logGroupOf(site, "PublisherHandler"), "Arn")),
                allow(List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"),
                        getAtt(table, "Arn")),
                allow(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams"), getAtt(table, "StreamArn")),
                allow(List.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject"),
                        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), "/*")))),
                allow("s3:ListBucket", getAtt(bucket, "Arn")),
                allow("sqs:SendMessage", getAtt(queue, "Arn")));
    }

    @Test
    void functionRolesHaveNoManagedOrExtraPolicies() {
        Template site = dev.site();
        site.resourceCountIs("AWS::IAM::Policy", 0);
        site.resourceCountIs("AWS::IAM::ManagedPolicy", 0);
        site.resourceCountIs("AWS::IAM::Role", 2);
        assertThat(site.findResources("AWS::IAM::Role").values())
                .allSatisfy(role -> assertThat(TemplateJson.properties(role)).doesNotContainKey("ManagedPolicyArns"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inlineStatements(Template site, String roleIdPart) {
        Map<String, Object> role = site.findResources("AWS::IAM::Role").entrySet().stream()
                .filter(entry -> entry.getKey().contains(roleIdPart))
                .map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        List<Map<String, Object>> policies = (List<Map<String, Object>>) TemplateJson.properties(role).get("Policies");
        assertThat(policies).hasSize(1);
        return (List<Map<String, Object>>) ((Map<String, Object>) policies.get(0).get("PolicyDocument")).get("Statement");
    }

    @SuppressWarnings("unchecked")
    private static String logGroupOf(Template site, String handlerClass) {
        Map<String, Object> function = TemplateJson.properties(site.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", "broadsheet.lambda." + handlerClass + "::handleRequest")))
                .values().iterator().next());
        return (String) ((Map<String, Object>) ((Map<String, Object>) function.get("LoggingConfig")).get("LogGroup")).get("Ref");
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
