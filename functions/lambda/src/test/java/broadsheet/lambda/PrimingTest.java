package broadsheet.lambda;

import broadsheet.aws.DynamoArticleStore;
import broadsheet.aws.TableDefinition;
import broadsheet.core.MovableClock;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.ArticleApi;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The SnapStart hooks run the hot paths on the sample article and write nothing, and a failing hot
 * path does not fail the checkpoint. (No CRaC JVM runs here: the tests call the hook as the
 * checkpoint would.)
 */
class PrimingTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final String HEADLINE = "Sample: harbour talks resume after a week of delays";

    private final SiteConfig site = SiteConfig.load();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T13:00:00Z"));

    @Test
    void apiPrimingValidatesAndSerialisesTheSampleAndReadsWithoutWriting() {
        ApiHandler handler = new ApiHandler(new ArticleApi(new DynamoArticleStore(AWS.dynamoDb(), AWS.tableName()),
                site, clock, new EditorPolicy("cognito:groups", "editors")));

        handler.priming().beforeCheckpoint(null);

        String answer = new String((byte[]) handler.priming().last(), StandardCharsets.UTF_8);
        assertThat(answer).contains("\"slug\":\"snapstart-priming-sample\"", HEADLINE, "\"createdAt\":\"2026-11-29T13:00:00Z\"");
        assertThat(AWS.dynamoDb().scan(b -> b.tableName(AWS.tableName())).items()).as("nothing written").isEmpty();
    }

    @Test
    void aFailingPrimingStepIsLoggedAndTheCheckpointGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        Priming priming = new Priming(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("throttled: the table is not reachable right now");
        });

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(calls).hasValue(1);
        assertThat(priming.last()).as("nothing primed").isNull();
    }

    @Test
    void apiPrimingAgainstAnUnreachableTableDoesNotThrow() {
        DynamoArticleStore unreachable = new DynamoArticleStore(AWS.dynamoDb(), "no-such-table");
        ApiHandler handler = new ApiHandler(new ArticleApi(unreachable, site, clock,
                new EditorPolicy("cognito:groups", "editors")));

        assertThatCode(() -> handler.priming().beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(handler.priming().last()).isNull();
    }
}
