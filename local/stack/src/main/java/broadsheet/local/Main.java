package broadsheet.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * {@code local/run}: runs Broadsheet on this machine until Ctrl-C. The only class of the local
 * stack that reads the command line and environment variables:
 * <ul>
 *   <li>{@code --port N} or {@code BROADSHEET_PORT} (default 8080);</li>
 *   <li>{@code --data DIR} or {@code BROADSHEET_DATA_DIR} (default {@code local/data});</li>
 *   <li>{@code BROADSHEET_EDITOR_TOKEN}: the editor token (default: a new random one, printed);</li>
 *   <li>{@code BROADSHEET_CONTRIBUTOR_TOKEN}: a static contributor token (default: none);</li>
 *   <li>{@code BROADSHEET_LOCAL_USERS}: who can sign in at {@code /oidc}, as
 *       {@code name:password:group+group;...} (default: an editor and a contributor with new
 *       random passwords, printed);</li>
 *   <li>{@code --seed}: load the sample articles;</li>
 *   <li>{@code --replay-dead-letters}: publish the dead-lettered changes again, then exit.</li>
 * </ul>
 * When dynalite or s3proxy ends while the stack runs, it says which and exits with status 1: the
 * stack cannot publish without them, and retrying against a dead server only fills the log.
 */
public final class Main {

    /** The parsed command line. */
    record Command(int port, Path dataDir, String token, boolean tokenGenerated, boolean seed, boolean replay, boolean help) {
    }

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Command command;
        try {
            command = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local/run: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (command.help()) {
            System.out.println(usage());
            return;
        }
        LocalSettings settings;
        try {
            settings = withSignIn(LocalSettings.of(command.dataDir(), command.port(), command.token()), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (command.replay()) {
            System.exit(replay(settings.withRetry(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1)))));
            return;
        }
        run(command, settings);
    }

    private static void run(Command command, LocalSettings settings) throws InterruptedException {
        long started = System.nanoTime();
        PrintStream out = System.out;
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (RuntimeException e) {
            System.err.println("local/run: Broadsheet did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("\nStopping Broadsheet...");
            int before = stack.deadLetters().read().size();
            stack.close();
            out.println("Stopped. Data is kept in " + command.dataDir().toAbsolutePath().normalize());
            int after = stack.deadLetters().read().size();
            if (after > before) {
                out.printf("%d change(s) were not published before the stop; the next start publishes them.%n",
                        after - before);
            }
            stopped.countDown();
        }, "broadsheet-stop"));
        // System.exit runs the shutdown hook above, which stops the rest; from a thread of its own,
        // as the hook waits for threads (the process reaper among them) that must not be the caller
        exitWhenAServerDies(stack, System.err, stopping::get,
                status -> new Thread(() -> System.exit(status), "broadsheet-exit").start());
        Duration startup = Duration.ofNanos(System.nanoTime() - started);

        if (command.seed()) {
            Seed.Result seeded = stack.seed();
            boolean published = stack.feed().awaitSettled(Duration.ofSeconds(60));
            out.printf("Seeded %d sample articles (%d were there already)%s.%n", seeded.created().size(),
                    seeded.existing().size(), published ? " and published them" : "; publishing is still going on");
            seeded.failed().forEach(f -> out.println("  could not seed " + f));
        }
        if (stack.resumed() > 0) {
            out.printf("Publishing %d change(s) left over from the last stop.%n", stack.resumed());
        }
        int deadLetters = stack.deadLetters().read().size();

        out.println();
        out.printf("Broadsheet is running (started in %.1f s).%n", startup.toMillis() / 1000.0);
        out.println();
        out.println("  Site:   " + stack.siteUrl() + "/");
        out.println("  API:    " + stack.apiUrl());
        out.println("  Token:  " + command.token() + (command.tokenGenerated()
                ? "   (new for this run; set BROADSHEET_EDITOR_TOKEN to keep one)" : "   (from BROADSHEET_EDITOR_TOKEN)"));
        out.println("  Data:   " + command.dataDir().toAbsolutePath().normalize());
        out.println("  Editor: " + stack.siteUrl() + EditorAppServer.PREFIX + "   (the newsroom app; sign in as a user below)");
        out.println("  Sign-in: " + stack.issuer().issuer() + "   (OpenID Connect; client " + stack.issuer().clientId() + ")");
        for (LocalUsers.User user : settings.localUsers().all()) {
            out.println("    " + user.username() + " " + user.groups()
                    + (settings.localUsers().isGenerated() ? "  password: " + user.password() : ""));
        }
        if (settings.localUsers().isGenerated()) {
            out.println("    (new for this run; set BROADSHEET_LOCAL_USERS=name:password:group+group;... to keep users)");
        }
        if (deadLetters > 0) {
            out.printf("  %d change(s) could not be published: see %s, then run local/run --replay-dead-letters%n",
                    deadLetters, settings.deadLetterFile());
        }
        out.println();
        out.println("Post an article:");
        out.println("  curl -i -X POST " + stack.apiUrl() + " \\");
        out.println("    -H 'Authorization: Bearer " + command.token() + "' -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"section\":\"world\",\"headline\":\"Hello from my laptop\",\"body\":\"First paragraph.\",\"status\":\"published\"}'");
        out.println("then open " + stack.siteUrl() + "/world/hello-from-my-laptop/");
        out.println();
        out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** How long a server's end waits for a Ctrl-C that ended it too (the terminal signals the whole process group). */
    static final Duration CTRL_C_GRACE = Duration.ofSeconds(1);

