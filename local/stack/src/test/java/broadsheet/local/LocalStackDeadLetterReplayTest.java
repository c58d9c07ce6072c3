package broadsheet.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackDeadLetterReplayTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path data;

    @Test
    void deadLettersAChangeThatFailsEveryRetryAndReplayPublishesIt() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(QUICK.maxAttempts());
        AtomicInteger calls = new AtomicInteger();
        LocalSettings settings = LocalSettings.of(data, 0, "dl-token").withRetry(QUICK)
                .withPublisherWrapper(real -> failingFirst(real, failuresLeft, calls));

        try (LocalStack stack = LocalStack.start(settings)) {
            Http http = new Http(stack.siteUrl());
            assertThat(http.postJson("/api/articles", Seed.article(LocalStackTest.REFERENCE), "dl-token").statusCode())
                    .isEqualTo(201);
            assertThat(stack.feed().awaitSettled(Duration.ofSeconds(10))).isTrue();

            assertThat(calls.get()).isEqualTo(QUICK.maxAttempts());
            assertThat(Files.readAllLines(settings.deadLetterFile())).hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("\"eventName\":\"INSERT\"")
                            .contains("article#" + LocalStackTest.SLUG));
            assertThat(http.get("/world/" + LocalStackTest.SLUG + "/").statusCode()).isEqualTo(404);

            DeadLetters.Replay replay = stack.replayDeadLetters();

            assertThat(replay).isEqualTo(new DeadLetters.Replay(1, 0));
            assertThat(http.get("/world/" + LocalStackTest.SLUG + "/").statusCode()).isEqualTo(200);
            assertThat(Files.exists(settings.deadLetterFile())).isFalse();
        }
    }

    /** The real publisher handler, except that its first {@code failures} invocations throw. */
    private static RequestStreamHandler failingFirst(RequestStreamHandler real, AtomicInteger failures,
                                                     AtomicInteger calls) {
        return (event, response, context) -> {
            calls.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("injected publisher failure");
            }
            real.handleRequest(event, response, context);
        };
    }
}
