package broadsheet.lambda;

import broadsheet.lambda.http.ApiHandler;
import broadsheet.lambda.http.HttpResponse;
import broadsheet.lambda.stream.PublisherHandler;
import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invokes the stream handlers as the Lambda Java runtime does ({@link StreamInvocation}), then
 * reads the answer JSON back for the assertions.
 */
public final class Invocations {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Invocations() {
    }

    public static byte[] invoke(RequestStreamHandler handler, byte[] event) {
        return StreamInvocation.invoke(handler, event, null);
    }

    /** The API function's answer to an event, read from the API Gateway response JSON. */
    public static HttpResponse api(ApiHandler handler, ApiGatewayEvents event) {
        return api(handler, event.json());
    }

    public static HttpResponse api(ApiHandler handler, String eventJson) {
        JsonNode answer = MAPPER.readTree(invoke(handler, eventJson.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().stringValue()));
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            throw new AssertionError("the API answers text bodies only: " + answer);
        }
        return new HttpResponse(answer.path("statusCode").intValue(), headers,
                answer.path("body").asString("").getBytes(StandardCharsets.UTF_8));
    }

    public static StreamBatchResponse publish(PublisherHandler handler, String eventJson) {
        return StreamEventJson.readResponse(invoke(handler, eventJson.getBytes(StandardCharsets.UTF_8)));
    }

    public static StreamBatchResponse publish(PublisherHandler handler, StreamEvent event) {
        return StreamEventJson.readResponse(invoke(handler, StreamEventJson.write(event)));
    }

    /** The answer of a function that answers JSON (the schedule and rebuild start functions). */
    public static JsonNode answer(RequestStreamHandler handler, String inputJson) {
        return MAPPER.readTree(invoke(handler, inputJson.getBytes(StandardCharsets.UTF_8)));
    }
}
