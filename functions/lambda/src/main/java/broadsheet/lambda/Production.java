package broadsheet.lambda;

import broadsheet.aws.CloudFrontEdgeCache;
import broadsheet.aws.EventBridgePublishSchedule;
import broadsheet.aws.S3UploadSigner;
import broadsheet.core.publish.EdgeCache;
import broadsheet.core.schedule.PublishSchedule;
import broadsheet.core.site.SiteConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The production clients of one function container, each built at its first use, and the
 * configuration of this deployment, as the parts {@link Wiring} builds the functions from.
 */
final class Production {
    private final Config config;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Optional<AwsCredentialsProvider> credentials;

    Production(Config config) {
        this.config = config;
        this.credentials = switch (config.sdk().credentials()) {
            case ENVIRONMENT -> Optional.of(EnvironmentVariableCredentialsProvider.create());
            case CONTAINER -> Optional.of(ContainerCredentialsProvider.builder().build());
            case DEFAULT_CHAIN -> Optional.empty();
        };
    }

    Wiring.Builder parts() {
        Wiring.Builder parts = new Wiring.Builder(new Lazy<>(() -> sync(DynamoDbClient.builder()).build()),
                new Lazy<>(() -> sync(S3Client.builder()).forcePathStyle(config.s3PathStyle()).build()),
                config.tableName(), config.bucketName());
        parts.site = () -> SiteConfig.load().withBaseUrl(config.siteBaseUrl());
        parts.editors = config.editorPolicy();
        parts.uploads = Optional.of(new Lazy<>(() -> new S3UploadSigner(presigner(), config.bucketName(),
                signingCredentials(), Clock.systemUTC())));
        // credentials are resolved at the first invalidation, not while the function starts
        parts.edge = () -> config.distributionId()
                .<EdgeCache>map(id -> new CloudFrontEdgeCache(http,
                        signingCredentials(),
                        CloudFrontEdgeCache.ENDPOINT, id))
                .orElse(EdgeCache.NONE);
        parts.schedule = () -> config.schedules()
                .<PublishSchedule>map(target -> new EventBridgePublishSchedule(sync(SchedulerClient.builder()).build(), target))
                .orElse(PublishSchedule.NONE);
        parts.sqs = Optional.of(new Lazy<>(new Supplier<SqsClient>() {
            // A class, not a lambda: linking a lambda returning SqsClient loads SqsClient while
            // wiring, and broadsheet-functions.jar (API, publisher, schedule) ships without SQS.
            @Override
            public SqsClient get() {
                return sync(SqsClient.builder()).build();
            }
        }));
        parts.rebuildQueueUrl = config.rebuildQueueUrl();
        parts.failuresBucket = config.failuresBucket();
        return parts;
    }

    /** The credentials that sign for this function: those the environment names, else the SDK's chain. */
    private AwsCredentialsProvider signingCredentials() {
        return credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.s3PathStyle()).build());
        config.sdk().region().map(Region::of).ifPresent(builder::region);
        credentials.ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B sync(B builder) {
        builder.httpClient(http);
        config.sdk().region().map(Region::of).ifPresent(builder::region);
        credentials.ifPresent(builder::credentialsProvider);
        return builder;
    }
}
