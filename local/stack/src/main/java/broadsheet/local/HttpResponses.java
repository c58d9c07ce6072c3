package broadsheet.local;

import broadsheet.lambda.http.Problem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes complete responses; the body is omitted for HEAD, 204 and 304. */
final class HttpResponses {

    static final String PROBLEM_JSON = "application/problem+json";

    private HttpResponses() {
    }

    static void send(Request request, Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        boolean noBody = status == 204 || status == 304 || HttpMethod.HEAD.is(request.getMethod());
        if (noBody) {
            if (status != 204 && status != 304 && body.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            }
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * An {@code application/problem+json} response (RFC 9457) written by the local server itself,
     * with a type named like the API handler's problem types.
     */
    static void problem(Request request, Response response, Callback callback,
                        String name, int status, String title, String detail) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        send(request, response, callback, status, problemJson(name, status, title, detail).getBytes(StandardCharsets.UTF_8));
    }

    static String problemJson(String name, int status, String title, String detail) {
        return "{\"type\":\"" + Problem.TYPE_PREFIX + escape(name) + "\",\"title\":\"" + escape(title)
                + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
