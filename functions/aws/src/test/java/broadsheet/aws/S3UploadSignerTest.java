package broadsheet.aws;

import broadsheet.core.media.MediaUploads;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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
        URI url = new S3UploadSigner(presigner, aws.bucketName()).signPut(upload, Duration.ofMinutes(5));

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
        URI url = new S3UploadSigner(presigner, aws.bucketName()).signPut(upload, Duration.ofMinutes(5));

        assertThat(put(url, "text/html", new byte[10])).isEqualTo(403);
        assertThat(put(url, "image/png", new byte[11])).isEqualTo(403);
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucketName())).contents()).isEmpty();
    }
}
