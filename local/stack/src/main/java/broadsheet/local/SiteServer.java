package broadsheet.local;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.SiteBucket.StoredPage;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the site from the bucket the way CloudFront serves it in production: pretty URLs
 * ({@link SitePaths}), the stored Content-Type and Cache-Control, the 404 page with status 404,
 * an ETag from the content hash with 304 for a matching If-None-Match, and only GET and HEAD.
 */
public final class SiteServer implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SiteServer.class.getName());

    private final SiteBucket bucket;

    public SiteServer(SiteBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            out.set("X-Content-Type-Options", "nosniff");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                out.set("Allow", "GET, HEAD");
                HttpResponses.problem(exchange, "method-not-allowed", 405, "Method Not Allowed", "The site is read-only: use GET or HEAD.");
                return;
            }
            SitePaths.Route route = SitePaths.resolve(
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            if (route instanceof SitePaths.Invalid) {
                HttpResponses.problem(exchange, "bad-path", 400, "Bad Request", "This path cannot name a page.");
            } else if (route instanceof SitePaths.Redirect redirect) {
                out.set("Location", redirect.location());
                out.set("Cache-Control", "public, max-age=300");
                HttpResponses.send(exchange, 301, new byte[0]);
            } else if (route instanceof SitePaths.Page page) {
                servePage(exchange, page.key());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "site request failed", e);
            HttpResponses.problem(exchange, "bucket-unavailable", 502, "Bad Gateway", "The bucket could not be read.");
        }
    }

    private void servePage(HttpExchange exchange, String key) throws IOException {
        Optional<StoredPage> found = bucket.get(key);
        Headers out = exchange.getResponseHeaders();
        if (found.isEmpty()) {
            Optional<StoredPage> notFound = bucket.get(SitePaths.NOT_FOUND_KEY);
            if (notFound.isPresent()) {
                describe(out, notFound.get());
                HttpResponses.send(exchange, 404, notFound.get().body());
            } else {
                out.set("Content-Type", "text/plain; charset=utf-8");
                HttpResponses.send(exchange, 404, "Not found\n".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        StoredPage page = found.get();
        String etag = etag(page);
        describe(out, page);
        out.set("ETag", etag);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            HttpResponses.send(exchange, 304, new byte[0]);
            return;
        }
        HttpResponses.send(exchange, 200, page.body());
    }

    private static void describe(Headers out, StoredPage page) {
        out.set("Content-Type", page.contentType() == null ? "application/octet-stream" : page.contentType());
        if (page.cacheControl() != null) {
            out.set("Cache-Control", page.cacheControl());
        }
    }

    private static String etag(StoredPage page) {
        String hash = page.contentHash();
        if (hash == null || hash.isBlank()) {
            try {
                hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page.body()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
        return "\"" + hash + "\"";
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
