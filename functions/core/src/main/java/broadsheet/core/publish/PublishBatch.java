package broadsheet.core.publish;

import broadsheet.core.render.Pages;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The changes of one delivery (a stream batch), published one by one and invalidated at the edge
 * together: {@link #apply} publishes a change and keeps the edge paths it made stale,
 * {@link #invalidate} sends all of them in one request, after every bucket write of the changes
 * applied so far has succeeded. One invalidation per batch rather than per change keeps the
 * number of invalidations in progress, which CloudFront limits, low. From {@link Publisher#batch()};
 * for one thread.
 */
public final class PublishBatch {

    private final BiConsumer<ArticleChange, Instant> publish;
    private final Clock clock;
    private final Pages pages;
    private final List<String> sections;
    private final EdgeCache edge;
    private final SortedSet<String> stale = new TreeSet<>();
    private final SortedSet<String> changes = new TreeSet<>();

    PublishBatch(BiConsumer<ArticleChange, Instant> publish, Clock clock, Pages pages, List<String> sections,
                 EdgeCache edge) {
        this.publish = publish;
        this.clock = clock;
        this.pages = pages;
        this.sections = sections;
        this.edge = edge;
    }

    /**
     * Publishes the change as {@link Publisher#apply} does, without invalidating: its stale paths
     * wait for {@link #invalidate}. A change that throws adds no paths (the caller retries it).
     */
    public void apply(ArticleChange change) {
        Instant now = clock.instant();
        publish.accept(change, now);
        SortedSet<String> paths = EdgePaths.stale(change, now, pages, sections);
        if (!paths.isEmpty()) {
            stale.addAll(paths);
            changes.add(EdgePaths.identity(change));
        }
    }

    /** The edge paths waiting for {@link #invalidate}. */
    public SortedSet<String> stalePaths() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(stale));
    }

    /**
     * Invalidates every stale path of the changes applied since the last call, in one request
     * (none when there is nothing stale).
     *
     * @throws EdgeCacheException when the edge refused; the paths stay, and the caller retries the batch
     */
    public void invalidate() {
        if (stale.isEmpty()) {
            return;
        }
        edge.invalidate(EdgePaths.reference(changes, stale), List.copyOf(stale));
        stale.clear();
        changes.clear();
    }
}
