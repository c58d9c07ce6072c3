package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;

import broadsheet.core.listing.ListingStore.Versioned;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads every stored listing, a page at a time, split into {@code segments} disjoint segments
 * that can be read in parallel (a full rebuild renders every listing, whether or not any live
 * article is still in it). Reads are strongly consistent; the cursor is opaque and belongs to one
 * segment.
 */
public interface ListingScan {

    /**
     * Up to {@code limit} listings of segment {@code segment} (0 ≤ segment &lt; segments) after
     * {@code cursor}; every listing is in exactly one segment of a given segment count.
     */
    ScanPage scan(int segment, int segments, Optional<String> cursor, int limit);

    /** One page of a segment: the listings read, and where the segment goes on (empty: done). */
    record ScanPage(Map<ListingId, Versioned<Listing>> listings, Optional<String> nextCursor) {

        public ScanPage {
            listings = Map.copyOf(listings);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    /** Checks the segment arguments every implementation takes. */
    static void checkSegment(int segment, int segments, int limit) {
        if (segments < 1 || segment < 0 || segment >= segments) {
            throw new IllegalArgumentException("segment must be 0.." + (segments - 1) + ": " + segment);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
