package broadsheet.reliability;

import broadsheet.local.DeadLetters;
import broadsheet.local.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes whose page writes fail every attempt land in the dead-letter file; the documented
 * command {@code local/run --replay-dead-letters} publishes them, and the site then agrees with
 * the table, also for articles that changed again after their change was dead-lettered (moved,
 * deleted): a replay publishes the article as it is now, not as it was.
 */
class DeadLetterReplayTest {

    @TempDir
    Path data;

    @Test
    void theReplayCommandPublishesDeadLetteredChangesAndTheSiteConverges() throws Exception {
        int port;
        try (FaultyStack stack = new FaultyStack(data, 0.0, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)))) {
            port = stack.port();
            assertThat(stack.api.create(article("steady", "world", "published")).status()).isEqualTo(201);

            // Published while its pages cannot be written, then moved: the first change is dead-lettered.
            stack.flaky.poison("moving");
            long moving = stack.api.create(article("moving", "world", "published")).version();
            settle(stack);
            stack.flaky.cure("moving");
            assertThat(stack.api.put("moving", article("moving", "science", "published"), moving).status()).isEqualTo(200);

            // Published while failing, then deleted.
            stack.flaky.poison("doomed");
            long doomed = stack.api.create(article("doomed", "world", "published")).version();
            settle(stack);
            stack.flaky.cure("doomed");
            assertThat(stack.api.delete("doomed", doomed).status()).isEqualTo(204);

            // Written as a draft, then published while failing, and not touched again.
            long late = stack.api.create(article("late", "politics", "draft")).version();
            stack.flaky.poison("late");
            assertThat(stack.api.put("late", article("late", "politics", "published"), late).status()).isEqualTo(200);
            settle(stack);
            stack.flaky.cure("late");
            SuiteSummary.SUITE.written(7);

            List<DeadLetters.DeadLetter> letters = stack.deadLetters.read();
            assertThat(letters).extracting(l -> l.record().keys().get("pk").s())
                    .containsExactlyInAnyOrder("article#moving", "article#doomed", "article#late");
            assertThat(letters).allSatisfy(l -> assertThat(l.stopped()).isFalse());
            ConvergenceChecker.Report before = stack.settleAndCheck(false);
            assertThat(before.divergences()).as("before the replay, the late article is missing from the site")
                    .anyMatch(d -> d.contains("late"));
        }

        ReplayCommand.Result replay = ReplayCommand.run(data, port);
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("Replayed 3 dead letter(s): 3 published, 0 still failing");

        try (RunningStack after = RunningStack.start(data, port)) {
            ConvergenceChecker.Report report = after.settleAndCheck();
            assertThat(report.divergences()).isEmpty();
            assertThat(after.stack.deadLetters().read()).isEmpty();
            assertThat(report.live(java.time.Instant.now())).extracting(a -> a.section() + "/" + a.slug())
                    .containsExactlyInAnyOrder("world/steady", "science/moving", "politics/late");
            assertThat(after.api.page("/politics/late/").status()).isEqualTo(200);
            // The old key of the moved article holds a redirect to its new page, nothing else.
            assertThat(after.stack.bucket().get("world/moving/index.html").orElseThrow().redirectLocation())
                    .hasValue("/science/moving/");
            assertThat(after.api.page("/world/doomed/").status()).isEqualTo(404);
            assertThat(after.api.page("/world/").body()).doesNotContain("/moving/", "doomed");
        }
    }

    private static void settle(FaultyStack stack) throws InterruptedException {
        assertThat(stack.feed.awaitSettled(Duration.ofSeconds(30))).isTrue();
    }

    private static String article(String slug, String section, String status) {
        ObjectNode article = HostileCorpus.valid();
        article.put("slug", slug);
        article.put("section", section);
        article.put("headline", "The " + slug + " article");
        article.put("status", status);
        article.put("publishAt", "2026-11-02T10:00:00Z");
        return article.toString();
    }
}
