package broadsheet.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The bare-JVM floor of the cold-start benchmark: a trivial main that only says when it ran. */
public final class ColdStartFloor {

    private ColdStartFloor() {
    }

    public static void main(String[] args) {
        System.out.println("done " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + " floor");
    }
}
