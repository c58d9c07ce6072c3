package broadsheet.local.servers;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;

/** Where a test backend listens and how to sign requests for it. */
public record AwsEndpoints(URI dynamoDb, URI s3, Region region, String accessKey, String secretKey) {

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** A DynamoDB client for this backend: its endpoint, region and key pair, over the Apache 5 HTTP client. */
    public DynamoDbClientBuilder dynamoDbClient() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDb)
                .region(region)
                .credentialsProvider(credentials())
                .httpClientBuilder(Apache5HttpClient.builder());
    }

    /** An S3 client for this backend, as {@link #dynamoDbClient()}, addressing buckets by path. */
    public S3ClientBuilder s3Client() {
        return S3Client.builder()
                .endpointOverride(s3)
                .region(region)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder());
    }
}
