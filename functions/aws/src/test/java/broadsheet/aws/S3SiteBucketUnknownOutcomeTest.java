package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static broadsheet.core.publish.SiteBucketContract.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional uploads whose outcome the client does not learn, through the url-connection HTTP
 * client the functions use, against s3proxy: they are decided again from the stored revision and
 * hash, as a 412 is.
 */
class S3SiteBucketUnknownOutcomeTest {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private final List<S3Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(S3Client::close);
    }

    private S3Client urlConnectionS3(SdkHttpClient http) {
        AwsEndpoints endpoints = aws.endpoints();
        S3Client s3 = S3Client.builder().httpClient(http).endpointOverride(endpoints.s3()).region(endpoints.region())
                .credentialsProvider(endpoints.credentials()).forcePathStyle(true).build();
        clients.add(s3);
        return s3;
    }

    /** The url-connection client, losing the answers to the first {@code times} PUTs of {@code key}. */
    private static LosingHttpClient losing(String key, int times, boolean reachServer) {
        return new LosingHttpClient(UrlConnectionHttpClient.create(), SdkHttpMethod.PUT, key, times, reachServer);
    }

    private static void assertStored(String key, long revision, String text) {
        SiteBucket.StoredPage stored = new S3SiteBucket(aws.s3(), aws.bucketName()).get(key).orElseThrow();
        assertThat(stored.revision()).isEqualTo(revision);
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void anUploadThatWasStoredButWhoseEveryAnswerWasLostCountsAsDone() {
        // the first attempt is stored; every retry of the SDK then fails its If-None-Match on that
        // very object, and none of the answers reaches the client
        LosingHttpClient http = losing("world/index.html", 4, true);
        S3SiteBucket bucket = new S3SiteBucket(urlConnectionS3(http), aws.bucketName());

        assertThat(bucket.put(page("world/index.html", "<p>revision 3</p>"), 3)).isTrue();

        assertThat(http.lost()).isEqualTo(4);
        assertStored("world/index.html", 3, "<p>revision 3</p>");
        assertThat(bucket.putCount()).isEqualTo(1);
    }

    @Test
    void aRefusedUploadWhoseAnswerWasLostIsDecidedAgainAndLeavesTheNewerPage() {
        S3SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>revision 1</p>"), 1);
        // a newer page lands between this bucket's HeadObject and its PutObject; s3proxy refuses
        // the upload with 412, which the client never sees (as when s3proxy answers an aws-chunked
        // upload before the url-connection client has written all of it)
        LosingHttpClient http = losing("index.html", 4, true);
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(urlConnectionS3(http),
                () -> other.put(page("index.html", "<p>revision 9</p>"), 9)), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>revision 5</p>"), 5)).isFalse();

        assertThat(http.lost()).isEqualTo(4);
        assertStored("index.html", 9, "<p>revision 9</p>");
        assertThat(racing.putCount()).isZero();
    }

    @Test
    void aRevisionRaiseWhoseAnswerWasLostIsReadAgain() {
        S3SiteBucket writer = new S3SiteBucket(aws.s3(), aws.bucketName());
        writer.put(page("world/a/index.html", "<p>same</p>"), 1);
        LosingHttpClient http = losing("world/a/index.html", 4, true);
        S3SiteBucket raising = new S3SiteBucket(urlConnectionS3(http), aws.bucketName());

        assertThat(raising.put(page("world/a/index.html", "<p>same</p>"), 4)).isFalse();

        assertThat(http.lost()).isPositive();
        assertStored("world/a/index.html", 4, "<p>same</p>");
    }

    @Test
    void anUploadThatNeverReachesTheServerFailsAfterABoundedNumberOfTries() {
        LosingHttpClient http = losing("world/index.html", Integer.MAX_VALUE, false);
        S3SiteBucket bucket = new S3SiteBucket(urlConnectionS3(http), aws.bucketName());

        assertThatThrownBy(() -> bucket.put(page("world/index.html", "<p>revision 3</p>"), 3))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Error writing request body to server");

        assertThat(http.lost()).isEqualTo(S3SiteBucket.MAX_UNKNOWN_OUTCOMES * 4);
        assertThat(new S3SiteBucket(aws.s3(), aws.bucketName()).get("world/index.html")).isEmpty();
    }
}
