package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;

class StagesTest {

    @Test
    void stageContextChoosesTheStackAndItsSettings() {
        assertThat(SynthesizedApp.dev().stacks().site().getStackName()).isEqualTo("Broadsheet-dev");
        assertThat(SynthesizedApp.prod().stacks().site().getStackName()).isEqualTo("Broadsheet-prod");
        assertThat(SynthesizedApp.dev().stacks().ci().getStackName()).isEqualTo("BroadsheetCiStack");
        assertThat(StageSettings.named("PROD").name()).isEqualTo("prod");
        assertThat(StageSettings.named("PROD").production()).isTrue();
        assertThat(StageSettings.named("dev").production()).isFalse();
    }

    @Test
    void unknownStageIsRejected() {
        assertThatThrownBy(() -> StageSettings.named("staging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staging");
    }

    @Test
    void missingFunctionsJarFailsWithTheBuildCommand(@TempDir Path dir) {
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.put("functionsJar", dir.resolve("broadsheet-functions.jar").toString());
        App app = new App(AppProps.builder().context(context).build());
        assertThatThrownBy(() -> BroadsheetApp.define(app, SynthesizedApp.ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mvn -B -pl functions/lambda -am package");
    }

    @Test
    void stackOutputsTheSiteApiAndUserPoolIdentifiers() {
        var site = SynthesizedApp.dev().site();
        site.hasOutput("SiteUrl", Map.of("Value", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
                List.of("https://")))))));
        site.hasOutput("ApiUrl", Map.of("Value", Match.anyValue()));
        site.hasOutput("UserPoolId", Map.of("Value", Map.of("Ref", TemplateJson.logicalId(site, "AWS::Cognito::UserPool"))));
        site.hasOutput("UserPoolClientId", Map.of("Value",
                Map.of("Ref", TemplateJson.logicalId(site, "AWS::Cognito::UserPoolClient", "EditorClient"))));
        site.hasOutput("CliClientId", Map.of("Value",
                Map.of("Ref", TemplateJson.logicalId(site, "AWS::Cognito::UserPoolClient", "CliClient"))));
        assertThat(TemplateJson.json(site.findOutputs("ManagedLoginUrl")))
                .contains(".auth.", ".amazoncognito.com/login?client_id=", "response_type=code", "/admin/callback");
        assertThat(TemplateJson.json(site.findOutputs("ApiUrl"))).contains("ApiEndpoint", "/api/");
    }

    @Test
    void synthesisLeavesNoUnacknowledgedWarningsOrErrors() {
        for (SynthesizedApp app : List.of(SynthesizedApp.dev(), SynthesizedApp.prod())) {
            for (var annotations : List.of(app.siteAnnotations(), app.ciAnnotations())) {
                annotations.hasNoWarning("*", Match.stringLikeRegexp(".*"));
                annotations.hasNoError("*", Match.stringLikeRegexp(".*"));
                assertThat(annotations.findWarning("*", Match.anyValue())).isEmpty();
                assertThat(annotations.findError("*", Match.anyValue())).isEmpty();
            }
        }
    }
}
