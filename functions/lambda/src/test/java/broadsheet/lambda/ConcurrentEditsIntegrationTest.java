package broadsheet.lambda;

import broadsheet.aws.TableDefinition;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.local.servers.LocalAwsExtension;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static broadsheet.lambda.ApiGatewayEvents.WORLD_SLUG;
import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Two editors save the same version of an article at the same moment. */
class ConcurrentEditsIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RepeatedTest(3)
    void exactlyOneOfTwoEditsFromTheSameVersionWins() throws Exception {
        LocalFunctions functions = new LocalFunctions(AWS, Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(functions.call(fixture("post-article.json")).status()).isEqualTo(201);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService editors = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<HttpResponse> anna = edit(functions, editors, start, "Anna's standfirst.");
            CompletableFuture<HttpResponse> ben = edit(functions, editors, start, "Ben's standfirst.");
            start.countDown();
            List<HttpResponse> responses = List.of(anna.get(), ben.get());

            assertThat(responses).extracting(HttpResponse::status).containsExactlyInAnyOrder(200, 412);
            HttpResponse winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            String winningStandfirst = JSON.readTree(winner.bodyText()).get("standfirst").asString();
            assertThat(functions.articles.find(WORLD_SLUG)).hasValueSatisfying(stored -> {
                assertThat(stored.version()).isEqualTo(2);
                assertThat(stored.standfirst()).isEqualTo(winningStandfirst);
            });
            HttpResponse loser = responses.stream().filter(r -> r.status() == 412).findFirst().orElseThrow();
            assertThat(loser.headers()).containsEntry("Content-Type", "application/problem+json");
        } finally {
            editors.shutdownNow();
        }
    }

    private static CompletableFuture<HttpResponse> edit(LocalFunctions functions, ExecutorService pool,
                                                                   CountDownLatch start, String standfirst) {
        ApiGatewayEvents event = fixture("put-article.json").body(ApiGatewayEvents.worldArticle(Map.of("standfirst", standfirst)));
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return functions.call(event);
        }, pool);
    }
}
