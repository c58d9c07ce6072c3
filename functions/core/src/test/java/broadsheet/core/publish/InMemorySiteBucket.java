package broadsheet.core.publish;

import broadsheet.core.publish.SiteBucket;

import broadsheet.core.render.RenderedPage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SiteBucket} in memory, for tests, the export command and benchmarks. Thread-safe; each
 * put is one atomic check-and-write of the revision and content-hash rule, and the uploads and
 * deletes it performed are counted.
 *
 * <p>When a page with the same bytes arrives with a newer revision, nothing is uploaded but the
 * stored revision moves up to it. Otherwise a page could go A (revision 1), stay A at revision 3
 * (same bytes, skipped) and then be overwritten by a slow publisher's B of revision 2.
 */
public final class InMemorySiteBucket implements SiteBucket {

    private final ConcurrentSkipListMap<String, StoredPage> pages = new ConcurrentSkipListMap<>();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    @Override
    public boolean put(RenderedPage page, long revision) {
        String hash = page.contentHash();
        AtomicBoolean uploaded = new AtomicBoolean();
        pages.compute(page.key(), (key, stored) -> {
            if (stored != null && stored.contentHash().equals(hash)) {
                return stored.revision() >= revision ? stored
                        : new StoredPage(stored.contentType(), stored.cacheControl(), stored.body(), revision, hash,
                                stored.redirectLocation());
            }
            if (stored != null && stored.revision() >= revision) {
                return stored;
            }
            uploaded.set(true);
            return new StoredPage(page.contentType(), page.cacheControl(), page.body(), revision, hash,
                    page.redirectLocation());
        });
        if (uploaded.get()) {
            puts.incrementAndGet();
        }
        return uploaded.get();
    }

    @Override
    public void delete(String key) {
        if (pages.remove(key) != null) {
            deletes.incrementAndGet();
        }
    }

    @Override
    public Optional<StoredPage> get(String key) {
        StoredPage stored = pages.get(key);
        return stored == null ? Optional.empty()
                : Optional.of(new StoredPage(stored.contentType(), stored.cacheControl(), stored.body().clone(),
                        stored.revision(), stored.contentHash(), stored.redirectLocation()));
    }

    @Override
    public List<String> keys(String prefix) {
        return pages.tailMap(prefix, true).keySet().stream().takeWhile(key -> key.startsWith(prefix)).toList();
    }

    /** Pages uploaded so far (skipped puts are not counted). */
    public long puts() {
        return puts.get();
    }

    /** Pages deleted so far (deletes of missing pages are not counted). */
    public long deletes() {
        return deletes.get();
    }
}
