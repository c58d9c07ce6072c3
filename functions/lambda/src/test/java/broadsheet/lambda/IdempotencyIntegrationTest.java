package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** A client retrying a create with its Idempotency-Key gets the first result, against the real table. */
class IdempotencyIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Test
    void retriedCreateReturnsTheFirstResultAndAnotherBodyIsRefused() {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));

        HttpResponse first = functions.call(fixture("post-article.json").header("idempotency-key", "req-42"));
        functions.clock.advance(Duration.ofSeconds(30));
        HttpResponse retried = functions.call(fixture("post-article.json").header("idempotency-key", "req-42"));
        HttpResponse reused = functions.call(fixture("post-article.json").header("idempotency-key", "req-42")
                .body(ApiGatewayEvents.worldArticle().replace("\"section\": \"world\"", "\"section\": \"politics\"")));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).isIn(200, 201);
        assertThat(retried.bodyText()).isEqualTo(first.bodyText());
        assertThat(retried.headers().get("Location")).isEqualTo(first.headers().get("Location"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(functions.scanTable())
                .filteredOn(item -> item.get("pk").s().startsWith("article#"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("section").s()).isEqualTo("world"));
    }
}
