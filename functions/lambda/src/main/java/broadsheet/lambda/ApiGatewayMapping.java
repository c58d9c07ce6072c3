package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Translates API Gateway HTTP API (payload format 2.0) events to {@link HttpRequest} and back. */
final class ApiGatewayMapping {

    private ApiGatewayMapping() {
    }

    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "";
        String path = event.getRawPath() != null ? event.getRawPath()
                : context != null && context.getHttp() != null ? context.getHttp().getPath() : "/";
        Map<String, String> claims = Map.of();
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null
                && context.getAuthorizer().getJwt().getClaims() != null) {
            claims = context.getAuthorizer().getJwt().getClaims();
        }
        String apiBase = context != null && context.getDomainName() != null && !context.getDomainName().isBlank()
                ? "https://" + context.getDomainName() : "";
        // On a named stage (not $default) the raw path starts with the stage name.
        String stagePrefix = context == null || context.getStage() == null || context.getStage().equals("$default")
                ? "" : "/" + context.getStage();
        if (!stagePrefix.isEmpty() && path.startsWith(stagePrefix + "/")) {
            path = path.substring(stagePrefix.length());
            apiBase = apiBase + stagePrefix;
        }
        return new HttpRequest(method == null ? "" : method, path,
                nonNull(event.getHeaders()), nonNull(event.getQueryStringParameters()),
                event.getBody(), event.getIsBase64Encoded(), claims, apiBase);
    }

    static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(new String(response.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
