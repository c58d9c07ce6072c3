package broadsheet.reliability;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.render.XssVectors;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.local.ApiBridge;
import broadsheet.local.ApiEvents;
import broadsheet.local.EditorAuthorizer;
import broadsheet.local.LocalHttpServer;
import broadsheet.local.LocalSettings;
import broadsheet.local.SiteServer;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.LocalCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may write what in the local stack: the API refuses writes without the editor token (401)
 * and from a caller whose token lacks the editor group (403); the bucket refuses anonymous and
 * wrongly signed writes; and the XSS corpus, posted through the API and published by the change
 * feed, leaves nothing executable in any page, feed or sitemap of the bucket.
 */
class SecurityTest {

    static final String READER_TOKEN = "reliability-reader-token";

    @TempDir
    static Path data;

    static RunningStack stack;
    static LocalHttpServer readerFront;
    static DynamoArticleStore store;

    @BeforeAll
    static void start() {
        stack = RunningStack.start(data);
        // The same handler behind an authorizer that vouches for a signed-in user without the editor
        // group, as Cognito would for a reader or a reporter: the API itself must answer 403.
        LocalSettings settings = stack.stack.settings();
        store = stack.wiring.articleStore();
        ApiHandler handler = new ApiHandler(stack.wiring.articleApi());
        readerFront = LocalHttpServer.bind("127.0.0.1", 0);
        readerFront.serve(new ApiBridge(handler, new EditorAuthorizer(READER_TOKEN, settings.editorGroupClaim(), "reporters"),
                new ApiEvents("localhost:" + readerFront.port()), settings.maxBodyBytes(), Clock.systemUTC()),
                new SiteServer(stack.stack.bucket()));
    }

    @AfterAll
    static void stop() {
        if (readerFront != null) {
            readerFront.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void refusesWritesWithoutTheEditorTokenAndFromNonEditors() throws Exception {
        ObjectNode article = HostileCorpus.valid();
        article.put("slug", "guarded");
        assertThat(stack.api.create(article.toString()).status()).isEqualTo(201);
        SuiteSummary.SUITE.written(1);
        stack.settleAndCheck();
        Map<String, String> table = stack.checker.tableSnapshot();
        Map<String, String> bucket = stack.checker.bucketSnapshot();
        String body = article.put("headline", "Changed by someone else").toString();

        for (String token : new String[] {null, "not-the-token", READER_TOKEN}) {
            Api anonymous = new Api(stack.siteUrl(), token == null ? "" : token);
            assertThat(anonymous.create(HostileCorpus.valid().toString()).status()).isEqualTo(401);
            assertThat(anonymous.put("guarded", body, 1).status()).isEqualTo(401);
            assertThat(anonymous.delete("guarded", 1).status()).isEqualTo(401);
            assertThat(anonymous.get("guarded").status()).isEqualTo(401);
        }
        Api reader = new Api(URI.create("http://localhost:" + readerFront.port()), READER_TOKEN);
        List<Api.Answer> answers = List.of(reader.create(HostileCorpus.valid().toString()), reader.put("guarded", body, 1),
                reader.delete("guarded", 1), reader.get("guarded"));
        for (Api.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }

        assertThat(stack.stack.feed().awaitSettled(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(stack.checker.tableSnapshot()).isEqualTo(table);
        assertThat(stack.checker.bucketSnapshot()).isEqualTo(bucket);
    }

    @Test
    void theBucketRefusesAnonymousAndWronglySignedWrites() throws Exception {
        String bucketName = stack.stack.settings().bucketName();
        Map<String, String> before = stack.checker.bucketSnapshot();
        HttpClient client = HttpClient.newHttpClient();
        URI object = URI.create(stack.stack.s3Endpoint() + "/" + bucketName + "/index.html");

        HttpResponse<String> put = client.send(HttpRequest.newBuilder(object)
                .header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofString("<script>alert(1)</script>")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> putNew = client.send(HttpRequest.newBuilder(URI.create(stack.stack.s3Endpoint() + "/" + bucketName + "/evil.html"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = client.send(HttpRequest.newBuilder(URI.create(stack.stack.s3Endpoint() + "/" + bucketName + "/404.html"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(object)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalCredentials.ACCESS_KEY
                        + "/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64))
                .header("x-amz-date", "20260101T000000Z")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .PUT(HttpRequest.BodyPublishers.ofString("forged")).build(), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> response : List.of(put, putNew, delete, forged)) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": " + response.body())
                    .isEqualTo(403);
        }

        try (S3Client wrongKey = new AwsEndpoints(stack.stack.dynamoDbEndpoint(), stack.stack.s3Endpoint(),
                LocalCredentials.REGION, LocalCredentials.ACCESS_KEY, "guessed-secret").s3Client().build()) {
            assertThatThrownBy(() -> wrongKey.putObject(b -> b.bucket(bucketName).key("index.html"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(stack.checker.bucketSnapshot()).isEqualTo(before);
    }

    @Test
    void theXssCorpusThroughTheWholePipelineLeavesNothingExecutable() throws Exception {
        List<String> refused = new ArrayList<>();
        int published = 0;
        for (int i = 0; i < XssVectors.VECTORS.size(); i++) {
            String vector = XssVectors.VECTORS.get(i);
            ObjectNode article = Api.JSON.createObjectNode();
            article.put("section", i % 2 == 0 ? "world" : "culture");
            article.put("slug", "xss-" + i);
            article.put("headline", vector);
            article.put("standfirst", vector);
            article.put("body", vector + "\n\n" + String.join("\n\n", XssVectors.MARKDOWN) + "\n\n" + vector);
            article.putObject("image").put("src", "media/x.jpg").put("alt", vector).put("caption", vector).put("credit", vector);
            article.putArray("authors").add(vector).add("Ann " + vector);
            article.putArray("tags").add(vector.length() > 50 ? vector.substring(0, 50) : vector);
            article.put("source", vector);
            article.put("status", "published");
            Api.Answer answer = stack.api.create(article.toString());
            if (answer.status() == 201) {
                published++;
            } else {
                refused.add(i + " " + answer.status() + " " + answer.body());
            }
        }
        SuiteSummary.SUITE.written(published);
        assertThat(refused).as("vectors refused by validation (they are legal text)").isEmpty();
        ConvergenceChecker.Report report = stack.settleAndCheck();
        assertThat(report.divergences()).isEmpty();

        S3Client s3 = stack.s3;
        String bucketName = stack.stack.settings().bucketName();
        List<String> problems = new ArrayList<>();
        int objects = 0;
        for (String key : stack.stack.bucket().keys("")) {
            var stored = stack.stack.bucket().get(key).orElseThrow();
            objects++;
            problems.addAll(Inert.problems(key, stored.contentType(), stored.body()));
        }
        assertThat(objects).as("pages, feeds and sitemaps checked").isGreaterThan(XssVectors.VECTORS.size());
        assertThat(stack.stack.bucket().keys("")).contains("feed.xml", "sitemap.xml", "world/feed.xml", "index.html");
        assertThat(problems).isEmpty();
        assertThat(s3.headBucket(b -> b.bucket(bucketName)).sdkHttpResponse().isSuccessful()).isTrue();

        // What readers get over HTTP is the same inert bytes.
        HttpResponse<byte[]> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stack.siteUrl().resolve("/world/xss-0/")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Inert.problems("/world/xss-0/", "text/html", page.body())).isEmpty();
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
