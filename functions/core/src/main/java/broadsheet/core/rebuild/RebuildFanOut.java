package broadsheet.core.rebuild;

import broadsheet.core.rebuild.RebuildQueue;
import broadsheet.core.rebuild.SiteRebuild;

import java.util.List;
import java.util.Objects;

/**
 * A {@link SiteRebuild} fanned out through a {@link RebuildQueue}: {@link #start} sends the
 * starting units (one per section, one per listing segment, the fixed pages); whoever receives a
 * unit calls {@link #work}, which renders it and sends the unit that carries on after it
 * <em>before</em> returning, so the unit's message may be acknowledged only once its continuation
 * is safely queued.
 *
 * <ul>
 *   <li>Parallelism is bounded by the number of units in flight (sections + listing segments + 1,
 *       each a chain of continuations) and by however many consumers the queue has.</li>
 *   <li>Nothing holds the site: a unit is one page of articles or listings.</li>
 *   <li>An interrupted rebuild resumes from the units still in the queue; a unit that failed is
 *       received again and run again (uploads are idempotent: a unit run twice uploads nothing the
 *       second time). A unit whose continuation was sent but whose message was not acknowledged
 *       is run again and sends its continuation again: that chain is then run twice, which costs
 *       reads but no uploads.</li>
 * </ul>
 */
public final class RebuildFanOut {

    private final SiteRebuild rebuild;
    private final RebuildQueue queue;

    public RebuildFanOut(SiteRebuild rebuild, RebuildQueue queue) {
        this.rebuild = Objects.requireNonNull(rebuild, "rebuild");
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** Sends the starting units of a rebuild with {@code listingSegments} listing segments; returns them. */
    public List<SiteRebuild.Unit> start(int listingSegments) {
        List<SiteRebuild.Unit> units = rebuild.units(listingSegments);
        queue.send(units);
        return units;
    }

    /** Renders one unit and queues its continuation, if any. */
    public SiteRebuild.Done work(SiteRebuild.Unit unit) {
        SiteRebuild.Done done = rebuild.run(unit);
        done.next().ifPresent(next -> queue.send(List.of(next)));
        return done;
    }

    /** The render generation the workers upload with. */
    public int generation() {
        return rebuild.generation();
    }
}
