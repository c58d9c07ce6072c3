package broadsheet.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 8 editors x 200 mixed operations against one local stack ({@code reliability} profile). */
@Tag("long")
class ConcurrencyLongTest {

    @RegisterExtension
    static final RunningStack.PerClass STACK = RunningStack.perClass();

    @Test
    void eightEditorsTimesTwoHundredOperationsLoseNothingAndTheSiteConverges() throws Exception {
        ConcurrencyTest.assertConcurrentEditorsConverge(STACK.get(), 8, 200, 2026);
    }
}
