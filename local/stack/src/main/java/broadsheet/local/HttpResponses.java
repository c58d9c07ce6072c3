package broadsheet.local;

import broadsheet.lambda.Problem;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes responses on an {@link HttpExchange}; the body is omitted for HEAD, 204 and 304. */
final class HttpResponses {

    private HttpResponses() {
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        if (noBody) {
            if (status != 204 && status != 304 && body.length > 0) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
        } else if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * An {@code application/problem+json} response (RFC 9457) written by the local server itself,
     * with a type named like the API handler's problem types.
     */
    static void problem(HttpExchange exchange, String name, int status, String title, String detail) throws IOException {
        String json = "{\"type\":\"" + Problem.TYPE_PREFIX + escape(name) + "\",\"title\":\"" + escape(title)
                + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
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
