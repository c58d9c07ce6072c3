package broadsheet.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the documented replay command, {@code local/run --replay-dead-letters}, as its own process:
 * the java command {@code local/run} ends in ({@code broadsheet.local.Main} on the local stack's
 * classes and the classpath the build wrote next to them), without {@code local/run}'s
 * build-when-stale step, which the reactor build has just done.
 */
final class ReplayCommand {

    /** Exit code and everything the command printed. */
    record Result(int exitCode, String output) {
    }

    private ReplayCommand() {
    }

    static Result run(Path dataDir, int port) throws IOException, InterruptedException {
        Path classes = Path.of(System.getProperty("broadsheet.localRunClasses"));
        String classpath = Files.readString(Path.of(System.getProperty("broadsheet.localRunClasspath")),
                StandardCharsets.UTF_8).strip();
        Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(javaCommand.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dbroadsheet.dynalite.dir=" + System.getProperty("broadsheet.dynalite.dir"),
                "-cp", classes + java.io.File.pathSeparator + classpath,
                "broadsheet.local.Main", "--replay-dead-letters", "--data", dataDir.toString(), "--port", Integer.toString(port)))
                .redirectErrorStream(true);
        builder.environment().remove("BROADSHEET_PORT");
        builder.environment().remove("BROADSHEET_DATA_DIR");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the replay command did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
