package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SiteDistributionTest {

    /** Ids of CloudFront's managed policies. */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private final Template dev = SynthesizedApp.dev().site();

    @SuppressWarnings("unchecked")
    private Map<String, Object> config() {
        return (Map<String, Object>) TemplateJson.properties(TemplateJson.only(dev, "AWS::CloudFront::Distribution"))
                .get("DistributionConfig");
    }

    @Test
    void servesTheBucketThroughOriginAccessControlWithCompressionHttp2AndHttp3() {
        dev.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "HttpVersion", "http2and3",
                "DefaultRootObject", "index.html",
                "Origins", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "DomainName", Map.of("Fn::GetAtt", List.of(TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PagesBucket"), "RegionalDomainName")),
                        // the pages bucket is the first origin (the editor app's bucket has one of its own: EditorAppTest)
                        "OriginAccessControlId", Map.of("Fn::GetAtt", List.of(
                                TemplateJson.logicalId(dev, "AWS::CloudFront::OriginAccessControl", "Origin1S3"), "Id")))))),
                "DefaultCacheBehavior", Match.objectLike(Map.of(
                        "ViewerProtocolPolicy", "redirect-to-https",
                        "CachePolicyId", CACHING_OPTIMIZED,
                        "Compress", true,
                        "AllowedMethods", List.of("GET", "HEAD")))))));
    }

    @Test
    void prettyUrlFunctionRunsOnEveryViewerRequestForPages() {
        dev.hasResourceProperties("AWS::CloudFront::Function", Map.of(
                "AutoPublish", true,
                "FunctionConfig", Match.objectLike(Map.of("Runtime", "cloudfront-js-2.0")),
                "FunctionCode", SiteDistribution.prettyUrlsSource()));
        dev.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "DefaultCacheBehavior", Match.objectLike(Map.of("FunctionAssociations", List.of(Map.of(
                        "EventType", "viewer-request",
                        "FunctionARN", Map.of("Fn::GetAtt", List.of(
                                TemplateJson.logicalId(dev, "AWS::CloudFront::Function", "PrettyUrls"), "FunctionARN"))))))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiBehaviourForwardsEveryMethodAndAuthorizationWithoutCaching() {
        List<Map<String, Object>> behaviours = (List<Map<String, Object>>) config().get("CacheBehaviors");
        // /api/* and the editor app's /admin/* (EditorAppTest)
        assertThat(behaviours).extracting(b -> b.get("PathPattern")).containsExactlyInAnyOrder("/api/*", EditorApp.PATH_PATTERN);
        Map<String, Object> api = behaviours.stream().filter(b -> "/api/*".equals(b.get("PathPattern"))).findFirst().orElseThrow();
        assertThat(api).containsEntry("PathPattern", "/api/*")
                .containsEntry("CachePolicyId", CACHING_DISABLED)
                .containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER)
                .containsEntry("ViewerProtocolPolicy", "https-only")
                .doesNotContainKey("FunctionAssociations");
        assertThat((List<String>) api.get("AllowedMethods"))
                .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");

        Map<String, Object> origin = ((List<Map<String, Object>>) config().get("Origins")).stream()
                .filter(o -> api.get("TargetOriginId").equals(o.get("Id")))
                .findFirst().orElseThrow();
        assertThat(origin).containsEntry("CustomOriginConfig",
                Map.of("OriginProtocolPolicy", "https-only", "OriginSSLProtocols", List.of("TLSv1.2")));
        assertThat(TemplateJson.json(origin.get("DomainName")))
                .contains(TemplateJson.logicalId(dev, "AWS::ApiGatewayV2::Api"))
                .contains("ApiEndpoint");
    }

    @Test
    void missingPagesGetThe404PageWithStatus404() {
        dev.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "CustomErrorResponses", List.of(Map.of(
                        "ErrorCode", 404,
                        "ResponseCode", 404,
                        "ResponsePagePath", "/404.html",
                        "ErrorCachingMinTTL", 60))))));
    }

    @Test
    void pagesAndApiSendTheSiteSecurityHeaders() {
        dev.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of("SecurityHeadersConfig", Map.of(
                        "StrictTransportSecurity", Map.of(
                                "AccessControlMaxAgeSec", 63_072_000, "IncludeSubdomains", true, "Override", true),
                        "ContentSecurityPolicy", Map.of(
                                "ContentSecurityPolicy", SiteDistribution.CONTENT_SECURITY_POLICY, "Override", true),
                        "ContentTypeOptions", Map.of("Override", true),
                        "ReferrerPolicy", Map.of("ReferrerPolicy", "strict-origin-when-cross-origin", "Override", true),
                        "FrameOptions", Map.of("FrameOption", "DENY", "Override", true))))));
        Map<String, Object> headersRef = Map.of("Ref", TemplateJson.logicalId(dev, "AWS::CloudFront::ResponseHeadersPolicy", "SiteSecurityHeaders"));
        assertThat(config().get("DefaultCacheBehavior"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("ResponseHeadersPolicyId", headersRef);
        assertThat(config().get("CacheBehaviors"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .filteredOn(behaviour -> !EditorApp.PATH_PATTERN.equals(((Map<?, ?>) behaviour).get("PathPattern")))
                .singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("ResponseHeadersPolicyId", headersRef);
        assertThat(SiteDistribution.CONTENT_SECURITY_POLICY)
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
    }

    @Test
    void internalObjectMetadataHeadersNeverReachReaders() {
        dev.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of("RemoveHeadersConfig", Map.of(
                        "Items", Match.arrayEquals(List.of(
                                Map.of("Header", "x-amz-meta-revision"),
                                Map.of("Header", "x-amz-meta-sha256"),
                                Map.of("Header", "x-amz-meta-redirect-location"))))))));
    }
}
