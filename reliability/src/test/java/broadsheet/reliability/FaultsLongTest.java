package broadsheet.reliability;

import broadsheet.local.RetryPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editors keep writing and the change feed keeps publishing while a dependency fails: s3proxy
 * stopped for 5 s, dynalite killed and started again, 10 % of the publisher's S3 writes failing.
 * After recovery, retries and a replay of the dead letters with {@code local/run
 * --replay-dead-letters}, no acknowledged write is lost and the site agrees with the table.
 */
@Tag("long")
class FaultsLongTest {

    @TempDir
    Path data;

    @Test
    void aFiveSecondS3OutageWhilePublishingLosesNothing() throws Exception {
        runWithFault(new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5)), 0.0, stack -> {
            pause(1_000);
            // The API does not use S3: editors keep getting answers; only publishing stops.
            stack.stopS3();
            pause(5_000);
            stack.startS3();
        });
    }

    @Test
    void aDynaliteRestartWhilePublishingLosesNothing() throws Exception {
        runWithFault(new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5)), 0.0, stack -> {
            pause(1_000);
            SuiteSummary.SUITE.outageStarted();
            try {
                // Down for 3 s: longer than the SDK's own retries, shorter than the feed's.
                stack.stopDynalite();
                pause(3_000);
                stack.startDynalite();
            } finally {
                SuiteSummary.SUITE.outageEnded();
            }
        });
    }

    @Test
    void tenPercentOfS3WritesFailingLosesNothing() throws Exception {
        FaultyStack.Fault none = stack -> { };
        runWithFault(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)), 0.10, none);
    }

    private void runWithFault(RetryPolicy retry, double failureRate, FaultyStack.Fault fault) throws Exception {
        int port;
        ConcurrentEditors.Ledger ledger;
        int deadLetters;
        try (FaultyStack stack = new FaultyStack(data, failureRate, retry)) {
            port = stack.port();
            ledger = new ConcurrentEditors(stack.api).run(4, 60, data.hashCode(), editors -> fault.inject(stack));
            ConvergenceChecker.Report report = stack.settleAndCheck(false);
            deadLetters = stack.deadLetters.read().size();
            System.out.printf("faults: %d acknowledged writes, %d S3 writes (%d failed on purpose), %d failed deliveries retried, "
                    + "%d dead letters; before replay %s%n", ledger.writes.get(), stack.flaky.writes(), stack.flaky.failures(),
                    stack.failedDeliveries.get(), deadLetters, report);
            assertThat(stack.failedDeliveries.get()).as("deliveries the fault made fail").isPositive();
            if (failureRate > 0) {
                assertThat(stack.flaky.failures()).as("injected S3 failures").isPositive();
            }
            if (deadLetters == 0) {
                assertThat(report.divergences()).as("converged without a replay").isEmpty();
            }
        }
        if (deadLetters > 0) {
            ReplayCommand.Result replay = ReplayCommand.run(data, port);
            assertThat(replay.exitCode()).as(replay.output()).isZero();
            assertThat(replay.output()).contains(deadLetters + " published, 0 still failing");
        }
        try (RunningStack after = RunningStack.start(data, port)) {
            ConvergenceChecker.Report report = after.settleAndCheck();
            List<String> lost = ConcurrentEditors.lostWrites(ledger, report.articles());
            SuiteSummary.SUITE.written(ledger.writes.get());
            SuiteSummary.SUITE.lost(lost.size());
            System.out.printf("faults: after recovery%s: %s%n", deadLetters > 0 ? " and replay" : "", report);
            assertThat(ledger.unexpected).isEmpty();
            assertThat(lost).isEmpty();
            assertThat(report.divergences()).isEmpty();
            assertThat(after.stack.deadLetters().read()).isEmpty();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
