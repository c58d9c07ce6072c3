package broadsheet.local;

import broadsheet.lambda.StreamInvocation;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@code /api/...} the way API Gateway does in AWS: the request becomes an HTTP API
 * (payload 2.0) event, the authorizer emulation adds the editor's claims, the same API handler
 * class that runs in Lambda answers, invoked as the Lambda runtime invokes it (event JSON in,
 * response JSON out), and its response is written back. Bodies larger than the
 * limit are refused with 413 before more than limit + 1 bytes are read.
 */
public final class ApiBridge implements Request.Handler {

    private static final Logger LOG = Logger.getLogger(ApiBridge.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final RequestStreamHandler handler;
    private final EditorAuthorizer authorizer;
    private final ApiEvents events;
    private final int maxBodyBytes;
    private final Clock clock;

    public ApiBridge(RequestStreamHandler handler,
                     EditorAuthorizer authorizer, ApiEvents events, int maxBodyBytes, Clock clock) {
        this.handler = handler;
        this.authorizer = authorizer;
        this.events = events;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        Optional<byte[]> body = readBody(request);
        if (body.isEmpty()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            HttpResponses.problem(request, response, callback, "body-too-large", 413, "Content Too Large",
                    "The request body is larger than " + maxBodyBytes + " bytes.");
            return true;
        }
        LocalRequest local = new LocalRequest(
                request.getMethod(),
                request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(),
                headers(request.getHeaders()),
                body.get(),
                Request.getRemoteAddr(request),
                request.getConnectionMetaData().getProtocol());
        byte[] event = MAPPER.writeValueAsBytes(events.toEvent(
                local, authorizer.claims(local.header("Authorization")), clock.instant()));
        JsonNode answer;
        try {
            answer = MAPPER.readTree(StreamInvocation.invoke(handler, event, new LocalLambdaContext("broadsheet-api", TIMEOUT)));
        } catch (RuntimeException e) {
            // In AWS an unhandled error becomes a 500 from API Gateway; the detail goes to the log only.
            LOG.log(Level.SEVERE, "API handler failed", e);
            HttpResponses.problem(request, response, callback, "internal-error", 500, "Internal Server Error",
                    "The request could not be handled.");
            return true;
        }
        write(request, response, callback, answer);
        return true;
    }

    /** Header name (as sent) to its values, in the order received. */
    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /**
     * The whole body, or empty when it is larger than the limit. At most limit + 1 bytes are read,
     * whatever the declared Content-Length, so a huge upload costs no more than the limit.
     */
    private Optional<byte[]> readBody(Request request) throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        byte[] bytes = in.readNBytes(maxBodyBytes + 1);
        return bytes.length > maxBodyBytes ? Optional.empty() : Optional.of(bytes);
    }

    /**
     * API Gateway serves HTTPS only, so the handler builds absolute URLs (Location) with https and
     * the domain it was called on; the local server speaks plain HTTP on that same authority.
     */
    private String localUrl(String value) {
        String https = "https://" + events.domainName();
        if (value != null && (value.equals(https) || value.startsWith(https + "/"))) {
            return "http://" + value.substring("https://".length());
        }
        return value;
    }

    /** Writes the function's answer as API Gateway does: its status, headers, cookies and body. */
    private void write(Request request, Response out, Callback callback, JsonNode response) {
        HttpFields.Mutable headers = out.getHeaders();
        response.path("multiValueHeaders").properties().forEach(e ->
                e.getValue().values().forEach(v -> headers.add(e.getKey(), v.asString())));
        response.path("headers").properties().forEach(e -> headers.put(e.getKey(), localUrl(e.getValue().asString())));
        response.path("cookies").values().forEach(c -> headers.add("Set-Cookie", c.asString()));
        JsonNode body = response.path("body");
        byte[] bytes;
        if (!body.isString()) {
            bytes = new byte[0];
        } else if (response.path("isBase64Encoded").asBoolean(false)) {
            bytes = Base64.getDecoder().decode(body.stringValue());
        } else {
            bytes = body.stringValue().getBytes(StandardCharsets.UTF_8);
        }
        int status = response.path("statusCode").asInt(0);
        HttpResponses.send(request, out, callback, status == 0 ? 200 : status, bytes);
    }
}
