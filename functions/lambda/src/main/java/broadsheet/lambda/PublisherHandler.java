package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/**
 * Entry point of the change-feed function ({@code broadsheet.lambda.PublisherHandler::handleRequest}),
 * triggered by the table's stream with partial batch responses. See {@link ChangeFeed} for how
 * failures are reported.
 */
public final class PublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ChangeFeed feed;

    public PublisherHandler() {
        this(Wiring.fromEnvironment().changeFeed());
    }

    public PublisherHandler(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return feed.apply(event);
    }
}
