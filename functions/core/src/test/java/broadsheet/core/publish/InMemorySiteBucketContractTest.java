package broadsheet.core.publish;

import broadsheet.core.publish.SiteBucketContract;

import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.SiteBucket;

/** The in-memory {@link SiteBucket} keeps the same contract as the AWS adapter. */
class InMemorySiteBucketContractTest extends SiteBucketContract {

    @Override
    protected SiteBucket newBucket() {
        return new InMemorySiteBucket();
    }
}
