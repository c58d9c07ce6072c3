package broadsheet.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the local server received it, before it becomes a Lambda event.
 *
 * @param rawPath  the path exactly as sent (still percent-encoded)
 * @param rawQuery the query string exactly as sent, without '?'; empty when there is none
 * @param headers  header name (any case) to its values, in the order received
 */
public record LocalRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    public LocalRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header, whatever the case of its name; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
