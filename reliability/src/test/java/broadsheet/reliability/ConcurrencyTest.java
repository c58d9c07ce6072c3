package broadsheet.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short run of concurrent editors against the local stack (the long run, 8 x 200, is
 * {@link ConcurrencyLongTest} in the {@code reliability} profile): afterwards no acknowledged
 * write is lost or doubled and the site agrees with the table.
 */
class ConcurrencyTest {

    @RegisterExtension
    static final RunningStack.PerClass STACK = RunningStack.perClass();

    @Test
    void fourEditorsTimesFortyOperationsLoseNothingAndTheSiteConverges() throws Exception {
        assertConcurrentEditorsConverge(STACK.get(), 4, 40, 7);
    }

    static void assertConcurrentEditorsConverge(RunningStack stack, int clients, int operations, long seed) throws Exception {
        ConcurrentEditors.Ledger ledger = new ConcurrentEditors(stack.api).run(clients, operations, seed, e -> { });
        ConvergenceChecker.Report report = stack.settleAndCheck();
        var lost = ConcurrentEditors.lostWrites(ledger, report.articles());
        SuiteSummary.SUITE.written(ledger.writes.get());
        SuiteSummary.SUITE.lost(lost.size());
        System.out.printf("concurrency %d x %d: %d acknowledged writes, %d retried on 412, %d articles (%d published); %s%n",
                clients, operations, ledger.writes.get(), ledger.conflicts.get(), report.articles().size(),
                ConcurrentEditors.published(report.articles()), report);

        assertThat(ledger.unexpected).as("answers other than 2xx, 404 or 412").isEmpty();
        assertThat(ledger.createdVersion).as("articles created").hasSizeGreaterThan(clients * operations / 8);
        assertThat(ConcurrentEditors.published(report.articles())).as("published articles").isPositive();
        assertThat(lost).as("lost or doubled writes").isEmpty();
        assertThat(report.divergences()).as("table/site divergences").isEmpty();
    }
}
