package broadsheet.core.publish;

/** The in-memory {@link ListingStore} keeps the same contract as the AWS adapter. */
class InMemoryListingStoreContractTest extends ListingStoreContract {

    @Override
    protected ListingStore newStore() {
        return new InMemoryListingStore();
    }
}
