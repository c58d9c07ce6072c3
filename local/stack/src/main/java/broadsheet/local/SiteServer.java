package broadsheet.local;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.SiteBucket.StoredPage;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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
 * A page left at the old key of a moved article (its {@code redirect-location} metadata) is
 * answered with a 301 to the new location, as an origin-response function could do at the edge;
 * the page itself (meta refresh and canonical link) is what CloudFront serves (docs/design.md).
 */
public final class SiteServer implements Request.Handler {

    private static final Logger LOG = Logger.getLogger(SiteServer.class.getName());

    private final SiteBucket bucket;

    public SiteServer(SiteBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpFields.Mutable out = response.getHeaders();
        out.put("X-Content-Type-Options", "nosniff");
        try {
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                out.put(HttpHeader.ALLOW, "GET, HEAD");
                HttpResponses.problem(request, response, callback, "method-not-allowed", 405, "Method Not Allowed",
                        "The site is read-only: use GET or HEAD.");
                return true;
            }
            SitePaths.Route route = SitePaths.resolve(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
            if (route instanceof SitePaths.Invalid) {
                HttpResponses.problem(request, response, callback, "bad-path", 400, "Bad Request", "This path cannot name a page.");
            } else if (route instanceof SitePaths.Redirect redirect) {
                out.put(HttpHeader.LOCATION, redirect.location());
                out.put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
                HttpResponses.send(request, response, callback, 301, new byte[0]);
            } else if (route instanceof SitePaths.Page page) {
                servePage(request, response, callback, page.key());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "site request failed", e);
            HttpResponses.problem(request, response, callback, "bucket-unavailable", 502, "Bad Gateway", "The bucket could not be read.");
        }
        return true;
    }

    private void servePage(Request request, Response response, Callback callback, String key) {
        Optional<StoredPage> found = bucket.get(key);
        HttpFields.Mutable out = response.getHeaders();
        if (found.isEmpty()) {
            Optional<StoredPage> notFound = bucket.get(SitePaths.NOT_FOUND_KEY);
            if (notFound.isPresent()) {
                describe(out, notFound.get());
                HttpResponses.send(request, response, callback, 404, notFound.get().body());
            } else {
                out.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                HttpResponses.send(request, response, callback, 404, "Not found\n".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        StoredPage page = found.get();
        if (page.redirectLocation().isPresent() && page.redirectLocation().get().startsWith("/")
                && !page.redirectLocation().get().startsWith("//")) {
            out.put(HttpHeader.LOCATION, page.redirectLocation().get());
            if (page.cacheControl() != null) {
                out.put(HttpHeader.CACHE_CONTROL, page.cacheControl());
            }
            HttpResponses.send(request, response, callback, 301, new byte[0]);
            return;
        }
        String etag = etag(page);
        describe(out, page);
        out.put(HttpHeader.ETAG, etag);
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            HttpResponses.send(request, response, callback, 304, new byte[0]);
            return;
        }
        HttpResponses.send(request, response, callback, 200, page.body());
    }

    private static void describe(HttpFields.Mutable out, StoredPage page) {
        out.put(HttpHeader.CONTENT_TYPE, page.contentType() == null ? "application/octet-stream" : page.contentType());
        if (page.cacheControl() != null) {
            out.put(HttpHeader.CACHE_CONTROL, page.cacheControl());
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
