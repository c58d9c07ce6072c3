package broadsheet.core.publish;

import broadsheet.core.render.RenderedPage;

import java.util.List;
import java.util.Optional;

/**
 * The bucket readers are served from. Every page carries a revision (the article version for
 * article pages, the listing version for listing pages): an upload never replaces a stored page
 * of a newer revision, and a page whose bytes are unchanged is not rewritten.
 */
public interface SiteBucket {

    /**
     * Uploads the page unless the stored copy has a revision at least {@code revision} or the
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

    record StoredPage(String contentType, String cacheControl, byte[] body, long revision, String contentHash) {
    }
}
