package broadsheet.lambda;

import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.lambda.schedule.ScheduleHandler;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEventJson;
import broadsheet.lambda.stream.replay.ReplayHandler;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs in a child JVM whose class path is the shaded function jar and the test classes, with the
 * environment a deployed function gets: the handlers built by their no-argument constructors and
 * invoked as the Lambda runtime invokes a stream handler (event JSON bytes in, answer bytes out),
 * with events from the fixtures: one article created, read and published, a media upload signed,
 * a schedule sweep and a replay of the on-failure bucket; last, every client built as in AWS, without an endpoint override, to show
 * that AWS endpoints resolve with what the jar holds. Prints one line per step for {@link ShadedJarIT}.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws IOException {
        ApiHandler api = new ApiHandler();
        HttpResponse created = Invocations.api(api, ApiGatewayEvents.fixture("post-article.json"));
        System.out.println("post " + created.status() + " " + created.headers().get("ETag"));
        HttpResponse read = Invocations.api(api, ApiGatewayEvents.fixture("get-article.json"));
        System.out.println("get " + read.status() + " " + read.headers().get("ETag"));

        byte[] batch;
        try (InputStream in = ShadedJarSmoke.class.getClassLoader().getResourceAsStream("events/stream/article-batch.json")) {
            batch = in.readAllBytes();
        }
        StreamBatchResponse published = StreamEventJson.readResponse(Invocations.invoke(new PublisherHandler(), batch));
        System.out.println("publish failures " + published.failedSequenceNumbers().size());

        HttpResponse media = Invocations.api(api, ApiGatewayEvents.fixture("post-article.json").path("/api/media")
                .body("{\"filename\":\"a.png\",\"contentType\":\"image/png\",\"size\":10}"));
        System.out.println("media " + media.status() + " " + upload(media.bodyText()));
        System.out.println("sweep " + Invocations.answer(new ScheduleHandler(), "{\"sweep\": true}"));
        System.out.println("replay " + Invocations.answer(new ReplayHandler(), "{}"));
        System.out.println("aws-endpoints " + String.join(" ", awsEndpoints()));
    }

    /**
     * The hosts that each client addresses in AWS (eu-west-1), with the endpoint variables of this
     * process ignored; the requests go to an HTTP client that answers {@code {}} itself, so nothing
     * leaves the machine.
     */
    private static List<String> awsEndpoints() {
        System.setProperty("aws.ignoreConfiguredEndpointUrls", "true");
        List<String> hosts = new ArrayList<>();
        SdkHttpClient offline = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                hosts.add(request.httpRequest().host());
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() {
                        return HttpExecuteResponse.builder()
                                .response(SdkHttpResponse.builder().statusCode(200).build())
                                .responseBody(AbortableInputStream.create(
                                        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                                .build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        Region region = Region.EU_WEST_1;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(offline).build();
             S3Client s3 = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(offline).build();
             SchedulerClient scheduler = SchedulerClient.builder().region(region).credentialsProvider(credentials)
                     .httpClient(offline).build();
             S3Presigner presigner = S3Presigner.builder().region(region).credentialsProvider(credentials).build()) {
            dynamo.getItem(b -> b.tableName("broadsheet").key(Map.of("pk", AttributeValue.fromS("article#a"))));
            s3.headBucket(b -> b.bucket("broadsheet-site"));
            scheduler.getSchedule(b -> b.name("publish-a"));
            hosts.add(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .putObjectRequest(o -> o.bucket("broadsheet-site").key("media/a.png"))).url().getHost());
        }
        return hosts;
    }

    /** Where the presigned URL points, up to the media folder: it must address the configured bucket. */
    private static String upload(String body) {
        String url = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("uploadUrl").asString();
        return url.contains("/media/") ? url.substring(0, url.indexOf("/media/") + "/media/".length()) : url;
    }
}
