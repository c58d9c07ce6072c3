package broadsheet.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last (see junit-platform.properties): prints the summary line to stdout, so CI output shows it. */
@Tag("summary")
@Order(Integer.MAX_VALUE)
class SummaryTest {

    @Test
    void noServerErrorNoLostArticleAndNoDivergenceAcrossTheSuite() {
        SuiteSummary summary = SuiteSummary.SUITE;
        System.out.println();
        System.out.println(summary.line());
        System.out.println();

        assertThat(summary.requests()).as("requests tried by the suite").isPositive();
        assertThat(summary.checks()).as("convergence checks run by the suite").isPositive();
        assertThat(summary.status5xx()).as("5xx answers").isZero();
        assertThat(summary.lost()).as("articles lost").isZero();
        assertThat(summary.divergences()).as("table/site divergences").isZero();
    }
}
