package broadsheet.local.servers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Watches an embedded server by asking it every second whether it still serves; after three
 * answers "no" in a row (a passing slow answer on a loaded machine is not a death), {@link #died()}
 * completes with the server's notice. {@link #close()} (an expected stop) ends the watch first.
 */
final class Liveness implements AutoCloseable {

    private static final int MISSES = 3;

    private final CompletableFuture<String> died = new CompletableFuture<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;
    private int misses;

    private Liveness(String name, BooleanSupplier serves, Supplier<String> notice) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (closed) {
                return;
            }
            misses = serves.getAsBoolean() ? 0 : misses + 1;
            if (misses >= MISSES && !closed) {
                died.complete(notice.get());
                timer.shutdown();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    static Liveness watch(String name, BooleanSupplier serves, Supplier<String> notice) {
        return new Liveness(name, serves, notice);
    }

    /** Completes with the notice when the server stopped serving without {@link #close()}. */
    CompletableFuture<String> died() {
        return died.copy();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
