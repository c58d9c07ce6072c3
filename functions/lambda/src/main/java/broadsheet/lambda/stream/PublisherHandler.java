package broadsheet.lambda.stream;

import broadsheet.lambda.Priming;
import broadsheet.lambda.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Entry point of the change-feed function ({@code broadsheet.lambda.stream.PublisherHandler::handleRequest}),
 * triggered by the table's stream with partial batch responses. It reads the stream event JSON
 * itself ({@link StreamEventJson}); see {@link ChangeFeed} for how failures are reported. The
 * production constructor registers the SnapStart {@link Priming} ({@link PublisherPriming}).
 */
public final class PublisherHandler implements RequestStreamHandler {

    private final ChangeFeed feed;
    private final Priming priming;

    public PublisherHandler() {
        Wiring wiring = Wiring.fromEnvironment();
        this.feed = wiring.changeFeed();
        this.priming = Priming.registered(new PublisherPriming(wiring.site(), wiring.pages(), wiring.clock())::prime);
    }

    /** A publisher over the given change feed, without priming. */
    public PublisherHandler(ChangeFeed feed) {
        this.feed = feed;
        this.priming = new Priming(List::of);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        StreamEventJson.writeResponse(feed.apply(StreamEventJson.read(event)), response);
    }
}
