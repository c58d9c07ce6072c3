package broadsheet.core.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConcurrentlyTest {

    /** A failure a task throws, to check that the caller gets that very exception. */
    private static final class TaskFailed extends RuntimeException {
        TaskFailed(String message) {
            super(message);
        }
    }

    @Test
    void runsTheTasksAtOnceAndReturnsTheirResultsInTaskOrder() {
        Concurrently pool = Concurrently.pool("test", 4);
        CyclicBarrier allStarted = new CyclicBarrier(4);
        List<Supplier<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "task-" + i;
            tasks.add(() -> {
                await(allStarted); // passes only when all four run at the same time
                return name;
            });
        }

        assertThat(pool.getAll(tasks)).containsExactly("task-0", "task-1", "task-2", "task-3");
    }

    @Test
    void aTaskThatFindsEveryThreadBusyRunsOnTheThreadThatStartsIt() throws InterruptedException {
        Concurrently pool = Concurrently.pool("test", 1);
        CountDownLatch release = new CountDownLatch(1);
        Concurrently.Pending<String> busy = pool.start(() -> {
            await(release);
            return Thread.currentThread().getName();
        });

        String caller = Thread.currentThread().getName();
        Concurrently.Pending<String> second = pool.start(() -> Thread.currentThread().getName());

        assertThat(second.join()).as("no thread free: run by the caller, not queued").isEqualTo(caller);
        release.countDown();
        assertThat(busy.join()).isEqualTo("test-1");
    }

    @Test
    void rethrowsTheFirstFailureInTaskOrderOnceEveryTaskHasEnded() {
        Concurrently pool = Concurrently.pool("test", 4);
        TaskFailed first = new TaskFailed("first");
        TaskFailed second = new TaskFailed("second");
        AtomicBoolean slowEnded = new AtomicBoolean();
        List<Runnable> tasks = List.of(
                () -> {
                    sleep(100);
                    throw first;
                },
                () -> {
                    throw second;
                },
                () -> {
                    sleep(200);
                    slowEnded.set(true);
                });

        Throwable thrown = catchThrowable(() -> pool.runAll(tasks));

        assertThat(thrown).isSameAs(first);
        assertThat(thrown.getSuppressed()).containsExactly(second);
        assertThat(slowEnded).as("the call waits for every task before it throws").isTrue();
    }

    @Test
    void aPendingTaskRethrowsWhatItThrew() {
        Concurrently pool = Concurrently.pool("test", 2);
        TaskFailed failure = new TaskFailed("contended");
        Concurrently.Pending<Void> pending = pool.start(() -> {
            throw failure;
        });

        assertThatThrownBy(pending::join).isSameAs(failure);
    }

    @Test
    void aGroupWaitsForTheTasksItsTasksStart() {
        Concurrently pool = Concurrently.pool("test", 3);
        Concurrently.Group group = pool.group();
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            group.start(() -> {
                sleep(20);
                group.start(() -> {
                    sleep(100);
                    ended.incrementAndGet();
                });
                ended.incrementAndGet();
            });
        }

        group.join();

        assertThat(ended).hasValue(6);
    }

    @Test
    void aGroupRethrowsTheFirstFailureOfItsTasksAfterAllEnded() {
        Concurrently pool = Concurrently.pool("test", 2);
        Concurrently.Group group = pool.group();
        TaskFailed failure = new TaskFailed("upload failed");
        AtomicBoolean laterEnded = new AtomicBoolean();
        group.start(() -> {
            group.start(() -> {
                throw failure;
            });
            group.start(() -> {
                sleep(150);
                laterEnded.set(true);
            });
        });

        assertThatThrownBy(group::join).isSameAs(failure);
        assertThat(laterEnded).isTrue();
    }

    @Test
    void sequentialRunsEveryTaskOnTheCallingThreadInOrder() {
        List<String> ran = new ArrayList<>();
        String caller = Thread.currentThread().getName();

        List<String> threads = Concurrently.SEQUENTIAL.getAll(List.<Supplier<String>>of(
                () -> {
                    ran.add("a");
                    return Thread.currentThread().getName();
                },
                () -> {
                    ran.add("b");
                    return Thread.currentThread().getName();
                }));

        assertThat(ran).containsExactly("a", "b");
        assertThat(threads).containsOnly(caller);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the tasks did not run at once", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeferredTaskRunsOnceWhenFirstStartedOrJoinedAndItsFailureReachesEveryJoin() {
        Concurrently concurrently = Concurrently.pool("deferred-test", 2);
        AtomicInteger runs = new AtomicInteger();
        Concurrently.Deferred<Integer> deferred = concurrently.deferred(runs::incrementAndGet);

        assertThat(runs).as("not started when made").hasValue(0);
        deferred.start();
        deferred.start();
        assertThat(deferred.join()).isEqualTo(1);
        assertThat(deferred.join()).isEqualTo(1);
        assertThat(runs).hasValue(1);

        Concurrently.Deferred<Integer> joinedFirst = concurrently.deferred(runs::incrementAndGet);
        assertThat(joinedFirst.join()).as("started by its first join").isEqualTo(2);

        Concurrently.Deferred<Integer> failing = concurrently.deferred(() -> {
            throw new TaskFailed("read failed");
        });
        failing.start();
        assertThatThrownBy(failing::join).isInstanceOf(TaskFailed.class).hasMessage("read failed");
        assertThatThrownBy(failing::join).isInstanceOf(TaskFailed.class);
    }
}
