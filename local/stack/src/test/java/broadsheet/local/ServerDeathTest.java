package broadsheet.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack when one of its servers dies under it: it says which and stops with status 1. */
class ServerDeathTest {

    @Test
    void stopsWithANoticeNamingDynaliteAndStatus1WhenDynaliteIsKilled(@TempDir Path data) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (LocalStack stack = LocalStack.start(LocalSettings.of(data, 0, "test-editor-token"))) {
            // what local/run does: its exit hook is System.exit, whose shutdown hook closes the stack
            Main.exitWhenAServerDies(stack, new PrintStream(err, true, StandardCharsets.UTF_8), () -> false, status -> {
                stack.close();
                exit.complete(status);
            });
            ProcessHandle dynalite = dynaliteOn(stack.dynamoDbEndpoint().getPort());

            dynalite.destroyForcibly();

            assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            String notice = err.toString(StandardCharsets.UTF_8);
            assertThat(notice).contains("local/run: dynalite (DynamoDB, pid " + dynalite.pid())
                    .contains("exited with status").contains("stops (exit status 1)");
            assertThat(stack.serverDeath()).isDone();
        }
    }

    @Test
    void aCtrlCThatAlsoEndsDynaliteIsNoServerDeath(@TempDir Path data) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (LocalStack stack = LocalStack.start(LocalSettings.of(data, 0, "test-editor-token"))) {
            Main.exitWhenAServerDies(stack, new PrintStream(err, true, StandardCharsets.UTF_8), () -> true,
                    exit::complete);

            dynaliteOn(stack.dynamoDbEndpoint().getPort()).destroy();

            stack.serverDeath().get(30, TimeUnit.SECONDS);
            Thread.sleep(Main.CTRL_C_GRACE.toMillis() + 500);
            assertThat(exit).isNotDone();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void aStackClosedAsUsualTellsOfNoServerDeath(@TempDir Path data) throws Exception {
        LocalStack stack = LocalStack.start(LocalSettings.of(data, 0, "test-editor-token"));
        stack.close();
        Thread.sleep(500);

        assertThat(stack.serverDeath()).isNotDone();
    }

    /** The node process of this stack's dynalite, found by the port on its command line. */
    private static ProcessHandle dynaliteOn(int port) {
        List<ProcessHandle> found = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(List::of)
                        .map(args -> args.stream().anyMatch(a -> a.contains("dynalite"))
                                && args.contains(Integer.toString(port)))
                        .orElse(false))
                .toList();
        assertThat(found).as("dynalite on port %d", port).hasSize(1);
        return found.get(0);
    }
}
