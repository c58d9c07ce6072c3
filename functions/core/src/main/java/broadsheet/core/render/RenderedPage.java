package broadsheet.core.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * <p>Immutable. Not a record, because a record must hand its byte array out and take it in as
 * it is, so an immutable one copies the body on the way in and on every read: for a full rebuild
 * that was a fifth of everything allocated. Here the renderer hands over the bytes it has just
 * made ({@link #rendered}, no copy), and sinks read them through {@link #writeTo},
 * {@link #openBody} or {@link #contentHash} without a copy; {@link #body()} still returns a copy.
 *
 * <p>Fields: {@code key}, the bucket key, e.g. {@code world/some-slug/index.html};
 * {@code contentType}, with charset, e.g. {@code text/html; charset=utf-8}; {@code cacheControl},
 * the Cache-Control header for this kind of page; {@code redirectLocation}, for a page that
 * stands in for a moved one: the site path (or absolute URL) it redirects to, stored as object
 * metadata ({@code redirect-location}) so that the edge or the local site server can answer with
 * a 301; the body still redirects a browser by itself.
 */
public final class RenderedPage {

    private final String key;
    private final String contentType;
    private final String cacheControl;
    private final byte[] body;
    private final Optional<String> redirectLocation;

    /** A page with a copy of {@code body}. */
    public RenderedPage(String key, String contentType, String cacheControl, byte[] body,
                        Optional<String> redirectLocation) {
        this(key, contentType, cacheControl, redirectLocation, body.clone());
    }

    /** A page that redirects nowhere: every page except a redirect. */
    public RenderedPage(String key, String contentType, String cacheControl, byte[] body) {
        this(key, contentType, cacheControl, body, Optional.empty());
    }

    private RenderedPage(String key, String contentType, String cacheControl, Optional<String> redirectLocation,
                         byte[] owned) {
        this.key = Objects.requireNonNull(key, "key");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
        this.redirectLocation = Objects.requireNonNull(redirectLocation, "redirectLocation");
        this.body = Objects.requireNonNull(owned, "body");
    }

    /** A page that takes {@code owned} as its body without copying it: the caller must not touch the array again. */
    static RenderedPage rendered(String key, String contentType, String cacheControl, byte[] owned,
                                 Optional<String> redirectLocation) {
        return new RenderedPage(key, contentType, cacheControl, redirectLocation, owned);
    }

    public String key() {
        return key;
    }

    public String contentType() {
        return contentType;
    }

    public String cacheControl() {
        return cacheControl;
    }

    public Optional<String> redirectLocation() {
        return redirectLocation;
    }

    /** A copy of the body; sinks write it with {@link #writeTo} or read {@link #openBody} instead. */
    public byte[] body() {
        return body.clone();
    }

    /** The length of the body in bytes. */
    public int length() {
        return body.length;
    }

    /** Writes the body to {@code out}, without a copy. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(body);
    }

    /** A new stream over the body, without a copy (for an upload that may read it more than once). */
    public InputStream openBody() {
        return new ByteArrayInputStream(body);
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
