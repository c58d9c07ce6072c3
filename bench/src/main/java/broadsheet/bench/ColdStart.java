package broadsheet.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The first request of a fresh function JVM, run in a child process by {@link ColdStartBench}
 * with the deployable jar, the Lambda runtime's event serializer and this class on its class
 * path, configured by environment variables as Lambda configures a function:
 * <ul>
 *   <li>{@code api EVENT.json}: reads the API Gateway event as the runtime does, builds
 *       {@code ApiHandler} by its no-argument constructor (the production wiring) and handles it;</li>
 *   <li>{@code publish EVENT.json}: the same for a DynamoDB stream batch and {@code PublisherHandler};</li>
 *   <li>{@code train API.json STREAM.json}: both, one after the other (to archive the classes of both).</li>
 * </ul>
 * The floor next to it is {@link ColdStartFloor}, a trivial main on the same class path and flags.
 * Prints {@code done <epoch microseconds> <result>} when the request has completed, and a
 * {@code phase} line when main starts, when the event is read and when the handler is built; the
 * parent measures from just before it started the process.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws IOException {
        phase("main");
        String mode = args[0];
        String result;
        switch (mode) {
            case "api" -> {
                APIGatewayV2HTTPEvent event;
                try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                    event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                            ColdStart.class.getClassLoader()).fromJson(in);
                }
                phase("event");
                broadsheet.lambda.ApiHandler handler = new broadsheet.lambda.ApiHandler();
                phase("init");
                APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
                result = Integer.toString(response.getStatusCode());
            }
            case "publish" -> {
                DynamodbEvent event;
                try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                    event = LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                            ColdStart.class.getClassLoader()).fromJson(in);
                }
                phase("event");
                broadsheet.lambda.PublisherHandler handler = new broadsheet.lambda.PublisherHandler();
                phase("init");
                StreamsEventResponse response = handler.handleRequest(event, null);
                result = "failures=" + response.getBatchItemFailures().size();
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

    /** When a phase ended: {@code main} (the JVM reached main), {@code event} (read), {@code init} (handler built). */
    private static void phase(String name) {
        System.out.println("phase " + name + " " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }
}
