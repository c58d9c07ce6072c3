package broadsheet.local;

import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.util.function.Function;

/** Stand-in publisher functions for the change-feed tests: typed code behind the stream interface Lambda calls. */
final class PublisherFunctions {

    private PublisherFunctions() {
    }

    static RequestStreamHandler of(Function<StreamEvent, StreamBatchResponse> publish) {
        return (in, out, context) -> StreamEventJson.writeResponse(publish.apply(StreamEventJson.read(in)), out);
    }
}
