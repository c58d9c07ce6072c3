package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point of the change-feed function ({@code broadsheet.lambda.PublisherHandler::handleRequest}),
 * triggered by the table's stream with partial batch responses. It reads the stream event JSON
 * itself ({@link StreamEventJson}); see {@link ChangeFeed} for how failures are reported.
 */
public final class PublisherHandler implements RequestStreamHandler {

    private final ChangeFeed feed;

    public PublisherHandler() {
        this(Wiring.fromEnvironment().changeFeed());
    }

    public PublisherHandler(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        StreamEventJson.writeResponse(feed.apply(StreamEventJson.read(event)), response);
    }
}
