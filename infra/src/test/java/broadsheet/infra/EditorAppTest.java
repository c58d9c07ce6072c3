package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor app in AWS: its bucket behind {@code /admin/*} on the site's distribution, the
 * deployment of the build output with a {@code config.json} generated from the constructs, and
 * the app's own security headers.
 */
class EditorAppTest {

    /** AWS's managed cache policy CachingOptimized (no query string, no cookie, gzip and brotli). */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String DOMAIN = "news.example.com";
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MARKER = Pattern.compile("<<marker:0xbaba:\\d+>>");

    private final SynthesizedApp dev = SynthesizedApp.dev();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig(Template site) {
        return (Map<String, Object>) TemplateJson.properties(TemplateJson.only(site, "AWS::CloudFront::Distribution"))
                .get("DistributionConfig");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> adminBehaviour(Template site) {
        return ((List<Map<String, Object>>) distributionConfig(site).get("CacheBehaviors")).stream()
                .filter(behaviour -> EditorApp.PATH_PATTERN.equals(behaviour.get("PathPattern")))
                .findFirst().orElseThrow(() -> new AssertionError("no behaviour for " + EditorApp.PATH_PATTERN));
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminPathsAreServedFromTheAppsOwnBucketThroughOriginAccessControl() {
        Template site = dev.site();
        Map<String, Object> behaviour = adminBehaviour(site);
        assertThat(behaviour)
                .containsEntry("AllowedMethods", List.of("GET", "HEAD"))
                .containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("CachePolicyId", CACHING_OPTIMIZED)
                .containsEntry("Compress", true)
                .containsEntry("ResponseHeadersPolicyId",
                        Map.of("Ref", TemplateJson.logicalId(site, "AWS::CloudFront::ResponseHeadersPolicy", "EditorApp")))
                .containsEntry("FunctionAssociations", List.of(Map.of("EventType", "viewer-request", "FunctionARN",
                        Map.of("Fn::GetAtt", List.of(TemplateJson.logicalId(site, "AWS::CloudFront::Function", "EditorAppRoutes"),
                                "FunctionARN")))));
        Map<String, Object> origin = ((List<Map<String, Object>>) distributionConfig(site).get("Origins")).stream()
                .filter(o -> o.get("Id").equals(behaviour.get("TargetOriginId")))
                .findFirst().orElseThrow();
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "EditorAppBucket");
        assertThat(origin.get("DomainName")).isEqualTo(Map.of("Fn::GetAtt", List.of(bucket, "RegionalDomainName")));
        assertThat(origin).containsKey("OriginAccessControlId");
        // the pages stay the default behaviour's, and the API keeps its own
        assertThat(TemplateJson.json(distributionConfig(site).get("DefaultCacheBehavior")))
                .doesNotContain(bucket).contains("PrettyUrls");
        assertThat(((List<Map<String, Object>>) distributionConfig(site).get("CacheBehaviors")))
                .extracting(b -> b.get("PathPattern")).containsExactlyInAnyOrder("/api/*", "/admin/*");
    }

    @Test
    void appBucketIsPrivateEncryptedLoggedAndReadByThisDistributionOnly() {
        Template site = dev.site();
        String bucket = TemplateJson.logicalId(site, "AWS::S3::Bucket", "EditorAppBucket");
        Map<String, Object> properties = TemplateJson.properties(site, "AWS::S3::Bucket", "EditorAppBucket");
        assertThat(TemplateJson.json(properties)).contains("\"BlockPublicAcls\":true", "\"RestrictPublicBuckets\":true",
                "\"SSEAlgorithm\":\"AES256\"", "\"ObjectOwnership\":\"BucketOwnerEnforced\"");
        assertThat(properties.get("LoggingConfiguration")).isEqualTo(Map.of(
                "DestinationBucketName", Map.of("Ref", TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesLogs")),
                "LogFilePrefix", EditorApp.BUCKET_LOG_PREFIX));
        List<Map<String, Object>> allows = TemplateJson.statements(site, "AWS::S3::BucketPolicy").stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .filter(statement -> TemplateJson.json(statement.get("Resource")).contains(bucket))
                .toList();
        assertThat(allows).hasSize(1);
        assertThat(allows.get(0).get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
        assertThat(TemplateJson.strings(allows.get(0).get("Action"))).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
        assertThat(TemplateJson.json(allows.get(0).get("Condition")))
                .contains("AWS:SourceArn", TemplateJson.logicalId(site, "AWS::CloudFront::Distribution"));
        // no function role may write the app: only the deployment's role names the bucket
        for (Map.Entry<String, Map<String, Object>> role : site.findResources("AWS::IAM::Role").entrySet()) {
            if (!role.getKey().contains("EditorAppDeploymentRole")) {
                assertThat(TemplateJson.json(role.getValue())).as(role.getKey()).doesNotContain(bucket);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void appHeadersForbidInlineScriptFramingAndEveryThirdPartyButTheSignInOrigins() {
        Template site = dev.site();
        Map<String, Object> policy = TemplateJson.properties(site, "AWS::CloudFront::ResponseHeadersPolicy", "EditorApp");
        String domain = TemplateJson.logicalId(site, "AWS::Cognito::UserPoolDomain");
        Map<String, Object> csp = Map.of("Fn::Join", List.of("", List.of(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://",
                Map.of("Fn::GetAtt", List.of(TemplateJson.logicalId(site, "AWS::S3::Bucket", "PagesBucket"), "RegionalDomainName")),
                " https://cognito-idp.eu-west-1.amazonaws.com https://",
                Map.of("Ref", domain),
                ".auth.eu-west-1.amazoncognito.com; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")));
        Map<String, Object> security = (Map<String, Object>) ((Map<String, Object>) policy.get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig");
        assertThat(security.get("ContentSecurityPolicy")).isEqualTo(Map.of("ContentSecurityPolicy", csp, "Override", true));
        assertThat(TemplateJson.json(policy)).contains("\"FrameOption\":\"DENY\"", "\"ReferrerPolicy\":\"no-referrer\"", "\"AccessControlMaxAgeSec\":63072000",
                "\"ContentTypeOptions\":{\"Override\":true}");
        assertThat(EditorApp.contentSecurityPolicy("https://bucket.example", "https://issuer.example", "https://auth.example"))
                .doesNotContain("unsafe-inline", "unsafe-eval", "*")
                .contains("script-src 'self';", "frame-ancestors 'none'",
                        "connect-src 'self' https://bucket.example https://issuer.example https://auth.example;");
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploymentWritesTheBuildAndConfigUnderAdminWithoutCachingAndOwnsTheWholeBucket() throws IOException {
        Template site = dev.site();
        Map<String, Object> deployment = TemplateJson.properties(TemplateJson.only(site, "Custom::CDKBucketDeployment"));
        assertThat(deployment)
                .containsEntry("DestinationBucketName", Map.of("Ref", TemplateJson.logicalId(site, "AWS::S3::Bucket", "EditorAppBucket")))
                .containsEntry("DestinationBucketKeyPrefix", EditorApp.KEY_PREFIX)
                .containsEntry("SystemMetadata", Map.of("cache-control", "no-cache"))
                .containsEntry("RetainOnDelete", true);
        assertThat(deployment).containsEntry("Prune", true);
        assertThat((List<Object>) deployment.get("SourceObjectKeys")).hasSize(2);
        // the build output goes as it is
        Path app = assetDirectory(dev, (String) ((List<Object>) deployment.get("SourceObjectKeys")).get(0));
        for (String file : EditorApp.REQUIRED_FILES) {
            assertThat(app.resolve(file)).isRegularFile();
        }
        // the handler logs into a retained group of ours with the stage's retention
        Map<String, Object> handler = TemplateJson.properties(site.findResources("AWS::Lambda::Function").entrySet().stream()
                .filter(f -> "index.handler".equals(TemplateJson.properties(f.getValue()).get("Handler")))
                .findFirst().orElseThrow().getValue());
        assertThat(handler.get("Role")).isEqualTo(Map.of("Fn::GetAtt",
                List.of(TemplateJson.logicalId(site, "AWS::IAM::Role", "EditorAppDeploymentRole"), "Arn")));
        String logs = TemplateJson.logicalId(site, "AWS::Logs::LogGroup", "EditorAppDeploymentLogs");
        assertThat(handler.get("LoggingConfig")).isEqualTo(Map.of("LogGroup", Map.of("Ref", logs)));
    }

    @Test
    void configJsonNamesThePoolClientCallbackSignOutEndpointsApiAndSections() throws IOException {
        Template site = dev.site();
        JsonNode config = config(dev);
        String pool = TemplateJson.logicalId(site, "AWS::Cognito::UserPool");
        String client = TemplateJson.logicalId(site, "AWS::Cognito::UserPoolClient", "EditorClient");
        String domain = TemplateJson.logicalId(site, "AWS::Cognito::UserPoolDomain");
        String host = "${" + TemplateJson.logicalId(site, "AWS::CloudFront::Distribution") + ".DomainName}";
        String auth = "https://${" + domain + "}.auth.eu-west-1.amazoncognito.com";
        assertThat(config.get("issuer").asString()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/${" + pool + "}");
        assertThat(config.get("clientId").asString()).isEqualTo("${" + client + "}");
        assertThat(config.get("redirectUri").asString()).isEqualTo("https://" + host + "/admin/callback/");
        assertThat(config.get("logoutUri").asString()).isEqualTo("https://" + host + "/admin/");
        assertThat(config.get("api").asString()).isEqualTo("https://" + host + "/api");
        assertThat(config.get("authDomain").asString()).isEqualTo(auth);
        assertThat(config.get("authorizationEndpoint").asString()).isEqualTo(auth + "/oauth2/authorize");
        assertThat(config.get("tokenEndpoint").asString()).isEqualTo(auth + "/oauth2/token");
        assertThat(config.get("revocationEndpoint").asString()).isEqualTo(auth + "/oauth2/revoke");
        assertThat(config.get("logoutEndpoint").asString()).isEqualTo(auth + "/logout");
        assertThat(config.get("editorGroup").asString()).isEqualTo(Editors.EDITOR_GROUP);
        assertThat(config.get("timeZone").asString()).isEqualTo(EditorApp.NEWSROOM_TIME_ZONE);
        assertThat(config.get("sections").get(0)).isEqualTo(JSON.readTree("{\"slug\":\"world\",\"title\":\"World\"}"));
        assertThat(config.get("sections").size()).isEqualTo(EditorApp.Build.sections(Path.of("../templates/site.json")).size());
        // nothing secret: the client has none, and no value but these
        assertThat(config.propertyNames()).containsExactlyInAnyOrder("issuer", "clientId", "redirectUri", "logoutUri", "api",
                "editorGroup", "timeZone", "sections", "authDomain", "authorizationEndpoint", "tokenEndpoint", "revocationEndpoint", "logoutEndpoint");
    }

    @Test
    void configJsonAndTheClientsUrlsFollowTheStagesOwnDomain() throws IOException {
        SynthesizedApp prod = SynthesizedApp.synthesize("prod", Map.of("siteDomain", DOMAIN, "certificateArn", CERTIFICATE),
                SynthesizedApp.ENV);
        JsonNode config = config(prod);
        assertThat(config.get("redirectUri").asString()).isEqualTo("https://" + DOMAIN + "/admin/callback/");
        assertThat(config.get("logoutUri").asString()).isEqualTo("https://" + DOMAIN + "/admin/");
        assertThat(config.get("api").asString()).isEqualTo("https://" + DOMAIN + "/api");
        Map<String, Object> client = TemplateJson.properties(prod.site(), "AWS::Cognito::UserPoolClient", "EditorClient");
        assertThat(client.get("CallbackURLs")).isEqualTo(List.of(config.get("redirectUri").asString()));
        assertThat(client.get("LogoutURLs")).isEqualTo(List.of(config.get("logoutUri").asString()));
        String domain = TemplateJson.logicalId(prod.site(), "AWS::Cognito::UserPoolDomain");
        assertThat(config.get("tokenEndpoint").asString())
                .isEqualTo("https://${" + domain + "}.auth.eu-west-1.amazoncognito.com/oauth2/token");
        prod.site().hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "broadsheet-prod-123456789012"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void browsersOfTheSiteMayPutPresignedUploadsIntoThePagesBucket() {
        Map<String, Object> dev = TemplateJson.properties(this.dev.site(), "AWS::S3::Bucket", "PagesBucket");
        assertThat(dev.get("CorsConfiguration")).isEqualTo(Map.of("CorsRules", List.of(Map.of(
                "AllowedMethods", List.of("PUT"),
                "AllowedOrigins", List.of(EditorApp.CLOUDFRONT_ORIGINS),
                "AllowedHeaders", List.of("content-type"),
                "MaxAge", 3000))));
        SynthesizedApp prod = SynthesizedApp.synthesize("prod", Map.of("siteDomain", DOMAIN, "certificateArn", CERTIFICATE),
                SynthesizedApp.ENV);
        assertThat(TemplateJson.json(TemplateJson.properties(prod.site(), "AWS::S3::Bucket", "PagesBucket").get("CorsConfiguration")))
                .contains("\"AllowedOrigins\":[\"https://" + DOMAIN + "\"]");
        // no other bucket answers browsers
        for (String bucket : List.of("PagesLogs", "EditorAppBucket")) {
            assertThat(TemplateJson.properties(this.dev.site(), "AWS::S3::Bucket", bucket)).doesNotContainKey("CorsConfiguration");
        }
    }

    @Test
    void stackOutputsTheAppsAddressAndBucket() {
        Template site = dev.site();
        String host = TemplateJson.json(Map.of("Fn::GetAtt", List.of(TemplateJson.logicalId(site, "AWS::CloudFront::Distribution"),
                "DomainName")));
        assertThat(TemplateJson.json(site.findOutputs("EditorAppUrl"))).contains("https://", host, "/admin/");
        site.hasOutput("EditorAppBucketName", Map.of("Value", Map.of("Ref",
                TemplateJson.logicalId(site, "AWS::S3::Bucket", "EditorAppBucket"))));
    }

    @Test
    void aMissingEditorBuildFailsWithTheBuildCommand(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html>", StandardCharsets.UTF_8);
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.put("functionsJar", SynthesizedApp.placeholderJar().toString());
        context.put("editorApp", dir.toString());
        App app = new App(AppProps.builder().context(context).build());
        assertThatThrownBy(() -> BroadsheetApp.define(app, SynthesizedApp.ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no app.js")
                .hasMessageContaining("mvn -B -pl editor -am package");
    }

    /**
     * The deployed {@code config.json}: the asset's file with each of the deployment's markers
     * replaced by its CloudFormation value, written as {@code ${LogicalId}} and
     * {@code ${LogicalId.Attribute}}.
     */
    @SuppressWarnings("unchecked")
    private static JsonNode config(SynthesizedApp app) throws IOException {
        Map<String, Object> deployment = TemplateJson.properties(TemplateJson.only(app.site(), "Custom::CDKBucketDeployment"));
        List<Object> keys = (List<Object>) deployment.get("SourceObjectKeys");
        List<Map<String, Object>> markers = (List<Map<String, Object>>) deployment.get("SourceMarkers");
        for (int i = 0; i < keys.size(); i++) {
            Path file = assetDirectory(app, (String) keys.get(i)).resolve(EditorApp.CONFIG_FILE);
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Map<String, Object> values = markers.get(i);
                Matcher marker = MARKER.matcher(text);
                StringBuilder resolved = new StringBuilder();
                while (marker.find()) {
                    assertThat(values).containsKey(marker.group());
                    marker.appendReplacement(resolved, Matcher.quoteReplacement(render(values.get(marker.group()))));
                }
                marker.appendTail(resolved);
                return JSON.readTree(resolved.toString());
            }
        }
        throw new AssertionError("no source of the deployment holds " + EditorApp.CONFIG_FILE);
    }

    /** A CloudFormation value as text: {@code Fn::Join} of literals, {@code Ref} and {@code Fn::GetAtt}. */
    @SuppressWarnings("unchecked")
    private static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = (Map<String, Object>) value;
        if (intrinsic.containsKey("Ref")) {
            return "${" + intrinsic.get("Ref") + "}";
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<Object> att = (List<Object>) intrinsic.get("Fn::GetAtt");
            return "${" + att.get(0) + "." + att.get(1) + "}";
        }
        List<Object> join = (List<Object>) intrinsic.get("Fn::Join");
        StringBuilder out = new StringBuilder();
        for (Object part : (List<Object>) join.get(1)) {
            out.append(render(part));
        }
        return out.toString();
    }

    private static Path assetDirectory(SynthesizedApp app, String objectKey) {
        App root = (App) app.stacks().site().getNode().getRoot();
        Path outdir = Path.of(root.synth().getDirectory());
        Path asset = outdir.resolve("asset." + objectKey.replaceFirst("\\.zip$", ""));
        assertThat(asset).isDirectory();
        return asset;
    }
}
