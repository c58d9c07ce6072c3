package broadsheet.core.listing;

import broadsheet.core.listing.ListingStoreContract;

import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.listing.ListingStore;

/** The in-memory {@link ListingStore} keeps the same contract as the AWS adapter. */
class InMemoryListingStoreContractTest extends ListingStoreContract {

    @Override
    protected ListingStore newStore() {
        return new InMemoryListingStore();
    }
}
