package broadsheet.lambda.stream.replay;

import broadsheet.lambda.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Entry point of the replay function ({@code broadsheet.lambda.stream.replay.ReplayHandler::handleRequest}),
 * invoked on demand ({@code infra/bin/replay-failed}): republishes every batch in the stream
 * mapping's on-failure bucket from the articles' current state ({@link FailedPublishes}) and
 * answers {@code {"objects":n,"republished":n,"remaining":[keys]}}. The event is ignored.
 */
public final class ReplayHandler implements RequestStreamHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FailedPublishes failures;

    public ReplayHandler() {
        this(Wiring.fromEnvironment().failedPublishes());
    }

    public ReplayHandler(FailedPublishes failures) {
        this.failures = failures;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        FailedPublishes.Outcome outcome = failures.replay();
        ObjectNode body = JSON.createObjectNode();
        body.put("objects", outcome.objects());
        body.put("republished", outcome.republished());
        outcome.remaining().forEach(body.putArray("remaining")::add);
        try {
            response.write(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
