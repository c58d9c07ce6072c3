package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.WORLD_SLUG;
import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** One World article from the API, through the table and its change feed, to the site bucket. */
class EndToEndIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Test
    void postedArticleIsStoredPublishedAndListed() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));

        HttpResponse created = functions.call(fixture("post-article.json"));
        assertThat(created.status()).isEqualTo(201);

        Map<String, AttributeValue> item = AWS.dynamoDb().getItem(b -> b.tableName(AWS.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("article#" + WORLD_SLUG), "sk", AttributeValue.fromS("article"))))
                .item();
        assertThat(item.get("version").n()).isEqualTo("1");
        assertThat(item.get("section").s()).isEqualTo("world");

        StreamBatchResponse published = Invocations.publish(functions.publisher(), functions.takeStream());
        assertThat(published.failedSequenceNumbers()).isEmpty();

        String key = "world/" + WORLD_SLUG + "/index.html";
        HeadObjectResponse head = AWS.s3().headObject(b -> b.bucket(AWS.bucketName()).key(key));
        assertThat(mediaTypeAndCharset(head.contentType())).isEqualTo("text/html;charset=utf-8");
        assertThat(head.cacheControl()).isEqualTo("public, max-age=300, stale-while-revalidate=60");
        String page = functions.page(key);
        assertThat(page).contains("Alliance chief: Russia is not the main threat to the Alliance")
                .contains("The Secretary General at a news conference in Lisbon")
                .contains("constructive relationship");

        String articlePath = "/world/" + WORLD_SLUG + "/";
        assertThat(functions.page("world/index.html")).contains(articlePath);
        assertThat(functions.page("index.html")).contains(articlePath);
        HeadObjectResponse front = AWS.s3().headObject(b -> b.bucket(AWS.bucketName()).key("world/index.html"));
        assertThat(front.cacheControl()).isEqualTo("public, max-age=60, stale-while-revalidate=30");
    }

    /** {@code text/html; charset=UTF-8} and {@code text/html;charset=utf-8} are the same type. */
    static String mediaTypeAndCharset(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        StringBuilder normal = new StringBuilder(parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=")) {
                normal.append(';').append(parameter.replace(" ", ""));
            }
        }
        return normal.toString();
    }
}
