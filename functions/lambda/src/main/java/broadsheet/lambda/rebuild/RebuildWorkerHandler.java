package broadsheet.lambda.rebuild;

import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.RebuildUnitCodec;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.lambda.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the rebuild worker function ({@code broadsheet.lambda.rebuild.RebuildWorkerHandler::handleRequest}),
 * fed by the rebuild queue's event source mapping: for each SQS message, one rebuild unit, rendered
 * and uploaded, and its continuation sent to the queue before the message counts as done
 * ({@link RebuildFanOut#work}). Logs one progress line per unit. A unit that fails (or a body
 * that is not a unit) is reported in {@code batchItemFailures}, so only its message is received
 * again, and after the queue's maximum receives goes to the dead-letter queue.
 */
public final class RebuildWorkerHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(RebuildWorkerHandler.class.getName());

    /** The parts of an SQS event the worker reads. */
    record SqsEvent(@JsonProperty("Records") List<SqsMessage> records) {
    }

    record SqsMessage(String messageId, String body, Map<String, String> attributes) {
    }

    record BatchResponse(List<ItemFailure> batchItemFailures) {
    }

    record ItemFailure(String itemIdentifier) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final RebuildUnitCodec codec = new RebuildUnitCodec();
    private final RebuildFanOut fanOut;

    public RebuildWorkerHandler() {
        this(Wiring.fromEnvironment().rebuildFanOut());
    }

    public RebuildWorkerHandler(RebuildFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsEvent event;
        try {
            event = json.readValue(input, SqsEvent.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an SQS event", e);
        }
        List<ItemFailure> failures = new ArrayList<>();
        for (SqsMessage message : event.records() == null ? List.<SqsMessage>of() : event.records()) {
            if (!work(message)) {
                failures.add(new ItemFailure(message.messageId()));
            }
        }
        json.writeValue(output, new BatchResponse(failures));
    }

    private boolean work(SqsMessage message) {
        String receives = message.attributes() == null ? "?" : message.attributes().getOrDefault("ApproximateReceiveCount", "?");
        SiteRebuild.Unit unit;
        try {
            unit = codec.decode(message.body() == null ? "" : message.body());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "rebuild message " + message.messageId() + " is not a unit: " + e.getMessage());
            return false;
        }
        long start = System.nanoTime();
        try {
            SiteRebuild.Done done = fanOut.work(unit);
            LOG.log(System.Logger.Level.INFO, String.format("rebuild %s: %d articles, %d listings, %d pages uploaded"
                            + " in %d ms, generation %d, receive %s, %s", unit.describe(), done.articles(), done.listings(),
                    done.uploads(), (System.nanoTime() - start) / 1_000_000, fanOut.generation(), receives,
                    done.next().isPresent() ? "continues" : "done"));
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "rebuild " + unit.describe() + " failed (receive " + receives
                    + "), it will be received again: " + e, e);
            return false;
        }
    }
}
