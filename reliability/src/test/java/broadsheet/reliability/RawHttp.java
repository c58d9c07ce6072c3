package broadsheet.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: wrong methods, raw paths with encoded
 * dots, duplicate or huge headers, bodies in any encoding. {@code Connection: close}; the answer
 * is read to the end of the stream.
 */
final class RawHttp {

    /** One request as sent; {@code headers} are name/value pairs in order (repeats allowed). */
    record Request(String label, String method, String target, List<String[]> headers, byte[] body,
                   boolean contentLength) {
    }

    /** The parsed answer; status -1 when the server closed the connection without one. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Response send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(("Host: localhost:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String[] header : request.headers()) {
                head.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (request.contentLength()) {
                head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            byte[] bytes = head.toByteArray();
            // Written on another thread while this one reads: a server that answers 413 and closes
            // before reading the whole body must still have its answer read.
            Thread writer = new Thread(() -> {
                try {
                    out.write(bytes);
                    out.write(request.body());
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading; its answer is what counts
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                if (answer.size() == 0) {
                    throw new IOException(request.label() + ": connection reset before any answer", e);
                }
            }
            return parse(answer.toByteArray());
        }
    }

    static Response parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (raw.length == 0 || end < 0) {
            return new Response(-1, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Builds requests to the API with the usual headers unless told otherwise. */
    static final class Builder {
        private final String label;
        private String method = "POST";
        private String target = "/api/articles";
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean contentLength = true;
        private boolean token = true;
        private String contentType = "application/json";

        Builder(String label) {
            this.label = label;
        }

        Builder method(String m) { method = m; return this; }
        Builder target(String t) { target = t; return this; }
        Builder header(String name, String value) { headers.add(new String[] {name, value}); return this; }
        Builder body(byte[] b) { body = b; return this; }
        Builder body(String s) { body = s.getBytes(StandardCharsets.UTF_8); return this; }
        Builder noContentLength() { contentLength = false; return this; }
        Builder noToken() { token = false; return this; }
        Builder contentType(String type) { contentType = type; return this; }

        Request build() {
            List<String[]> all = new ArrayList<>();
            if (token) {
                all.add(new String[] {"Authorization", "Bearer " + RunningStack.TOKEN});
            }
            if (contentType != null) {
                all.add(new String[] {"Content-Type", contentType});
            }
            all.addAll(headers);
            return new Request(label, method, target, all, body, contentLength);
        }
    }
}