    /**
     * When one of the stack's servers dies, writes which to {@code err} and exits with status 1
     * through {@code exit}; nothing when {@code stopping} holds by then, as on Ctrl-C, which the
     * terminal also sends to dynalite.
     */
    static void exitWhenAServerDies(LocalStack stack, PrintStream err, BooleanSupplier stopping, IntConsumer exit) {
        stack.serverDeath().thenAcceptAsync(notice -> {
            try {
                TimeUnit.MILLISECONDS.sleep(CTRL_C_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopping.getAsBoolean()) {
                return;
            }
            err.println("local/run: " + notice + ".");
            err.println("local/run: Broadsheet cannot run without it and stops (exit status 1); run local/run again"
                    + " to start everything afresh.");
            err.flush();
            exit.accept(1);
        }, task -> {
            Thread thread = new Thread(task, "broadsheet-server-death");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static int replay(LocalSettings settings) {
        // The same port as the stack that published the site: pages carry absolute URLs with the
        // port (the local base URL), so a replay on another port would publish pages whose links
        // point elsewhere. The data folder is locked by a running stack anyway, so stop it first.
        try (LocalStack stack = LocalStack.start(settings)) {
            int waiting = stack.deadLetters().read().size() + stack.resumed();
            if (waiting == 0) {
                System.out.println("No dead letters in " + settings.deadLetterFile() + ".");
                return 0;
            }
            DeadLetters.Replay replay = stack.replayDeadLetters();
            stack.feed().awaitSettled(Duration.ofSeconds(60));
            System.out.printf("Replayed %d dead letter(s): %d published, %d still failing (kept in %s).%n",
                    waiting, replay.published() + stack.resumed(), replay.remaining(), settings.deadLetterFile());
            return replay.remaining() == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            System.err.println("local/run: replay failed: " + e.getMessage());
            return 1;
        }
    }

    static Command parse(String[] args, Map<String, String> env) {
        int port = LocalSettings.DEFAULT_PORT;
        String portText = env.get("BROADSHEET_PORT");
        Path dataDir = Path.of(nonBlank(env.get("BROADSHEET_DATA_DIR")) ? env.get("BROADSHEET_DATA_DIR") : "local/data");
        boolean seed = false;
        boolean replay = false;
        boolean help = false;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            switch (arg) {
                case "--seed" -> seed = true;
                case "--replay-dead-letters" -> replay = true;
                case "-h", "--help" -> help = true;
                case "--port" -> portText = value(rest, ++i, arg);
                case "--data" -> dataDir = Path.of(value(rest, ++i, arg));
                default -> {
                    if (arg.startsWith("--port=")) {
                        portText = arg.substring("--port=".length());
                    } else if (arg.startsWith("--data=")) {
                        dataDir = Path.of(arg.substring("--data=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                }
            }
        }
        if (nonBlank(portText)) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port must be a number, not " + portText);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port must be 1..65535, not " + port);
            }
        }
        String token = env.get("BROADSHEET_EDITOR_TOKEN");
        boolean generated = !nonBlank(token);
        return new Command(port, dataDir, generated ? EditorAuthorizer.generateToken() : token.strip(), generated,
                seed, replay, help);
    }

    /** The sign-in settings of the environment: the contributor token and the local users. */
    static LocalSettings withSignIn(LocalSettings settings, Map<String, String> env) {
        LocalSettings out = settings;
        String contributor = env.get("BROADSHEET_CONTRIBUTOR_TOKEN");
        if (nonBlank(contributor)) {
            out = out.withContributorToken(contributor.strip());
        }
        String users = env.get("BROADSHEET_LOCAL_USERS");
        if (nonBlank(users)) {
            out = out.withLocalUsers(LocalUsers.parse(users));
        }
        return out;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String usage() {
        return """
                usage: local/run [--port N] [--data DIR] [--seed] [--replay-dead-letters]
                  --port N                 HTTP port (default 8080, or BROADSHEET_PORT)
                  --data DIR               data folder (default local/data, or BROADSHEET_DATA_DIR)
                  --seed                   load the sample articles
                  --replay-dead-letters    publish the changes that exhausted their retries, then exit
                environment: BROADSHEET_EDITOR_TOKEN (the editor token; random when unset),
                  BROADSHEET_CONTRIBUTOR_TOKEN (a contributor token; none when unset),
                  BROADSHEET_LOCAL_USERS (sign-in users name:password:group+group;...; an editor
                  and a contributor with random passwords when unset)""";
    }
}
