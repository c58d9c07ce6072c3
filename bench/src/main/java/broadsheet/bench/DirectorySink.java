package broadsheet.bench;

import broadsheet.core.render.RenderedPage;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes pages to {@code root/<key>} on a pool of I/O threads, so that rendering threads (one per
 * core) never wait for the file system: creating a directory and a file costs a few hundred
 * microseconds on a busy disk, about as long as rendering the page. At most {@code inFlight} pages
 * wait to be written, which bounds the memory they hold. {@link #close()} waits for every write
 * and rethrows the first failure.
 */
public final class DirectorySink implements PageSink, AutoCloseable {

    private final PageFiles files;
    private final ExecutorService writers;
    private final Semaphore inFlight;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public DirectorySink(Path root, int ioThreads, int inFlight) {
        this.files = new PageFiles(root);
        this.writers = Executors.newFixedThreadPool(ioThreads, r -> {
            Thread t = new Thread(r, "page-writer");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(inFlight);
    }

    @Override
    public void write(RenderedPage page) {
        rethrow();
        inFlight.acquireUninterruptibly();
        writers.execute(() -> {
            try {
                files.write(page);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    public void close() {
        writers.shutdown();
        try {
            if (!writers.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("page writers did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing pages", e);
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
