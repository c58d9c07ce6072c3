package broadsheet.lambda.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads API Gateway HTTP API (payload format 2.0) event JSON into an {@link HttpRequest} and writes
 * an {@link HttpResponse} as the response JSON API Gateway expects
 * ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}). The API function
 * reads its events with this instead of the Lambda runtime's POJO serializer. The router works
 * from {@code rawPath}, so {@code routeKey} and {@code pathParameters} are not read; query
 * parameters come from {@code queryStringParameters} (repeated names already joined by commas).
 */
final class ApiGatewayMapping {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ApiGatewayMapping() {
    }

    static HttpRequest read(InputStream event) {
        return request(MAPPER.readTree(event));
    }

    static HttpRequest request(JsonNode event) {
        JsonNode context = event.path("requestContext");
        JsonNode http = context.path("http");
        String method = http.path("method").stringValue("");
        String path = event.path("rawPath").stringValue(http.path("path").stringValue("/"));
        // On a named stage (not $default) the raw path starts with the stage name.
        String stage = context.path("stage").stringValue("$default");
        String stagePrefix = stage.equals("$default") ? "" : "/" + stage;
        if (!stagePrefix.isEmpty() && path.startsWith(stagePrefix + "/")) {
            path = path.substring(stagePrefix.length());
        }
        return new HttpRequest(method, path, strings(event.path("headers")),
                strings(event.path("queryStringParameters")), event.path("body").stringValue(null),
                event.path("isBase64Encoded").asBoolean(false),
                strings(context.path("authorizer").path("jwt").path("claims")));
    }

    static void write(HttpResponse response, OutputStream out) {
        MAPPER.writeValue(out, response(response));
    }

    static ObjectNode response(HttpResponse response) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("statusCode", response.status());
        ObjectNode headers = root.putObject("headers");
        response.headers().forEach(headers::put);
        root.put("body", response.bodyText());
        root.put("isBase64Encoded", false);
        return root;
    }

    /**
     * The members of an object as strings. API Gateway sends headers, query parameters and JWT
     * claims as strings; a claim that is not one (an array from some issuers) is kept as its JSON text.
     */
    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (!value.isNull()) {
                map.put(e.getKey(), value.isValueNode() ? value.asString() : value.toString());
            }
        });
        return map;
    }
}
