package broadsheet.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** 8 editors x 200 mixed operations against one local stack ({@code reliability} profile). */
@Tag("long")
class ConcurrencyLongTest {

    @TempDir
    static Path data;

    static RunningStack stack;

    @BeforeAll
    static void start() {
        stack = RunningStack.start(data);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eightEditorsTimesTwoHundredOperationsLoseNothingAndTheSiteConverges() throws Exception {
        ConcurrencyTest.assertConcurrentEditorsConverge(stack, 8, 200, 2026);
    }
}
