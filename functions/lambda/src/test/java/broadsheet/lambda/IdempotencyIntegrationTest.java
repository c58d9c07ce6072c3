package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.local.servers.LocalAwsExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static broadsheet.lambda.ApiEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** A client retrying a create with its Idempotency-Key gets the first result, against the real table. */
class IdempotencyIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Test
    void retriedCreateReturnsTheFirstResultAndAnotherBodyIsRefused() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));

        APIGatewayV2HTTPResponse first = functions.call(fixture("post-article.json").header("idempotency-key", "req-42"));
        functions.clock.advance(Duration.ofSeconds(30));
        APIGatewayV2HTTPResponse retried = functions.call(fixture("post-article.json").header("idempotency-key", "req-42"));
        APIGatewayV2HTTPResponse reused = functions.call(fixture("post-article.json").header("idempotency-key", "req-42")
                .body(ApiEvents.worldArticle().replace("\"section\": \"world\"", "\"section\": \"politics\"")));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(retried.getStatusCode()).isIn(200, 201);
        assertThat(retried.getBody()).isEqualTo(first.getBody());
        assertThat(retried.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(functions.scanTable())
                .filteredOn(item -> item.get("pk").s().startsWith("article#"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("section").s()).isEqualTo("world"));
    }
}
