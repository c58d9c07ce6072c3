package broadsheet.local;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the editor app (module {@code editor}, built into the classpath under
 * {@code broadsheet/editor/}) at {@value #PREFIX}, as CloudFront would serve it from its bucket:
 * {@code app.js}, {@code app.css}, {@code config.json} (where to sign in and where the API is),
 * and {@code index.html} for every other path of the app. Every answer carries a strict
 * Content-Security-Policy: scripts, styles and connections from this origin only, no inline
 * script, no framing.
 */
public final class EditorAppServer implements Request.Handler {

    public static final String PREFIX = "/admin/";
    static final String RESOURCES = "broadsheet/editor/";
    /** The policy of an app that connects to its own origin only. */
    public static final String POLICY = policy(List.of());

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private record File(String contentType, byte[] body) {
    }

    private final Map<String, File> files = new LinkedHashMap<>();
    private final String policy;

    /**
     * The app's Content-Security-Policy: script, style, images and connections from this origin,
     * and connections to {@code uploadOrigins} too (where presigned media uploads go, the bucket's
     * origin). No inline script or style, no framing of the app; the preview frame is a
     * {@code srcdoc} document, which inherits this policy.
     */
    public static String policy(List<URI> uploadOrigins) {
        String connect = String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("'self'"),
                uploadOrigins.stream().map(u -> u.getScheme() + "://" + u.getAuthority())).toList());
        return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src " + connect + "; "
                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * @param config what {@code config.json} holds: {@code issuer}, {@code clientId},
     *               {@code redirectUri}, {@code api}, {@code sections}, {@code timeZone}
     */
    public EditorAppServer(Map<String, Object> config) {
        this(config, List.of());
    }

    /** @param uploadOrigins where the app PUTs media to presigned URLs, beside its own origin */
    public EditorAppServer(Map<String, Object> config, List<URI> uploadOrigins) {
        this.policy = policy(uploadOrigins);
        load("index.html", "text/html; charset=utf-8");
        load("app.js", "text/javascript; charset=utf-8");
        load("app.css", "text/css; charset=utf-8");
        files.put("config.json", new File("application/json", MAPPER.writeValueAsBytes(config)));
    }

    private void load(String name, String contentType) {
        try (InputStream in = EditorAppServer.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in != null) {
                files.put(name, new File(contentType, in.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the editor app's " + name, e);
        }
    }

    /** Whether the built app is on the classpath (the {@code editor} module was built). */
    public boolean isBuilt() {
        return files.containsKey("index.html") && files.containsKey("app.js");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpFields.Mutable out = response.getHeaders();
        out.put("X-Content-Type-Options", "nosniff");
        out.put("Content-Security-Policy", policy);
        out.put("X-Frame-Options", "DENY");
        out.put("Referrer-Policy", "no-referrer");
        out.put(HttpHeader.CACHE_CONTROL, "no-cache");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            out.put(HttpHeader.ALLOW, "GET, HEAD");
            HttpResponses.problem(request, response, callback, "method-not-allowed", 405, "Method Not Allowed",
                    "The editor app is read-only: use GET or HEAD.");
            return true;
        }
        String path = request.getHttpURI().getPath();
        if (path.equals("/admin")) {
            out.put(HttpHeader.LOCATION, PREFIX);
            HttpResponses.send(request, response, callback, 301, new byte[0]);
            return true;
        }
        Optional<File> file = file(path);
        if (file.isEmpty()) {
            HttpResponses.problem(request, response, callback, isBuilt() ? "not-found" : "editor-not-built",
                    isBuilt() ? 404 : 503, isBuilt() ? "Not Found" : "Service Unavailable",
                    isBuilt() ? "The editor app has no such file." : "The editor app is not built: build the editor module.");
            return true;
        }
        out.put(HttpHeader.CONTENT_TYPE, file.get().contentType());
        HttpResponses.send(request, response, callback, 200, file.get().body());
        return true;
    }

    private Optional<File> file(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = path.substring(PREFIX.length());
        if (files.containsKey(name) && !name.equals("index.html")) {
            return Optional.of(files.get(name));
        }
        // The app's own routes (no file extension) all load the app.
        boolean route = name.isEmpty() || name.equals("index.html") || !name.contains(".");
        return route ? Optional.ofNullable(files.get("index.html")) : Optional.empty();
    }
}
