package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Entry point of the HTTP API function ({@code broadsheet.lambda.ApiHandler::handleRequest}).
 * The runtime uses the no-argument constructor, which wires the production collaborators once
 * per container; tests hand in an {@link ArticleApi} over their own store and clock.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ArticleApi api;

    public ApiHandler() {
        this(Wiring.fromEnvironment().articleApi());
    }

    public ApiHandler(ArticleApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayMapping.response(api.handle(ApiGatewayMapping.request(event)));
    }
}
