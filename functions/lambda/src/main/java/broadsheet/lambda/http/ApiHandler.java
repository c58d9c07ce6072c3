package broadsheet.lambda.http;

import broadsheet.lambda.Priming;
import broadsheet.lambda.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point of the HTTP API function ({@code broadsheet.lambda.http.ApiHandler::handleRequest}). It
 * reads the API Gateway event JSON itself ({@link ApiGatewayMapping}), so the runtime's POJO
 * serializer never loads. The runtime uses the no-argument constructor, which wires the
 * production collaborators once per container and registers the SnapStart {@link Priming}
 * ({@link ArticleApi#prime}); tests hand in an {@link ArticleApi} over their own store and clock.
 */
public final class ApiHandler implements RequestStreamHandler {

    private final ArticleApi api;
    private final Priming priming;

    public ApiHandler() {
        this.api = Wiring.fromEnvironment().articleApi();
        this.priming = Priming.registered(api::prime);
    }

    public ApiHandler(ArticleApi api) {
        this.api = api;
        this.priming = new Priming(api::prime);
    }

    /** The SnapStart priming of this function (registered with CRaC by the production constructor). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        ApiGatewayMapping.write(api.handle(ApiGatewayMapping.read(event)), response);
    }
}
