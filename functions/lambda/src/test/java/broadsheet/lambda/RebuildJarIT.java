package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.core.site.SiteConfig;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.ElasticMqServer;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild jar on its own, in a JVM of its own configured as Lambda configures the rebuild
 * functions, against dynalite, s3proxy and ElasticMQ through the url-connection client: catches
 * classes that shading left out of it (the SQS client above all, which the functions jar does not
 * have).
 */
class RebuildJarIT {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final Path JAR = Path.of("target", "broadsheet-rebuild.jar");

    @Test
    void rebuildJarQueuesAndRunsARebuildWithTheProductionWiring() throws Exception {
        assertThat(JAR).exists();
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(15_000_000L);
        assertThat(JarPackages.of(JAR)).as("the rebuild functions only")
                .containsExactlyElementsOf(JarPackages.expected(JarPackages.SHARED, JarPackages.REBUILD))
                .doesNotContain(JarPackages.HTTP, JarPackages.STREAM, JarPackages.REPLAY, JarPackages.SCHEDULE);
        AwsEndpoints endpoints = AWS.endpoints();
        ElasticMqServer sqsServer = ElasticMqServer.shared();
        String queue = ElasticMqServer.sharedClient().createQueue(b -> b.queueName("rebuild-jar")).queueUrl();
        JarProcess smoke = JarProcess.run(JAR, RebuildJarSmoke.class, endpoints, Map.of(
                "TABLE_NAME", AWS.tableName(), "BUCKET_NAME", AWS.bucketName(),
                "SITE_BASE_URL", "https://news.broadsheet.example", "S3_FORCE_PATH_STYLE", "true",
                "REBUILD_QUEUE_URL", queue, "AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString(),
                "AWS_ENDPOINT_URL_S3", endpoints.s3().toString(), "AWS_ENDPOINT_URL_SQS", sqsServer.endpoint().toString()));
        String log = smoke.log();
        assertThat(smoke.finished()).as(log).isTrue();
        assertThat(smoke.exitCode()).as(log).isZero();
        // an empty site: one unit per section, two listing segments, the fixed pages; no continuations
        SiteConfig site = SiteConfig.load();
        int units = site.sectionSlugs().size() + 2 + 1;
        assertThat(log.lines().filter(l -> l.startsWith("start ") || l.startsWith("worker ")).toList()).as(log)
                .containsExactly("start {\"generation\":" + site.generation() + ",\"units\":" + units
                        + ",\"listingSegments\":2}", "worker units " + units + " failures 0");
        List<String> keys = AWS.s3().listObjectsV2(b -> b.bucket(AWS.bucketName())).contents().stream()
                .map(S3Object::key).toList();
        assertThat(keys).contains("404.html", "robots.txt");
    }
}
