package broadsheet.core.publish;

/** The in-memory {@link SiteBucket} keeps the same contract as the AWS adapter. */
class InMemorySiteBucketContractTest extends SiteBucketContract {

    @Override
    protected SiteBucket newBucket() {
        return new InMemorySiteBucket();
    }
}
