package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point of the HTTP API function ({@code broadsheet.lambda.ApiHandler::handleRequest}). It
 * reads the API Gateway event JSON itself ({@link ApiGatewayMapping}), so the runtime's POJO
 * serializer never loads. The runtime uses the no-argument constructor, which wires the
 * production collaborators once per container; tests hand in an {@link ArticleApi} over their own
 * store and clock.
 */
public final class ApiHandler implements RequestStreamHandler {

    private final ArticleApi api;

    public ApiHandler() {
        this(Wiring.fromEnvironment().articleApi());
    }

    public ApiHandler(ArticleApi api) {
        this.api = api;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        ApiGatewayMapping.write(api.handle(ApiGatewayMapping.read(event)), response);
    }
}
