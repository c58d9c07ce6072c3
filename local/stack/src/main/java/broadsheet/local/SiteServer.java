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
import java.util.LinkedHashMap;
import java.util.Map;
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
 *
 * <p>With a {@link LocalEdge} the answers go through a model of the CDN's cache, as readers get
 * them from CloudFront: cached per key for their {@code max-age}, dropped by an invalidation,
 * marked {@code X-Cache: Hit from cloudfront} or {@code Miss from cloudfront} with an {@code Age}.
 */
public final class SiteServer implements Request.Handler {

    private static final Logger LOG = Logger.getLogger(SiteServer.class.getName());

    private final SiteBucket bucket;
    private final Optional<LocalEdge> edge;

    /** Straight from the bucket, as the origin answers. */
    public SiteServer(SiteBucket bucket) {
        this(bucket, Optional.empty());
    }

    /** Through the modelled CDN cache, when there is one. */
    public SiteServer(SiteBucket bucket, Optional<LocalEdge> edge) {
        this.bucket = bucket;
        this.edge = edge;
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
        LocalEdge.Answer answer;
        HttpFields.Mutable out = response.getHeaders();
        if (edge.isPresent()) {
            LocalEdge.Served served = edge.get().serve(key, () -> origin(key));
            answer = served.answer();
            out.put("X-Cache", served.hit() ? "Hit from cloudfront" : "Miss from cloudfront");
            if (served.hit()) {
                out.put(HttpHeader.AGE, Long.toString(served.ageSeconds()));
            }
        } else {
            answer = origin(key);
        }
        answer.headers().forEach(out::put);
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        Optional<String> etag = answer.header(HttpHeader.ETAG.asString());
        if (answer.status() == 200 && etag.isPresent() && ifNoneMatch != null && matches(ifNoneMatch, etag.get())) {
            HttpResponses.send(request, response, callback, 304, new byte[0]);
            return;
        }
        HttpResponses.send(request, response, callback, answer.status(), answer.body());
    }

    /** What the bucket answers for the key: the page, its redirect, or the 404 page. */
    private LocalEdge.Answer origin(String key) {
        Optional<StoredPage> found = bucket.get(key);
        Map<String, String> headers = new LinkedHashMap<>();
        if (found.isEmpty()) {
            Optional<StoredPage> notFound = bucket.get(SitePaths.NOT_FOUND_KEY);
            if (notFound.isPresent()) {
                describe(headers, notFound.get());
                return new LocalEdge.Answer(404, headers, notFound.get().body());
            }
            headers.put(HttpHeader.CONTENT_TYPE.asString(), "text/plain; charset=utf-8");
            return new LocalEdge.Answer(404, headers, "Not found\n".getBytes(StandardCharsets.UTF_8));
        }
        StoredPage page = found.get();
        if (page.redirectLocation().isPresent() && page.redirectLocation().get().startsWith("/")
                && !page.redirectLocation().get().startsWith("//")) {
            headers.put(HttpHeader.LOCATION.asString(), page.redirectLocation().get());
            if (page.cacheControl() != null) {
                headers.put(HttpHeader.CACHE_CONTROL.asString(), page.cacheControl());
            }
            return new LocalEdge.Answer(301, headers, new byte[0]);
        }
        describe(headers, page);
        headers.put(HttpHeader.ETAG.asString(), etag(page));
        return new LocalEdge.Answer(200, headers, page.body());
    }

    private static void describe(Map<String, String> out, StoredPage page) {
        out.put(HttpHeader.CONTENT_TYPE.asString(), page.contentType() == null ? "application/octet-stream" : page.contentType());
        if (page.cacheControl() != null) {
            out.put(HttpHeader.CACHE_CONTROL.asString(), page.cacheControl());
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
