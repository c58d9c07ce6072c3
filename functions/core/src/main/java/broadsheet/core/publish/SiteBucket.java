package broadsheet.core.publish;

import broadsheet.core.render.PageRevision;

import broadsheet.core.render.RenderedPage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bucket readers are served from. Every page carries a revision ({@link PageRevision}: the
 * article version for article pages, the listing version for listing pages, then the render
 * generation): an upload never replaces a stored page of a newer revision, and a page whose bytes
 * are unchanged is not rewritten.
 */
public interface SiteBucket {

    /**
     * Uploads the page (with its redirect location, if any, as metadata) unless the stored copy has a revision at least {@code revision} or the
     * same content hash. The check and the write are one conditional write, retried on conflict.
     *
     * @return true when the page was written
     */
    boolean put(RenderedPage page, long revision);

    /** Deletes the page; deleting a missing page is not an error. */
    void delete(String key);

    /** The stored page, for readers of the bucket (the local site server, tests). */
    Optional<StoredPage> get(String key);

    /** Every key under the prefix, in key order. */
    List<String> keys(String prefix);

    /**
     * A stored page; {@code redirectLocation} is present for a page that stands in for a moved one
     * (object metadata {@code redirect-location}, {@code x-amz-meta-redirect-location} on S3).
     */
    record StoredPage(String contentType, String cacheControl, byte[] body, long revision, String contentHash,
                      Optional<String> redirectLocation) {

        public StoredPage {
            Objects.requireNonNull(redirectLocation, "redirectLocation");
        }

        public StoredPage(String contentType, String cacheControl, byte[] body, long revision, String contentHash) {
            this(contentType, cacheControl, body, revision, contentHash, Optional.empty());
        }
    }
}
