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

    private final Bucket bucket;

    public PagesBucket(Construct scope, String id, StageSettings stage) {
        super(scope, id);
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-replaced-pages")
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    /** The ARN of every object in the bucket: {@code <bucket arn>/*}. */
    public String objectsArn() {
        return bucket.arnForObjects("*");
    }
}
