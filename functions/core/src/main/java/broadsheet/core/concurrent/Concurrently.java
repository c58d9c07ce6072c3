package broadsheet.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs I/O-bound tasks (store reads and writes, uploads) at once on a small bounded pool of daemon
 * threads, and waits for them. The pool never queues: a task that finds every thread busy runs on
 * the thread that submits it. So a task may itself run tasks here and wait for them (a front's
 * recompute reading its months at once, inside one collection's work) without ever waiting on a
 * task that no thread has started.
 *
 * <p>Failures reach the caller unchanged: {@link #runAll}, {@link #getAll}, {@link Pending#join()}
 * and {@link Group#join()} wait for every task they cover, then rethrow the first failure in task
 * order (the same exception object; later failures are added to it as suppressed), so a caller
 * that retries on a particular exception type sees that type. Nothing started here outlives the
 * call that waits for it.
 *
 * <p>{@link #SEQUENTIAL} runs every task on the calling thread, one after the other, for callers
 * that have no pool (and as the behaviour to compare with in tests).
 */
public final class Concurrently {

    /**
     * Threads of a publisher's pool. A change of one author and one tag makes up to about 20
     * requests at once (home's reads of the section fronts' months; a listing's page uploads while
     * the other collections go on): with fewer threads, uploads run on the threads of the listing
     * work that starts them, which then waits for them before its next listing write.
     */
    public static final int DEFAULT_THREADS = 32;

    /** Runs every task on the calling thread, in order. */
    public static final Concurrently SEQUENTIAL = new Concurrently(null);

    private final ExecutorService pool;

    private Concurrently(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * A pool of at most {@code threads} daemon threads named {@code name-1}, {@code name-2}, ...,
     * started when needed and stopped after 30 s idle.
     */
    public static Concurrently pool(String name, int threads) {
        Objects.requireNonNull(name, "name");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        return new Concurrently(new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy()));
    }

    /** Starts the task (on a pool thread, or on this one when all are busy). */
    public <T> Pending<T> start(Supplier<? extends T> task) {
        Objects.requireNonNull(task, "task");
        FutureTask<T> future = new FutureTask<>(task::get);
        if (pool == null) {
            future.run();
        } else {
            pool.execute(future);
        }
        return new Pending<>(future);
    }

    /** Starts the task (on a pool thread, or on this one when all are busy). */
    public Pending<Void> start(Runnable task) {
        Objects.requireNonNull(task, "task");
        return start(() -> {
            task.run();
            return null;
        });
    }

    /** Runs the tasks at once, the last on the calling thread, and waits for all of them. */
    public void runAll(List<? extends Runnable> tasks) {
        List<Supplier<Void>> suppliers = new ArrayList<>();
        for (Runnable task : tasks) {
            Objects.requireNonNull(task, "task");
            suppliers.add(() -> {
                task.run();
                return null;
            });
        }
        getAll(suppliers);
    }

    /** Runs the tasks at once, the last on the calling thread, waits for all and returns their results in task order. */
    public <T> List<T> getAll(List<? extends Supplier<? extends T>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Pending<T>> started = new ArrayList<>();
        for (Supplier<? extends T> task : tasks.subList(0, tasks.size() - 1)) {
            started.add(start(task));
        }
        FutureTask<T> last = new FutureTask<>(tasks.get(tasks.size() - 1)::get);
        last.run();
        started.add(new Pending<>(last));
        return joinAll(started);
    }

    /** A group of tasks started one by one (also from inside each other) and waited for together. */
    public Group group() {
        return new Group();
    }

    private static <T> List<T> joinAll(List<Pending<T>> tasks) {
        List<T> results = new ArrayList<>();
        Throwable failure = null;
        for (Pending<T> task : tasks) {
            try {
                results.add(task.join());
            } catch (RuntimeException | Error e) {
                failure = keepFirst(failure, e);
            }
        }
        rethrow(failure);
        return results;
    }

    private static Throwable keepFirst(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != first) {
            first.addSuppressed(next);
        }
        return first;
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** A task that starts at most once: at the first {@link Deferred#start} or {@link Deferred#join}. */
    public <T> Deferred<T> deferred(Supplier<? extends T> task) {
        return new Deferred<>(task);
    }

    /** A task started by {@link #deferred} when first asked for. */
    public final class Deferred<T> {
        private final Supplier<? extends T> task;
        private Pending<T> pending;

        private Deferred(Supplier<? extends T> task) {
            this.task = task;
        }

        /** Starts the task unless it has started (on a pool thread, or on this one when all are busy). */
        public synchronized Pending<T> start() {
            if (pending == null) {
                pending = Concurrently.this.start(task);
            }
            return pending;
        }

        /** Starts the task unless it has started, waits for it and returns its result (see {@link Pending#join}). */
        public T join() {
            return start().join();
        }
    }

    /** A task started by {@link #start}. */
    public static final class Pending<T> {
        private final Future<T> future;

        private Pending(Future<T> future) {
            this.future = future;
        }

        /**
         * Waits for the task and returns its result, or throws what it threw (the same exception).
         *
         * @throws IllegalStateException when this thread is interrupted while waiting (its interrupt
         *                               status is kept)
         */
        public T join() {
            try {
                return future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                rethrow(cause);
                throw new IllegalStateException("task failed", cause);
            } catch (CancellationException e) {
                throw new IllegalStateException("task was cancelled", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a task", e);
            }
        }
    }

    /**
     * Tasks started together and waited for together: {@link #join()} waits for every task started
     * in the group, also those that tasks of the group start while it waits.
     */
    public final class Group {
        private final List<Pending<?>> started = new ArrayList<>();

        private Group() {
        }

        public <T> Pending<T> start(Supplier<? extends T> task) {
            Pending<T> pending = Concurrently.this.start(task);
            synchronized (started) {
                started.add(pending);
            }
            return pending;
        }

        public Pending<Void> start(Runnable task) {
            Pending<Void> pending = Concurrently.this.start(task);
            synchronized (started) {
                started.add(pending);
            }
            return pending;
        }

        /**
         * Waits until every task of the group has ended, then rethrows the first failure in the
         * order the tasks were started. A task's tasks are added before it ends, so once all tasks
         * seen have ended, there are no others.
         */
        public void join() {
            Throwable failure = null;
            for (int i = 0; ; i++) {
                Pending<?> next;
                synchronized (started) {
                    if (i == started.size()) {
                        break;
                    }
                    next = started.get(i);
                }
                try {
                    next.join();
                } catch (RuntimeException | Error e) {
                    failure = keepFirst(failure, e);
                }
            }
            rethrow(failure);
        }
    }
}
