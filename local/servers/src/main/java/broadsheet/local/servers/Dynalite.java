package broadsheet.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite process (DynamoDB wire protocol, npm-pinned in {@code local/servers/package.json})
 * on 127.0.0.1 and a free port. In memory, or backed by LevelDB files under a data directory.
 * Tables change state at once ({@code --createTableMs 0} and friends). {@link #close()} ends
 * the process and its children; a JVM shutdown hook does the same if close is never called.
 * {@link #died()} tells when the process ends on its own (a crash, or killed from outside).
 */
public final class Dynalite implements AutoCloseable {

    /** System property naming the {@code local/servers} folder that holds {@code node_modules/dynalite}. */
    public static final String DIR_PROPERTY = "broadsheet.dynalite.dir";
    /** System property naming the node executable; {@code node} from the PATH by default. */
    public static final String NODE_PROPERTY = "broadsheet.node";

    private static final Path CLI = Path.of("node_modules", "dynalite", "cli.js");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;
    private final CompletableFuture<String> died = new CompletableFuture<>();
    private volatile boolean stopping;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                died.complete(deathNotice(p.exitValue()));
            }
        });
    }

    /**
     * Starts dynalite and returns once its port answers.
     *
     * @param dataDir where LevelDB keeps the tables; empty for an in-memory server
     */
    public static Dynalite start(Optional<Path> dataDir) {
        Path cli = locateHome().resolve(CLI);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = Ports.free();
            try {
                return launch(cli, port, dataDir);
            } catch (IllegalStateException e) {
                // Most likely the port was taken between probing and binding: try another one.
                last = e;
            }
        }
        throw last;
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's id of the node process. */
    public long pid() {
        return process.pid();
    }

    /**
     * Completes, with a sentence naming dynalite, its port, exit status and last output, when the
     * process ends without {@link #close()} (or the shutdown hook) ending it; never completes
     * otherwise.
     */
    public CompletableFuture<String> died() {
        return died.copy();
    }

    private String deathNotice(int status) {
        String output = output();
        String[] lines = output.split("\\R");
        String last = String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length)).strip();
        return "dynalite (DynamoDB, pid " + process.pid() + ", port " + port + ") exited with status " + status
                + (last.isEmpty() ? "" : "; its last output: " + last);
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs (or ran) stopProcess itself
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log file in the temp folder is harmless
        }
    }

    /**
     * The {@code local/servers} folder: the {@value #DIR_PROPERTY} system property, else the first
     * ancestor of the working directory that holds {@code local/servers/node_modules/dynalite}.
     */
    public static Path locateHome() {
        List<Path> tried = new ArrayList<>();
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve(CLI))) {
                return dir;
            }
            tried.add(dir);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir, dir.resolve("local").resolve("servers"))) {
                if (Files.isRegularFile(candidate.resolve(CLI))) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("dynalite is not installed: run `npm ci` in local/servers (or build "
                + "the broadsheet-local-servers module), or set -D" + DIR_PROPERTY + "; looked in " + tried);
    }

    private static Dynalite launch(Path cli, int port, Optional<Path> dataDir) {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty(NODE_PROPERTY, "node"), cli.toString(),
                "--host", Ports.LOOPBACK, "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        Process process;
        Path log;
        try {
            if (dataDir.isPresent()) {
                Files.createDirectories(dataDir.get());
                command.add("--path");
                command.add(dataDir.get().toAbsolutePath().toString());
            }
            log = Files.createTempFile("dynalite-" + port + "-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite: " + command, e);
        }
        Dynalite dynalite = new Dynalite(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // A port that answers is not enough: another server may have taken it between probing and
        // binding (dynalite then exits with EADDRINUSE), so wait for an answer that only dynalite gives.
        while (!Ports.answers(port) || !speaksDynamoDb(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = dynalite.output();
                dynalite.close();
                throw new IllegalStateException("dynalite did not start on port " + port + ": " + output);
            }
            sleep(20);
        }
        return dynalite;
    }

    /** Whether the server on the port answers a DynamoDB request as DynamoDB does (an unsigned one is refused). */
    private static boolean speaksDynamoDb(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Ports.LOOPBACK + ":" + port + "/"))
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.contains("com.amazon") || body.contains("TableNames");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void stopProcess() {
        stopping = true;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
