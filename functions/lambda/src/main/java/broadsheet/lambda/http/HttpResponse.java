package broadsheet.lambda.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response as the API produces it; the body is UTF-8 text (JSON or empty). */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public static HttpResponse json(int status, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        return new HttpResponse(status, headers, body);
    }

    public static HttpResponse empty(int status, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Cache-Control", "no-store");
        return new HttpResponse(status, headers, new byte[0]);
    }
}
