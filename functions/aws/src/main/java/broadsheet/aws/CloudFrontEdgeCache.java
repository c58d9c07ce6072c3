package broadsheet.aws;

import broadsheet.core.publish.EdgeCache;
import broadsheet.core.publish.EdgeCacheException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@link EdgeCache} on a CloudFront distribution: one {@code CreateInvalidation} per call, its
 * {@code CallerReference} the batch's reference, so a redelivered batch gets CloudFront's earlier
 * invalidation back instead of a second one (and a second bill).
 *
 * <p>CloudFront allows 3,000 individual paths per distribution in progress at once (and 15
 * wildcard paths). A batch naming more than {@link #MAX_PATHS} paths, which the publisher's
 * bounded plans never reach (a stream batch of 10 changes names at most 10 × (sections + 1)),
 * could never be accepted, so it is sent as the single wildcard {@code /*}: the whole
 * distribution, billed as one path, at the price of refilling every edge cache from the bucket.
 * When paths of earlier batches are still in progress CloudFront answers
 * {@code TooManyInvalidationsInProgress}: that, like any other SDK failure, is an
 * {@link EdgeCacheException} and the stream delivers the batch again.
 */
public final class CloudFrontEdgeCache implements EdgeCache {

    /** Individual paths CloudFront accepts in progress per distribution. */
    public static final int MAX_PATHS = 3000;

    /** Every object of the distribution (one wildcard path). */
    public static final String EVERYTHING = "/*";

    private final CloudFrontClient cloudFront;
    private final String distributionId;

    public CloudFrontEdgeCache(CloudFrontClient cloudFront, String distributionId) {
        this.cloudFront = Objects.requireNonNull(cloudFront, "cloudFront");
        this.distributionId = Objects.requireNonNull(distributionId, "distributionId");
    }

    @Override
    public void invalidate(String reference, Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<String> items = requested(paths);
        try {
            cloudFront.createInvalidation(request -> request
                    .distributionId(distributionId)
                    .invalidationBatch(batch -> batch
                            .callerReference(reference)
                            .paths(p -> p.quantity(items.size()).items(items))));
        } catch (TooManyInvalidationsInProgressException e) {
            throw new EdgeCacheException("distribution " + distributionId + " has too many invalidations in progress", e);
        } catch (SdkException e) {
            throw new EdgeCacheException("cannot invalidate " + items.size() + " paths of distribution " + distributionId, e);
        }
    }

    /** The paths as sent: sorted, or the one wildcard when there are more than CloudFront takes. */
    static List<String> requested(Collection<String> paths) {
        return paths.size() > MAX_PATHS ? List.of(EVERYTHING) : List.copyOf(new TreeSet<>(paths));
    }
}
