package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions rules over the site stack of each stage (with and without the custom
 * domain) and the CI stack: no error or warning may be left that {@link NagFindingsAccepted} does
 * not name with a reason.
 */
class CdkNagTest {

    @ParameterizedTest(name = "{0}, custom domain {1}")
    @CsvSource({"dev, false", "prod, false", "prod, true"})
    void awsSolutionsChecksLeaveNoUnsuppressedErrorOrWarning(String stage, boolean customDomain) {
        Map<String, Object> context = new HashMap<>();
        // findings stay annotations to read here, rather than failing the synthesis
        context.put("@aws-cdk/core:annotationsInValidationReport", false);
        if (customDomain) {
            context.put("siteDomain", "news.example.com");
            context.put("certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666");
        }
        BroadsheetApp.Stacks stacks = SynthesizedApp.define(stage, context, SynthesizedApp.ENV);
        NagFindingsAccepted.apply(stacks, customDomain);
        Aspects.of(stacks.site().getNode().getScope()).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        SynthesizedApp app = SynthesizedApp.synthesize(stacks);

        List<String> findings = new ArrayList<>();
        for (Annotations annotations : List.of(app.siteAnnotations(), app.ciAnnotations())) {
            for (SynthesisMessage message : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("ERROR " + message.getId() + " " + message.getEntry().getData());
            }
            for (SynthesisMessage message : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("WARN " + message.getId() + " " + message.getEntry().getData());
            }
        }
        assertThat(findings).as("unsuppressed AwsSolutions findings").isEmpty();
    }
}
