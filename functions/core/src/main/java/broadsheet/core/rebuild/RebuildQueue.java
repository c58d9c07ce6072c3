package broadsheet.core.rebuild;

import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.SiteRebuild;

import java.util.List;

/**
 * Where the units of a fanned-out rebuild wait to be run ({@link RebuildFanOut}): an SQS queue in
 * AWS. Delivery is at least once, in any order.
 */
public interface RebuildQueue {

    /**
     * Sends the units; returns once every one of them is stored in the queue.
     *
     * @throws RebuildQueueException when the queue refuses or cannot be reached
     */
    void send(List<SiteRebuild.Unit> units);
}
