package broadsheet.core.publish;

import broadsheet.core.listing.ForwardingListingStore;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A listing store that, right after the first read of a given kind of listing, runs another
 * action (typically another publisher's whole change) before returning: a deterministic
 * interleaving of publishers at the most dangerous points.
 */
final class InterleavingListingStore extends ForwardingListingStore {

    /** Fires once, on whichever thread makes the first matching read (the publisher reads on several at once). */
    private static final class Trigger {
        final ListingId.Kind kind;
        final boolean batch;
        final AtomicReference<Runnable> action;

        Trigger(ListingId.Kind kind, boolean batch, Runnable action) {
            this.kind = kind;
            this.batch = batch;
            this.action = new AtomicReference<>(action);
        }

        void fireIf(boolean batchRead, boolean matches) {
            if (batch == batchRead && matches) {
                Runnable run = action.getAndSet(null);
                if (run != null) {
                    run.run();
                }
            }
        }

        boolean ran() {
            return action.get() == null;
        }
    }

    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Trigger> entryTriggers = new ArrayList<>();
    private final List<Trigger> newestTriggers = new ArrayList<>();

    InterleavingListingStore(ListingStore delegate) {
        super(delegate);
    }

    /** Runs {@code action} once, right after the first single {@code get} of a listing of this kind. */
    InterleavingListingStore afterGet(ListingId.Kind kind, Runnable action) {
        triggers.add(new Trigger(kind, false, action));
        return this;
    }

    /** Runs {@code action} once, right after the first {@code getAll} including a listing of this kind. */
    InterleavingListingStore afterGetAll(ListingId.Kind kind, Runnable action) {
        triggers.add(new Trigger(kind, true, action));
        return this;
    }

    /** Runs {@code action} once, right after the first range read of entry items of a listing of this kind. */
    InterleavingListingStore afterEntries(ListingId.Kind kind, Runnable action) {
        entryTriggers.add(new Trigger(kind, false, action));
        return this;
    }

    /** Runs {@code action} once, right after the first read of the newest entry items of a listing of this kind. */
    InterleavingListingStore afterNewest(ListingId.Kind kind, Runnable action) {
        newestTriggers.add(new Trigger(kind, false, action));
        return this;
    }

    boolean allRan() {
        return entryTriggers.stream().allMatch(Trigger::ran) && triggers.stream().allMatch(Trigger::ran)
                && newestTriggers.stream().allMatch(Trigger::ran);
    }

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        Optional<Versioned<Listing>> result = delegate.get(id);
        triggers.forEach(t -> t.fireIf(false, id.kind() == t.kind));
        return result;
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        Map<ListingId, Versioned<Listing>> result = delegate.getAll(ids);
        triggers.forEach(t -> t.fireIf(true, ids.stream().anyMatch(id -> id.kind() == t.kind)));
        return result;
    }

    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        List<ListingEntry> result = delegate.entries(month, from, until);
        entryTriggers.forEach(t -> t.fireIf(false, month.kind() == t.kind));
        return result;
    }

    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        List<ListingEntry> result = delegate.newest(month, limit);
        newestTriggers.forEach(t -> t.fireIf(false, month.kind() == t.kind));
        return result;
    }
}
