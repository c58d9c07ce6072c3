package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Stream batches reach the publisher again and again, and sometimes carry a record that cannot be read. */
class ChangeFeedIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static String article(String slug, String headline) {
        return ApiGatewayEvents.worldArticle(Map.of("slug", slug, "headline", headline));
    }

    private static List<LocalFunctions.Write> post(LocalFunctions functions, String... slugs) {
        for (String slug : slugs) {
            functions.clock.advance(Duration.ofMinutes(5));
            assertThat(functions.call(fixture("post-article.json").body(article(slug, "Headline of " + slug)))
                    .status()).isEqualTo(201);
        }
        return functions.takeWrites();
    }

    @Test
    void deliveringTheSameBatchTwiceChangesNoPageTheSecondTime() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        String batch = functions.streamJson(post(functions, "first-story", "second-story", "third-story"));
        PublisherHandler publisher = functions.publisher();

        assertThat(Invocations.publish(publisher, batch).failedSequenceNumbers()).isEmpty();
        long putsAfterFirst = functions.bucket.putCount();
        Map<String, String> pages = pages(functions);

        StreamBatchResponse again = Invocations.publish(publisher, batch);

        assertThat(again.failedSequenceNumbers()).isEmpty();
        assertThat(putsAfterFirst).isGreaterThan(0);
        // the listings are written again (a head is written even when unchanged), so their pages'
        // revisions are raised: stored again with a new revision mark, their content unchanged
        assertThat(functions.bucket.putCount()).as("pages uploaded with new content").isEqualTo(putsAfterFirst);
        assertThat(pages(functions)).isEqualTo(pages);
        assertThat(pages).containsKeys("world/first-story/index.html", "world/third-story/index.html");
    }

    @Test
    void reportsOnlyThePoisonedRecordAndPublishesTheRest() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        List<LocalFunctions.Write> writes = new ArrayList<>(post(functions, "first-story", "second-story", "third-story"));
        Map<String, AttributeValue> poisoned = new LinkedHashMap<>(writes.get(1).newItem());
        poisoned.put("version", AttributeValue.fromN("two"));
        writes.set(1, new LocalFunctions.Write(Map.of(), poisoned));
        StreamEvent event = functions.stream(writes);
        String poisonedSequence = event.records().get(1).sequenceNumber();

        StreamBatchResponse response = Invocations.publish(functions.publisher(), event);

        assertThat(response.failedSequenceNumbers())
                .containsExactly(poisonedSequence);
        List<String> keys = functions.listBucket().stream().map(S3Object::key).toList();
        assertThat(keys).contains("world/first-story/index.html", "world/third-story/index.html")
                .doesNotContain("world/second-story/index.html");
        assertThat(functions.page("world/index.html")).contains("/world/first-story/", "/world/third-story/")
                .doesNotContain("/world/second-story/");
    }

    /** Every page's content as read back (without its revision mark), by key. */
    private static Map<String, String> pages(LocalFunctions functions) {
        return functions.listBucket().stream().map(S3Object::key).collect(Collectors.toMap(key -> key,
                key -> new String(functions.bucket.get(key).orElseThrow().body(), StandardCharsets.UTF_8)));
    }
}
