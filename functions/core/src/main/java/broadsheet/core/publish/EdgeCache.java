package broadsheet.core.publish;

import java.util.Collection;

/**
 * The CDN in front of the bucket (CloudFront in production). A page the publisher overwrote or
 * deleted stays cached at the edge until its {@code max-age} runs out unless it is invalidated:
 * the publisher names the paths its writes made stale ({@link EdgePaths}) and calls
 * {@link #invalidate} once per batch of changes, after the bucket writes have succeeded.
 */
public interface EdgeCache {

    /** No CDN (tests, export, the local stack without its CDN model): nothing to invalidate. */
    EdgeCache NONE = (reference, paths) -> {
    };

    /**
     * Removes the cached copies of {@code paths} (edge paths: {@code /} and the bucket key, e.g.
     * {@code /world/some-slug/index.html}) from the edge. Returns once the edge has accepted the
     * request; the removal itself completes shortly after.
     *
     * @param reference identifies this batch: the same batch invalidated again (a redelivered
     *                  stream batch) gives the same reference, so the edge can tell a retry from a
     *                  new request
     * @throws EdgeCacheException when the edge cannot take the request now; retry the batch
     */
    void invalidate(String reference, Collection<String> paths);
}
