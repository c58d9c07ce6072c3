package broadsheet.local.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ProxyServerTest {

    @Test
    void storesObjectsAndRefusesAnOverwriteGuardedByIfNoneMatch() {
        try (S3ProxyServer server = S3ProxyServer.startTransient(); S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket("pages"));
            s3.putObject(b -> b.bucket("pages").key("index.html").contentType("text/html; charset=utf-8"),
                    RequestBody.fromString("<p>first</p>"));

            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("pages").key("index.html").ifNoneMatch("*"),
                    RequestBody.fromString("<p>second</p>")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("pages").key("index.html")).asUtf8String())
                    .isEqualTo("<p>first</p>");
        }
    }

    @Test
    void uploadsConditionalOnTheSameETagAreStoredOneAtATime() throws Exception {
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (S3ProxyServer server = S3ProxyServer.startTransient(); S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket("pages"));
            for (int round = 0; round < 20; round++) {
                String eTag = s3.putObject(b -> b.bucket("pages").key("index.html"),
                        RequestBody.fromString("round " + round)).eTag();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String body = "round " + round + " writer " + w;
                    answers.add(pool.submit(() -> {
                        start.await();
                        try {
                            s3.putObject(b -> b.bucket("pages").key("index.html").ifMatch(eTag),
                                    RequestBody.fromString(body));
                            return 200;
                        } catch (S3Exception e) {
                            return e.statusCode();
                        }
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
                assertThat(statuses).as("round %d: one upload wins, every other one is refused", round)
                        .containsOnlyOnce(200).isSubsetOf(200, 412, 409);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersAnUploadConditionalOnAMissingObjectWithNoSuchKey() {
        try (S3ProxyServer server = S3ProxyServer.startTransient(); S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket("pages"));

            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("pages").key("gone.html").ifMatch("\"abc\""),
                    RequestBody.fromString("<p>late</p>")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    });
        }
    }

    @Test
    void aStopByCloseIsNoDeath() throws Exception {
        S3ProxyServer server = S3ProxyServer.startTransient();
        var died = server.died();
        Thread.sleep(1_200);
        server.close();
        Thread.sleep(3_500);

        assertThat(died).isNotDone();
    }

    @Test
    void refusesRequestsSignedWithOtherCredentials() {
        try (S3ProxyServer server = S3ProxyServer.startTransient();
             S3Client s3 = new AwsEndpoints(server.endpoint(), server.endpoint(), LocalCredentials.REGION,
                     "someone-else", "wrong").s3Client().build()) {
            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("pages")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void keepsObjectsUnderTheBaseDirectoryAcrossRestarts(@TempDir Path baseDir) {
        try (S3ProxyServer first = S3ProxyServer.startFilesystem(baseDir); S3Client s3 = client(first)) {
            s3.createBucket(b -> b.bucket("site"));
            s3.putObject(b -> b.bucket("site").key("world/index.html"), RequestBody.fromString("kept"));
        }
        try (S3ProxyServer second = S3ProxyServer.startFilesystem(baseDir); S3Client s3 = client(second)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("site").key("world/index.html")).asUtf8String())
                    .isEqualTo("kept");
        }
    }

    @Test
    void answersTheBrowsersPreflightForAnAllowedOriginOnly(@TempDir Path baseDir) throws Exception {
        try (S3ProxyServer server = S3ProxyServer.startFilesystem(baseDir, List.of("http://localhost:8080"));
             S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket("site"));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> preflight = origin -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/site/media/a.png"))
                            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "PUT")
                            .header("Access-Control-Request-Headers", "content-type")
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };

            java.net.http.HttpResponse<String> allowed = preflight.apply("http://localhost:8080");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
            assertThat(preflight.apply("http://elsewhere.example").headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    private static S3Client client(S3ProxyServer server) {
        return LocalCredentials.endpoints(server.endpoint(), server.endpoint()).s3Client().build();
    }
}
