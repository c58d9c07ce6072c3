package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Editors can sign in: managed login for the browser app, USER_PASSWORD_AUTH for scripts. */
class EditorsTest {

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void eachStageHasAManagedLoginPrefixDomainOfItsOwn() {
        String pool = TemplateJson.logicalId(dev, "AWS::Cognito::UserPool");
        dev.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
        dev.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of(
                "UserPoolId", Map.of("Ref", pool),
                "Domain", "broadsheet-dev-" + SynthesizedApp.ENV.getAccount(),
                "ManagedLoginVersion", 2));
        prod.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of(
                "Domain", "broadsheet-prod-" + SynthesizedApp.ENV.getAccount()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void browserAppClientUsesTheCodeGrantWithoutSecretAndReturnsToTheSitesAdminPages() {
        Map<String, Object> app = TemplateJson.properties(dev, "AWS::Cognito::UserPoolClient", "EditorClient");
        assertThat(app)
                .containsEntry("GenerateSecret", false)
                .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("SupportedIdentityProviders", List.of("COGNITO"));
        assertThat((List<String>) app.get("AllowedOAuthScopes")).containsExactlyInAnyOrder("openid", "email", "profile");
        String distribution = TemplateJson.logicalId(dev, "AWS::CloudFront::Distribution");
        Map<String, Object> siteHost = Map.of("Fn::GetAtt", List.of(distribution, "DomainName"));
        assertThat(app.get("CallbackURLs")).isEqualTo(List.of(Map.of("Fn::Join", List.of("",
                List.of("https://", siteHost, "/admin/callback/")))));
        assertThat(app.get("LogoutURLs")).isEqualTo(List.of(Map.of("Fn::Join", List.of("",
                List.of("https://", siteHost, "/admin/")))));
        assertThat(TemplateJson.json(app.get("ExplicitAuthFlows"))).doesNotContain("USER_PASSWORD");
    }

    @Test
    void browserAppClientHasTheDefaultManagedLoginStyle() {
        dev.hasResourceProperties("AWS::Cognito::ManagedLoginBranding", Map.of(
                "UserPoolId", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::Cognito::UserPool")),
                "ClientId", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::Cognito::UserPoolClient", "EditorClient")),
                "UseCognitoProvidedValues", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandLineClientSignsInWithUserAndPasswordAndNoOAuth() {
        Map<String, Object> cli = TemplateJson.properties(dev, "AWS::Cognito::UserPoolClient", "CliClient");
        assertThat(cli).containsEntry("GenerateSecret", false)
                .doesNotContainKey("AllowedOAuthFlows")
                .doesNotContainKey("CallbackURLs");
        assertThat(cli.get("AllowedOAuthFlowsUserPoolClient")).isIn(null, false);
        assertThat((List<String>) cli.get("ExplicitAuthFlows"))
                .containsExactlyInAnyOrder("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    }

    @Test
    void editorsAndContributorsGroupsExist() {
        Map<String, Object> pool = Map.of("Ref", TemplateJson.logicalId(dev, "AWS::Cognito::UserPool"));
        dev.resourceCountIs("AWS::Cognito::UserPoolGroup", 2);
        dev.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "editors", "UserPoolId", pool));
        dev.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "contributors", "UserPoolId", pool));
    }

    @Test
    void passwordsNeedFourteenCharactersOfEveryClass() {
        dev.hasResourceProperties("AWS::Cognito::UserPool", Map.of("Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of(
                "MinimumLength", 14,
                "RequireLowercase", true,
                "RequireUppercase", true,
                "RequireNumbers", true,
                "RequireSymbols", true)))));
    }

    @Test
    void threatProtectionBlocksRiskySignInsOnThePlusPlan() {
        for (Template site : List.of(dev, prod)) {
            site.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                    "UserPoolTier", "PLUS",
                    "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED")));
        }
    }
}
