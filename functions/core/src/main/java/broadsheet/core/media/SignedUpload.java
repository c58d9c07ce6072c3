package broadsheet.core.media;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed one-time upload: the URL and the instant it stops working. That instant can come
 * before the validity asked for: a URL signed with temporary credentials stops working when they
 * expire.
 */
public record SignedUpload(URI url, Instant expiresAt) {

    public SignedUpload {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
