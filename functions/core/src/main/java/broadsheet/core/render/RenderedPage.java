package broadsheet.core.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A page rendered to a value: where it goes in the bucket, how it is served and its bytes.
 * Only sinks do I/O.
 *
 * @param key          the bucket key, e.g. {@code world/some-slug/index.html}
 * @param contentType  with charset, e.g. {@code text/html; charset=utf-8}
 * @param cacheControl the Cache-Control header for this kind of page
 */
public record RenderedPage(String key, String contentType, String cacheControl, byte[] body) {

    public RenderedPage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Hex SHA-256 of the body: compared before uploading so unchanged pages are not rewritten. */
    public String contentHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedPage p && key.equals(p.key) && contentType.equals(p.contentType)
                && cacheControl.equals(p.cacheControl) && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, contentType, cacheControl, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RenderedPage[" + key + ", " + contentType + ", " + body.length + " bytes]";
    }
}
