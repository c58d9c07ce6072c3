package broadsheet.reliability;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.RenderedPage;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SiteBucket} whose writes (puts and deletes) fail at a given rate, as S3 does now and
 * then with a 500 or a reset connection; and which fails every write of a "poisoned" article
 * while it is poisoned, so that its changes exhaust their retries. Reads pass through.
 */
final class FlakyBucket implements SiteBucket {

    /** What the S3 adapter would throw for a failed request. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }

    private final SiteBucket bucket;
    private final Random random;
    private volatile double failureRate;
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    FlakyBucket(SiteBucket bucket, double failureRate, long seed) {
        this.bucket = bucket;
        this.failureRate = failureRate;
        this.random = new Random(seed);
    }

    void failureRate(double rate) {
        failureRate = rate;
    }

    /** Every write of a key containing {@code /<slug>/} fails until {@link #cure}. */
    void poison(String slug) {
        poisoned.add("/" + slug + "/");
    }

    void cure(String slug) {
        poisoned.remove("/" + slug + "/");
    }

    long writes() {
        return writes.get();
    }

    long failures() {
        return failures.get();
    }

    private void maybeFail(String key) {
        writes.incrementAndGet();
        boolean fail;
        synchronized (random) {
            fail = random.nextDouble() < failureRate;
        }
        if (fail || poisoned.stream().anyMatch(key::contains)) {
            failures.incrementAndGet();
            throw new InjectedFailure("injected S3 write failure for " + key);
        }
    }

    @Override
    public boolean put(RenderedPage page, long revision) {
        maybeFail(page.key());
        return bucket.put(page, revision);
    }

    @Override
    public void delete(String key) {
        maybeFail(key);
        bucket.delete(key);
    }

    @Override
    public Optional<StoredPage> get(String key) {
        return bucket.get(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return bucket.keys(prefix);
    }
}
