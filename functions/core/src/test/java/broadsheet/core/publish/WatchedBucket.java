package broadsheet.core.publish;

import broadsheet.core.render.RenderedPage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** A site bucket that runs a hook with the page's key before each upload: another writer's moment, for tests. */
public final class WatchedBucket implements SiteBucket {
    private final SiteBucket delegate;
    private final Consumer<String> beforePut;

    public WatchedBucket(SiteBucket delegate, Consumer<String> beforePut) {
        this.delegate = delegate;
        this.beforePut = beforePut;
    }

    /**
     * A bucket that runs {@code action} once, just before the first upload of {@code key}: another
     * writer's change landing in that moment.
     */
    public static WatchedBucket onceBefore(SiteBucket delegate, String key, Runnable action) {
        AtomicReference<Runnable> once = new AtomicReference<>(action);
        return new WatchedBucket(delegate, put -> {
            if (put.equals(key)) {
                once.getAndSet(() -> { }).run();
            }
        });
    }

    @Override
    public boolean put(RenderedPage page, long revision) {
        beforePut.accept(page.key());
        return delegate.put(page, revision);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public Optional<StoredPage> get(String key) {
        return delegate.get(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return delegate.keys(prefix);
    }
}
