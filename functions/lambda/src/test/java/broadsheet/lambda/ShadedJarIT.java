package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable jar on its own: a JVM with only {@code broadsheet-functions.jar} and the smoke
 * driver on its class path (no event serializer: the handlers read their event JSON themselves),
 * configured by environment variables as Lambda configures it, talks
 * to dynalite and s3proxy through the url-connection client. Catches classes or resources that
 * shading left out.
 */
class ShadedJarIT {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final Path JAR = Path.of("target", "broadsheet-functions.jar");

    @Test
    void shadedJarServesTheApiAndPublishesWithTheProductionWiring() throws Exception {
        assertThat(JAR).exists();
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(15_000_000L);
        assertThat(JarPackages.of(JAR)).as("the API, publisher, schedule and replay functions; not the rebuild's")
                .containsExactlyElementsOf(JarPackages.expected(JarPackages.SHARED, JarPackages.HTTP,
                        JarPackages.STREAM, JarPackages.REPLAY, JarPackages.SCHEDULE))
                .doesNotContain(JarPackages.REBUILD);
        AwsEndpoints endpoints = AWS.endpoints();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("TABLE_NAME", AWS.tableName());
        env.put("BUCKET_NAME", AWS.bucketName());
        env.put("SITE_BASE_URL", "https://news.broadsheet.example");
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString());
        env.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
        // the publisher builds its Scheduler client; the smoke batch schedules nothing, so it is never called
        env.put("SCHEDULE_GROUP", "broadsheet-test-publish");
        env.put("SCHEDULE_FUNCTION_ARN", "arn:aws:lambda:us-east-1:123456789012:function:schedule:live");
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler");
        env.put("SCHEDULE_DLQ_ARN", "arn:aws:sqs:us-east-1:123456789012:schedule-dlq");
        // the replay function runs from this jar too: one discarded batch waits in its bucket
        String failures = AWS.createBucket();
        env.put("FAILURES_BUCKET", failures);
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode failure = (tools.jackson.databind.node.ObjectNode) json.readTree(
                ApiGatewayEvents.resource("/events/stream/s3-on-failure-documented.json"));
        failure.set("payload", json.readTree(ApiGatewayEvents.resource("/events/stream/article-batch.json")));
        AWS.s3().putObject(b -> b.bucket(failures).key("aws/lambda/esm/shard/2026/11/29/2026-11-29T12.00.00-a"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(json.writeValueAsBytes(failure)));
        JarProcess smoke = JarProcess.run(JAR, ShadedJarSmoke.class, endpoints, env);
        String log = smoke.log();
        assertThat(smoke.finished()).as(log).isTrue();
        assertThat(smoke.exitCode()).as(log).isZero();
        List<String> lines = log.lines().filter(l -> l.matches("(post|get|publish|media|sweep|replay|aws-endpoints) .*")).toList();
        assertThat(lines).as(log).containsExactly("post 201 \"1\"", "get 200 \"1\"", "publish failures 0",
                "media 201 " + endpoints.s3() + "/" + AWS.bucketName() + "/media/",
                "sweep {\"published\":[]}",
                "replay {\"objects\":1,\"republished\":1,\"remaining\":[]}",
                "aws-endpoints dynamodb.eu-west-1.amazonaws.com broadsheet-site.s3.eu-west-1.amazonaws.com "
                        + "scheduler.eu-west-1.amazonaws.com broadsheet-site.s3.eu-west-1.amazonaws.com");
        assertThat(log).as("SDK logging is bound, so no SLF4J fallback notice").doesNotContain("SLF4J:");

        assertThat(AWS.s3().listObjectsV2(b -> b.bucket(failures)).contents()).isEmpty();
        assertThat(AWS.dynamoDb().getItem(b -> b.tableName(AWS.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("article#" + ApiGatewayEvents.WORLD_SLUG),
                        "sk", AttributeValue.fromS("article")))).item()).isNotEmpty();
        HeadObjectResponse page = AWS.s3().headObject(b -> b.bucket(AWS.bucketName())
                .key("world/" + ApiGatewayEvents.WORLD_SLUG + "/index.html"));
        assertThat(EndToEndIntegrationTest.mediaTypeAndCharset(page.contentType())).isEqualTo("text/html;charset=utf-8");
        String html = AWS.s3().getObjectAsBytes(b -> b.bucket(AWS.bucketName())
                .key("world/" + ApiGatewayEvents.WORLD_SLUG + "/index.html")).asUtf8String();
        assertThat(html).contains("Russia is not the main threat, says Secretary General")
                .contains("https://news.broadsheet.example/world/" + ApiGatewayEvents.WORLD_SLUG + "/");
    }
}
