package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EditorApiTest {

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void jwtAuthorizerTrustsTheEditorUserPoolAndBothItsClients() {
        dev.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        dev.resourceCountIs("AWS::Cognito::UserPoolClient", 2);
        String pool = TemplateJson.logicalId(dev, "AWS::Cognito::UserPool");
        String app = TemplateJson.logicalId(dev, "AWS::Cognito::UserPoolClient", "EditorClient");
        String cli = TemplateJson.logicalId(dev, "AWS::Cognito::UserPoolClient", "CliClient");
        dev.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of(
                        "Audience", List.of(Map.of("Ref", app), Map.of("Ref", cli)),
                        "Issuer", Map.of("Fn::Join", List.of("", List.of(
                                "https://cognito-idp." + SynthesizedApp.ENV.getRegion() + ".amazonaws.com/",
                                Map.of("Ref", pool)))))));
    }

    @Test
    void userPoolHasTheEditorsGroupAndNoSelfSignUp() {
        dev.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of(
                "GroupName", "editors",
                "UserPoolId", Map.of("Ref", TemplateJson.logicalId(dev, "AWS::Cognito::UserPool"))));
        dev.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true)));
        assertThat(dev.findResources("AWS::Cognito::UserPoolClient").values()).allSatisfy(client ->
                assertThat(TemplateJson.properties(client))
                        .containsEntry("GenerateSecret", false)
                        .containsEntry("PreventUserExistenceErrors", "ENABLED"));
        prod.hasResource("AWS::Cognito::UserPool", Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtection", "ACTIVE")),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void exactlyTheArticleRoutesExistAndEachRequiresTheJwtAuthorizer() {
        String authorizer = TemplateJson.logicalId(dev, "AWS::ApiGatewayV2::Authorizer");
        Map<String, Map<String, Object>> routes = dev.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes.values()).map(route -> TemplateJson.properties(route).get("RouteKey"))
                .containsExactlyInAnyOrder(
                        "POST /api/articles",
                        "GET /api/articles",
                        "GET /api/articles/{slug}",
                        "PUT /api/articles/{slug}",
                        "DELETE /api/articles/{slug}",
                        "GET /api/articles/{slug}/preview",
                        "GET /api/articles/{slug}/revisions",
                        "GET /api/articles/{slug}/revisions/{version}",
                        "POST /api/articles/{slug}/revisions/{version}/restore",
                        "POST /api/media");
        assertThat(routes.values()).allSatisfy(route -> assertThat(TemplateJson.properties(route))
                .containsEntry("AuthorizationType", "JWT")
                .containsEntry("AuthorizerId", Map.of("Ref", authorizer)));
    }

    @Test
    void routesGoToTheApiFunctionsLiveAlias() {
        dev.resourceCountIs("AWS::ApiGatewayV2::Integration", 1);
        dev.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY",
                "PayloadFormatVersion", "2.0",
                "IntegrationUri", Map.of("Ref", TemplateJson.aliasOf(dev, "broadsheet.lambda.http.ApiHandler::handleRequest"))));
    }

    @Test
    void defaultStageThrottlesAndWritesJsonAccessLogs() {
        dev.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        dev.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of(
                        "ThrottlingRateLimit", StageSettings.dev().apiRateLimit(),
                        "ThrottlingBurstLimit", StageSettings.dev().apiBurstLimit()),
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp("^\\{\"requestId\":.*\\}$")))));
        prod.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "DefaultRouteSettings", Map.of(
                        "ThrottlingRateLimit", StageSettings.prod().apiRateLimit(),
                        "ThrottlingBurstLimit", StageSettings.prod().apiBurstLimit())));
    }
}
