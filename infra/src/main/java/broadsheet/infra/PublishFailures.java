package broadsheet.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where the publisher's stream mapping puts the batches it gave up on, kept long after the
 * stream's own 24 hours: an S3 bucket as the mapping's on-failure destination. Unlike an SQS or
 * SNS destination, which receives only the batch's shard and sequence numbers, an S3 destination
 * receives the whole invocation record with the batch's stream records ({@code payload}), so the
 * failed articles can be published again ({@code infra/bin/replay-failed}) when the stream has
 * long dropped them. Private, SSE-S3, TLS 1.2 or later only, access logs into the logs bucket,
 * objects kept {@value #RETENTION_DAYS} days.
 *
 * <p>Every object created sends an S3 event notification to the notices queue, whose arrivals
 * the {@code PublishFailures} alarm watches. The notification is set on the bucket itself (no
 * custom resource): the bucket has a fixed name, so the queue policy can name it without a
 * reference, and the bucket is created after that policy, which S3 checks when the notification
 * is set.
 */
public final class PublishFailures extends Construct {

    /** Days a discarded batch is kept for replay: the issue asks for two weeks or more. */
    public static final int RETENTION_DAYS = 30;
    /** Key prefix of the bucket's access logs in the logs bucket. */
    public static final String LOG_PREFIX = "s3/publish-failures/";

    private final Bucket bucket;
    private final Queue notices;

    public PublishFailures(Construct scope, String id, StageSettings stage, PagesBucket pages) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String name = bucketName(stage.name(), stack.getAccount(), stack.getRegion());
        this.notices = Queue.Builder.create(this, "Notices")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        notices.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowNoticesOfTheFailuresBucket")
                .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(notices.getQueueArn()))
                .conditions(Map.of(
                        "ArnEquals", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":s3:::" + name),
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                .build());
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .bucketName(name)
                .serverAccessLogsBucket(pages.logs())
                .serverAccessLogsPrefix(LOG_PREFIX)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-discarded-batches")
                        .expiration(Duration.days(RETENTION_DAYS))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        CfnBucket resource = (CfnBucket) bucket.getNode().getDefaultChild();
        resource.setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .queueConfigurations(List.of(CfnBucket.QueueConfigurationProperty.builder()
                        .event("s3:ObjectCreated:*")
                        .queue(notices.getQueueArn())
                        .build()))
                .build());
        resource.getNode().addDependency(notices);
    }

    /**
     * The bucket's name, fixed so the queue policy can name it (bucket names are global: the
     * account and region make it this deployment's own).
     */
    public static String bucketName(String stage, String account, String region) {
        return "broadsheet-" + stage + "-publish-failures-" + account + "-" + region;
    }

    public Bucket bucket() {
        return bucket;
    }

    /** One message per failure object created: what the alarm counts. */
    public Queue notices() {
        return notices;
    }
}
