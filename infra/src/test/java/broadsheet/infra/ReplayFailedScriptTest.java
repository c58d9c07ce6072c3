package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/bin/replay-failed} against a stand-in {@code aws} that plays Lambda: it invokes the
 * stage's replay function through its {@code live} alias, prints the answer, and fails when
 * batches remain or the function failed.
 */
class ReplayFailedScriptTest {

    /** Records its arguments; writes $FAKE_ANSWER to the outfile (its last argument) and prints $FAKE_ERROR. */
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            set -euo pipefail
            echo "ARGS $*" >> "$FAKE_LOG"
            [ "$1 $2" = "lambda invoke" ] || { echo "unexpected: $*" >&2; exit 9; }
            printf '%s' "$FAKE_ANSWER" > "${@: -1}"
            echo "$FAKE_ERROR"
            """;

    private record Run(int exit, String stdout, String stderr, String log) {
    }

    private static Run run(Path dir, String stage, String answer, String error) throws Exception {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, FAKE_AWS);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        Path log = dir.resolve("log");
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/replay-failed", stage);
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_LOG", log.toString());
        builder.environment().put("FAKE_ANSWER", answer);
        builder.environment().put("FAKE_ERROR", error);
        builder.redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), stdout, Files.readString(dir.resolve("stderr")),
                Files.exists(log) ? Files.readString(log) : "");
    }

    @Test
    void invokesTheStagesReplayFunctionThroughItsLiveAliasAndPrintsItsAnswer(@TempDir Path dir) throws Exception {
        String answer = "{\"objects\":2,\"republished\":2,\"remaining\":[]}";

        Run run = run(dir, "prod", answer, "None");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(answer + "\n");
        assertThat(run.log()).contains("lambda invoke --function-name "
                + Functions.replayFunctionName("prod") + ":" + Functions.ALIAS, "--cli-read-timeout 0");
    }

    @Test
    void failsWhenBatchesRemainOrTheFunctionFailed(@TempDir Path dir) throws Exception {
        Run remaining = run(dir, "dev", "{\"objects\":1,\"republished\":0,\"remaining\":[\"aws/lambda/x\"]}", "None");
        assertThat(remaining.exit()).isEqualTo(1);
        assertThat(remaining.stderr()).contains("still kept");

        Run failed = run(dir, "dev", "{\"errorMessage\":\"Task timed out\"}", "Unhandled");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.stderr()).contains("failed (Unhandled)", "Task timed out");

        Run unknown = run(dir, "staging", "{}", "None");
        assertThat(unknown.exit()).isEqualTo(2);
    }
}
