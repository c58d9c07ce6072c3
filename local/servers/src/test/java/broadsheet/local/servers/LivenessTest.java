package broadsheet.local.servers;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessTest {

    @Test
    void tellsOfAServerThatStoppedServingAfterThreeMissesInARow() throws Exception {
        AtomicBoolean serves = new AtomicBoolean(true);
        try (Liveness liveness = Liveness.watch("test", serves::get, () -> "the test server stopped")) {
            Thread.sleep(1_500);
            assertThat(liveness.died()).isNotDone();

            serves.set(false);

            assertThat(liveness.died().get(10, TimeUnit.SECONDS)).isEqualTo("the test server stopped");
        }
    }

    @Test
    void aClosedWatchTellsNothing() throws Exception {
        Liveness liveness = Liveness.watch("test", () -> false, () -> "the test server stopped");
        liveness.close();
        Thread.sleep(3_500);

        assertThat(liveness.died()).isNotDone();
    }
}
