package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The optional custom domain: context siteDomain with a hosted zone and/or a certificate ARN. */
class CustomDomainTest {

    private static final String DOMAIN = "news.example.com";
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
    private static final Environment US_EAST_1 = Environment.builder().account("123456789012").region("us-east-1").build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig(Template site) {
        return (Map<String, Object>) TemplateJson.properties(TemplateJson.only(site, "AWS::CloudFront::Distribution"))
                .get("DistributionConfig");
    }

    private static String siteBaseUrl(Template site) {
        return TemplateJson.json(TemplateJson.functionProperties(site, Functions.API_HANDLER).get("Environment"));
    }

    @Test
    void withoutSiteDomainTheSiteIsTheDistributionsOwnDomain() {
        Template site = SynthesizedApp.dev().site();
        assertThat(distributionConfig(site)).doesNotContainKeys("Aliases", "ViewerCertificate");
        site.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        site.resourceCountIs("AWS::Route53::RecordSet", 0);
        assertThat(site.findOutputs(SiteDistribution.DNS_RECORD_OUTPUT)).isEmpty();
        assertThat(siteBaseUrl(site)).contains("\"SITE_BASE_URL\":{\"Fn::Join\":[\"\",[\"https://\",{\"Fn::GetAtt\":[");
    }

    @Test
    void hostedZoneInUsEast1GetsAValidatedCertificateAliasRecordsAndTheSiteUrl() {
        SynthesizedApp app = SynthesizedApp.synthesize("dev", Map.of(
                "siteDomain", DOMAIN, "hostedZoneId", "Z0123456789ABCDEFGHIJ", "hostedZoneName", "example.com"),
                US_EAST_1);
        Template site = app.site();
        app.siteAnnotations().hasNoWarning("*", Match.anyValue());
        app.siteAnnotations().hasNoError("*", Match.anyValue());
        site.hasResourceProperties("AWS::CertificateManager::Certificate", Map.of(
                "DomainName", DOMAIN,
                "ValidationMethod", "DNS",
                "DomainValidationOptions", List.of(Map.of("DomainName", DOMAIN, "HostedZoneId", "Z0123456789ABCDEFGHIJ"))));
        String certificate = TemplateJson.logicalId(site, "AWS::CertificateManager::Certificate");
        assertThat(distributionConfig(site))
                .containsEntry("Aliases", List.of(DOMAIN))
                .containsEntry("ViewerCertificate", Map.of(
                        "AcmCertificateArn", Map.of("Ref", certificate),
                        "MinimumProtocolVersion", "TLSv1.2_2021",
                        "SslSupportMethod", "sni-only"));
        for (String type : List.of("A", "AAAA")) {
            site.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                    "Name", DOMAIN + ".",
                    "Type", type,
                    "HostedZoneId", "Z0123456789ABCDEFGHIJ",
                    "AliasTarget", Match.objectLike(Map.of("DNSName", Map.of("Fn::GetAtt", List.of(
                            TemplateJson.logicalId(site, "AWS::CloudFront::Distribution"), "DomainName"))))));
        }
        assertThat(siteBaseUrl(site)).contains("\"SITE_BASE_URL\":\"https://" + DOMAIN + "\"");
        site.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "CallbackURLs", List.of("https://" + DOMAIN + "/admin/callback/"),
                "LogoutURLs", List.of("https://" + DOMAIN + "/admin/")));
        site.hasOutput("SiteUrl", Map.of("Value", "https://" + DOMAIN + "/"));
        assertThat(site.findOutputs(SiteDistribution.DNS_RECORD_OUTPUT)).isEmpty();
    }

    @Test
    void certificateArnOutsideRoute53PrintsTheRecordToCreate() {
        Template site = SynthesizedApp.synthesize("prod", Map.of("siteDomain", DOMAIN, "certificateArn", CERTIFICATE),
                SynthesizedApp.ENV).site();
        site.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        site.resourceCountIs("AWS::Route53::RecordSet", 0);
        assertThat(distributionConfig(site))
                .containsEntry("Aliases", List.of(DOMAIN))
                .containsEntry("ViewerCertificate", Map.of(
                        "AcmCertificateArn", CERTIFICATE,
                        "MinimumProtocolVersion", "TLSv1.2_2021",
                        "SslSupportMethod", "sni-only"));
        assertThat(TemplateJson.json(site.findOutputs(SiteDistribution.DNS_RECORD_OUTPUT)))
                .contains(DOMAIN + ". CNAME ", "DomainName");
        assertThat(siteBaseUrl(site)).contains("\"SITE_BASE_URL\":\"https://" + DOMAIN + "\"");
    }

    @Test
    void aStackOutsideUsEast1CannotRequestTheCertificateItself() {
        assertThatThrownBy(() -> SynthesizedApp.synthesize("dev", Map.of(
                "siteDomain", DOMAIN, "hostedZoneId", "Z0123456789ABCDEFGHIJ", "hostedZoneName", "example.com"),
                SynthesizedApp.ENV))
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("certificateArn");
    }

    @Test
    void contextIsCheckedBeforeAnythingIsDefined() {
        assertThatThrownBy(() -> new CustomDomain(DOMAIN, Optional.empty(), Optional.empty(),
                Optional.of("arn:aws:acm:eu-west-1:123456789012:certificate/abc")))
                .hasMessageContaining("us-east-1");
        assertThatThrownBy(() -> new CustomDomain(DOMAIN, Optional.of("Z1"), Optional.of("example.org"), Optional.empty()))
                .hasMessageContaining("not in the hosted zone");
        assertThatThrownBy(() -> new CustomDomain(DOMAIN, Optional.of("Z1"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("hostedZoneName");
        assertThatThrownBy(() -> new CustomDomain(DOMAIN, Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("needs a certificate");
        assertThatThrownBy(() -> new CustomDomain("https://news.example.com", Optional.empty(), Optional.empty(),
                Optional.of(CERTIFICATE))).hasMessageContaining("host name");
        assertThatThrownBy(() -> SynthesizedApp.synthesize("dev", Map.of("certificateArn", CERTIFICATE), SynthesizedApp.ENV))
                .hasMessageContaining("siteDomain is not");
    }

    @Test
    void eachStageMayHaveADomainOfItsOwn() {
        Map<String, Object> context = Map.of(
                "prod.siteDomain", DOMAIN, "prod.certificateArn", CERTIFICATE,
                "dev.siteDomain", "dev." + DOMAIN, "dev.certificateArn", CERTIFICATE);
        software.amazon.awscdk.App app = new software.amazon.awscdk.App(
                software.amazon.awscdk.AppProps.builder().context(context).build());
        assertThat(BroadsheetApp.customDomain(app, "prod")).map(CustomDomain::name).contains(DOMAIN);
        assertThat(BroadsheetApp.customDomain(app, "dev")).map(CustomDomain::name).contains("dev." + DOMAIN);
        software.amazon.awscdk.App prodOnly = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .context(Map.of("prod.siteDomain", DOMAIN, "prod.certificateArn", CERTIFICATE)).build());
        assertThat(BroadsheetApp.customDomain(prodOnly, "dev")).isEmpty();
    }
}
