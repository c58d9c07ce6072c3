package broadsheet.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first request of a fresh function JVM, run in a child process by {@link ColdStartBench}
 * with the deployable jar and this class on its class path, configured by environment variables
 * as Lambda configures a function. The handler is invoked as the Lambda Java runtime invokes a
 * {@link RequestStreamHandler}: the event JSON as bytes in, the answer as bytes out; no event
 * serializer is involved.
 * <ul>
 *   <li>{@code api EVENT.json}: builds {@code ApiHandler} by its no-argument constructor (the
 *       production wiring) and hands it the API Gateway event;</li>
 *   <li>{@code publish EVENT.json}: the same for a DynamoDB stream batch and {@code PublisherHandler};</li>
 *   <li>{@code train API.json STREAM.json}: both, one after the other (to archive the classes of both).</li>
 * </ul>
 * The floor next to it is {@link ColdStartFloor}, a trivial main on the same class path and flags.
 * Prints {@code done <epoch microseconds> <result>} when the request has completed, and a
 * {@code phase} line when main starts, when the event bytes are read and when the handler is
 * built; the parent measures from just before it started the process.
 */
public final class ColdStart {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final Pattern FAILURE = Pattern.compile("\"itemIdentifier\"");

    private ColdStart() {
    }

    public static void main(String[] args) throws IOException {
        phase("main");
        String mode = args[0];
        String result;
        switch (mode) {
            case "api" -> {
                byte[] event = Files.readAllBytes(Path.of(args[1]));
                phase("event");
                RequestStreamHandler handler = new broadsheet.lambda.http.ApiHandler();
                phase("init");
                Matcher status = STATUS.matcher(invoke(handler, event));
                result = status.find() ? status.group(1) : "no-status";
            }
            case "publish" -> {
                byte[] event = Files.readAllBytes(Path.of(args[1]));
                phase("event");
                RequestStreamHandler handler = new broadsheet.lambda.stream.PublisherHandler();
                phase("init");
                result = "failures=" + FAILURE.matcher(invoke(handler, event)).results().count();
            }
            case "train" -> { // both functions' first requests in one JVM, for an AppCDS archive of both
                main(new String[] {"api", args[1]});
                main(new String[] {"publish", args[2]});
                return;
            }
            default -> throw new IllegalArgumentException("mode must be api, publish or train: " + mode);
        }
        System.out.println("done " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + " " + result);
    }

    private static String invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** When a phase ended: {@code main} (the JVM reached main), {@code event} (bytes read), {@code init} (handler built). */
    private static void phase(String name) {
        System.out.println("phase " + name + " " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }
}
