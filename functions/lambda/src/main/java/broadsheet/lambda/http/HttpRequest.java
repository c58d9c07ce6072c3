package broadsheet.lambda.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the API sees it, independent of the Lambda event types.
 *
 * @param headers     header names in lower case
 * @param query       query parameters (API Gateway joins repeated ones with commas)
 * @param body        the body text as delivered, base64 when {@code base64Encoded}; empty when absent
 * @param claims      the verified JWT claims, empty when the request carried none
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                          String body, boolean base64Encoded, Map<String, String> claims) {

    public HttpRequest {
        method = method.toUpperCase(Locale.ROOT);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
        query = Map.copyOf(query);
        body = body == null ? "" : body;
        claims = Map.copyOf(claims);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * The length of the body in bytes, worked out without decoding it (a base64 body is measured
     * by its decoded length, a text body by its UTF-8 length).
     */
    public long bodyLength() {
        if (base64Encoded) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return (body.length() - padding) * 3L / 4;
        }
        long length = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * The body bytes.
     *
     * @throws IllegalArgumentException when a base64 body is not valid base64
     */
    public byte[] bodyBytes() {
        return base64Encoded ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
