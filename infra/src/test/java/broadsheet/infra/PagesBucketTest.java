package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PagesBucketTest {

    private final Template dev = SynthesizedApp.dev().site();
    private final Template prod = SynthesizedApp.prod().site();

    @Test
    void bucketIsPrivateEncryptedAndVersioned() {
        // pages, logs, publish failures and the editor app's own bucket (EditorAppTest)
        dev.resourceCountIs("AWS::S3::Bucket", 4);
        assertThat(TemplateJson.properties(dev, "AWS::S3::Bucket", "PagesBucket")).containsAllEntriesOf(Map.of(
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
    }

    @Test
    void pageBucketAndDistributionLogIntoThePrivateLogsBucketForAsLongAsFunctionsLog() {
        String logs = TemplateJson.logicalId(dev, "AWS::S3::Bucket", "PagesLogs");
        assertThat(TemplateJson.properties(dev, "AWS::S3::Bucket", "PagesBucket")).containsEntry("LoggingConfiguration",
                Map.of("DestinationBucketName", Map.of("Ref", logs), "LogFilePrefix", "s3/pages/"));
        dev.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "Logging", Map.of(
                        "Bucket", Map.of("Fn::GetAtt", List.of(logs, "RegionalDomainName")),
                        "Prefix", "cloudfront/")))));
        for (var stage : List.of(Map.entry(dev, 14), Map.entry(prod, 90))) {
            String id = TemplateJson.logicalId(stage.getKey(), "AWS::S3::Bucket", "PagesLogs");
            assertThat(TemplateJson.json(TemplateJson.properties(stage.getKey(), "AWS::S3::Bucket", "PagesLogs")))
                    .as(id)
                    .contains("\"BlockPublicAcls\":true", "\"RestrictPublicBuckets\":true", "\"SSEAlgorithm\":\"AES256\"",
                            "\"ExpirationInDays\":" + stage.getValue(), "\"ObjectOwnership\":\"BucketOwnerPreferred\"");
        }
    }

    @Test
    void bucketPolicyDeniesEveryRequestWithoutTls() {
        dev.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "s3:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void onlyThisDistributionMayReadTheBucketThroughOriginAccessControl() {
        // one for each bucket origin: pages and the editor app (EditorAppTest)
        dev.resourceCountIs("AWS::CloudFront::OriginAccessControl", 2);
        dev.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of(
                "OriginAccessControlConfig", Match.objectLike(Map.of(
                        "OriginAccessControlOriginType", "s3",
                        "SigningBehavior", "always",
                        "SigningProtocol", "sigv4"))));
        Map<String, Object> allow = TemplateJson.statements(dev, "AWS::S3::BucketPolicy").stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .filter(statement -> TemplateJson.json(statement.get("Resource")).contains("PagesBucket"))
                .findFirst().orElseThrow();
        assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
        assertThat(TemplateJson.strings(allow.get("Action"))).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
        assertThat(TemplateJson.json(allow.get("Condition")))
                .contains("AWS:SourceArn")
                .contains(TemplateJson.logicalId(dev, "AWS::CloudFront::Distribution"));
    }

    @Test
    void prodBucketIsRetainedDevBucketIsNot() {
        assertThat(prod.findResources("AWS::S3::Bucket").values()).allSatisfy(
                bucket -> assertThat(bucket).containsEntry("DeletionPolicy", "Retain"));
        assertThat(dev.findResources("AWS::S3::Bucket").values()).allSatisfy(
                bucket -> assertThat(bucket).containsEntry("DeletionPolicy", "Delete"));
    }

    @Test
    void oldVersionsLoneDeleteMarkersAndAbandonedUploadsExpire() {
        assertThat(TemplateJson.properties(dev, "AWS::S3::Bucket", "PagesBucket"))
                .containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"));
        dev.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Status", "Enabled",
                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30),
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7))),
                        Match.objectLike(Map.of(
                                "Status", "Enabled",
                                "ExpiredObjectDeleteMarker", true)))))));
    }
}
