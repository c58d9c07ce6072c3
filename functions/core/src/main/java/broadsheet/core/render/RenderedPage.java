package broadsheet.core.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A page rendered to a value: where it goes in the bucket, how it is served and its bytes.
 * Only sinks do I/O.
 *
 * @param key          the bucket key, e.g. {@code world/some-slug/index.html}
 * @param contentType  with charset, e.g. {@code text/html; charset=utf-8}
 * @param cacheControl the Cache-Control header for this kind of page
 * @param redirectLocation for a page that stands in for a moved one: the site path (or absolute
 *                     URL) it redirects to, stored as object metadata ({@code redirect-location})
 *                     so that the edge or the local site server can answer with a 301; the body
 *                     still redirects a browser by itself
 */
public record RenderedPage(String key, String contentType, String cacheControl, byte[] body,
                           Optional<String> redirectLocation) {

    public RenderedPage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
        Objects.requireNonNull(redirectLocation, "redirectLocation");
        body = body.clone();
    }

    /** A page that redirects nowhere: every page except a redirect. */
    public RenderedPage(String key, String contentType, String cacheControl, byte[] body) {
        this(key, contentType, cacheControl, body, Optional.empty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Hex SHA-256 of the body (and of the redirect location, when there is one): compared before uploading so unchanged pages are not rewritten. */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body);
            redirectLocation.ifPresent(l -> digest.update(("\nredirect:" + l).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedPage p && key.equals(p.key) && contentType.equals(p.contentType)
                && cacheControl.equals(p.cacheControl) && Arrays.equals(body, p.body)
                && redirectLocation.equals(p.redirectLocation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, contentType, cacheControl, Arrays.hashCode(body), redirectLocation);
    }

    @Override
    public String toString() {
        return "RenderedPage[" + key + ", " + contentType + ", " + body.length + " bytes"
                + redirectLocation.map(l -> ", redirect to " + l).orElse("") + "]";
    }
}
