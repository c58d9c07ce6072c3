package broadsheet.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The private bucket the publisher renders pages into. Nobody reads it directly: CloudFront
 * reads it through Origin Access Control, the publisher writes it with its own role.
 */
public final class PagesBucket extends Construct {

    /** How long a replaced or deleted page stays restorable as a noncurrent version. */
    public static final Duration NONCURRENT_VERSION_LIFETIME = Duration.days(30);

    /** Key prefixes in the logs bucket. */
    public static final String BUCKET_LOG_PREFIX = "s3/pages/";
    public static final String CDN_LOG_PREFIX = "cloudfront/";

    private final Bucket bucket;
    private final Bucket logs;

    public PagesBucket(Construct scope, String id, StageSettings stage) {
        super(scope, id);
        // Access logs of the page bucket (S3 server access logs) and of the distribution
        // (CloudFront standard logs). CloudFront's standard logs are delivered with a bucket ACL
        // grant, so this bucket keeps ACLs on (owner preferred); it is private all the same.
        this.logs = Bucket.Builder.create(this, "Logs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-logs")
                        .expiration(Duration.days(stage.accessLogDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix(BUCKET_LOG_PREFIX)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-replaced-pages")
                        .noncurrentVersionExpiration(NONCURRENT_VERSION_LIFETIME)
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build(),
                        // a deleted page leaves a delete marker; once its older versions have
                        // expired the marker is alone and S3 removes it
                        LifecycleRule.builder()
                        .id("remove-expired-delete-markers")
                        .expiredObjectDeleteMarker(true)
                        .build()))
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    /** Where the page bucket's and the distribution's access logs go. */
    public Bucket logs() {
        return logs;
    }

    /** The ARN of every object in the bucket: {@code <bucket arn>/*}. */
    public String objectsArn() {
        return bucket.arnForObjects("*");
    }
}
