package broadsheet.aws;

import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.SignedUpload;
import broadsheet.local.servers.LocalAwsExtension;
import broadsheet.local.servers.LocalCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Presigned media uploads against s3proxy, uploaded with a plain HTTP client as a browser would. */
class S3UploadSignerTest {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private final S3Presigner presigner = S3Presigner.builder()
            .endpointOverride(aws.endpoints().s3())
            .region(aws.endpoints().region())
            .credentialsProvider(aws.endpoints().credentials())
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        presigner.close();
    }

    private int put(URI url, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void anUploadWithTheSignedTypeAndSizeIsStored() throws Exception {
        byte[] png = "not really a png, but 34 bytes....".getBytes(StandardCharsets.US_ASCII);
        MediaUploads.Upload upload = new MediaUploads.Upload("media/2026/12/abc-harbour.png", "image/png", png.length);
        URI url = new S3UploadSigner(presigner, aws.bucketName()).signPut(upload, Duration.ofMinutes(5)).url();

        assertThat(url.getRawQuery()).contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost",
                "X-Amz-Expires=300");
        assertThat(put(url, "image/png", png)).isEqualTo(200);

        var stored = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucketName()).key(upload.key()));
        assertThat(stored.asByteArray()).isEqualTo(png);
        assertThat(stored.response().contentType()).isEqualTo("image/png");
    }

    @Test
    void anUploadOfAnotherTypeOrSizeIsRefused() throws Exception {
        MediaUploads.Upload upload = new MediaUploads.Upload("media/2026/12/abc-small.png", "image/png", 10);
        URI url = new S3UploadSigner(presigner, aws.bucketName()).signPut(upload, Duration.ofMinutes(5)).url();

        assertThat(put(url, "text/html", new byte[10])).isEqualTo(403);
        assertThat(put(url, "image/png", new byte[11])).isEqualTo(403);
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucketName())).contents()).isEmpty();
    }

    /** A role session's credentials (the local keys, so s3proxy accepts the signature) expiring at {@code expiration}. */
    private static StaticCredentialsProvider session(Instant expiration) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId(LocalCredentials.ACCESS_KEY).secretAccessKey(LocalCredentials.SECRET_KEY)
                .sessionToken("role-session-token").expirationTime(expiration).build());
    }

    @Test
    void aUrlSignedWithSessionCredentialsEndsAMinuteBeforeThemAndSaysSo() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] png = new byte[12];
        MediaUploads.Upload upload = new MediaUploads.Upload("media/2026/12/abc-session.png", "image/png", png.length);
        S3UploadSigner signer = new S3UploadSigner(presigner, aws.bucketName(),
                session(now.plus(Duration.ofMinutes(5))), Clock.fixed(now, ZoneOffset.UTC));

        SignedUpload signed = signer.signPut(upload, Duration.ofMinutes(15));

        assertThat(signed.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(4)));
        assertThat(signed.url().getRawQuery()).contains("X-Amz-Expires=240", "X-Amz-Security-Token=role-session-token");
        assertThat(put(signed.url(), "image/png", png)).as("signed with the session's own credentials").isEqualTo(200);
    }

    @Test
    void sessionCredentialsThatOutliveTheValidityAskedForLeaveIt() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        S3UploadSigner signer = new S3UploadSigner(presigner, aws.bucketName(),
                session(now.plus(Duration.ofHours(1))), Clock.fixed(now, ZoneOffset.UTC));

        SignedUpload signed = signer.signPut(new MediaUploads.Upload("media/2026/12/abc-long.png", "image/png", 5),
                Duration.ofMinutes(15));

        assertThat(signed.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(signed.url().getRawQuery()).contains("X-Amz-Expires=900");
    }

    @Test
    void longTermCredentialsLeaveTheValidityAskedFor() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        S3UploadSigner signer = new S3UploadSigner(presigner, aws.bucketName(), LocalCredentials.provider(),
                Clock.fixed(now, ZoneOffset.UTC));

        SignedUpload signed = signer.signPut(new MediaUploads.Upload("media/2026/12/abc-keys.png", "image/png", 5),
                Duration.ofMinutes(15));

        assertThat(signed.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void refusesToSignWithCredentialsThatExpireWithinTheMargin() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        S3UploadSigner signer = new S3UploadSigner(presigner, aws.bucketName(),
                session(now.plusSeconds(S3UploadSigner.MARGIN_SECONDS - 10)), Clock.fixed(now, ZoneOffset.UTC));

        assertThatThrownBy(() -> signer.signPut(new MediaUploads.Upload("media/2026/12/abc-late.png", "image/png", 5),
                Duration.ofMinutes(15)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too soon to sign an upload");
    }
}
