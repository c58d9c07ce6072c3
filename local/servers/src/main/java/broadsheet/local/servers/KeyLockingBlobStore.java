package broadsheet.local.servers;

import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes s3proxy's conditional writes atomic, as S3's are. s3proxy 4.1.0 checks {@code If-Match}
 * on PutObject for the nio2 stores in its request handler (read the object's metadata, compare
 * the ETag) and only then stores the object, with no lock between the two: two uploads
 * conditional on the same ETag can both pass the check, and the later one to be stored wins, so
 * an older page can replace a newer one. A CopyObject's {@code x-amz-copy-source-if-match} is
 * checked the same way inside the store's copy.
 *
 * <p>Every write of a key (PutObject, CopyObject onto it, DeleteObject) here holds a lock of that
 * key, and a PutObject checks its {@code If-Match} again under the lock: 412 PreconditionFailed
 * when the ETag differs, 404 NoSuchKey when there is no object (S3's answer). The handler's own
 * check stays in front (it answers most refusals before the body is read); the check here
 * decides. Locks are striped by a hash of bucket and key, so memory stays bounded.
 */
final class KeyLockingBlobStore extends ForwardingBlobStore {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    KeyLockingBlobStore(BlobStore delegate) {
        super(delegate);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        return locked(request.bucket(), request.key(), () -> {
            if (request.ifMatch() != null) {
                checkIfMatch(delegate().blobMetadataIfPresent(request.bucket(), request.key()), request.ifMatch());
            }
            return delegate().putBlob(request, payload);
        });
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        int source = stripe(request.sourceBucket(), request.sourceKey());
        int destination = stripe(request.destinationBucket(), request.destinationKey());
        // both keys' locks, always in stripe order, so two copies in opposite directions cannot deadlock
        ReentrantLock first = locks[Math.min(source, destination)];
        ReentrantLock second = locks[Math.max(source, destination)];
        first.lock();
        try {
            second.lock();
            try {
                if (request.ifMatch() != null) {
                    checkIfMatch(delegate().blobMetadataIfPresent(request.destinationBucket(),
                            request.destinationKey()), request.ifMatch());
                }
                return delegate().copyBlob(request);
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return locked(request.bucket(), request.key(), () -> delegate().removeBlob(request));
    }

    @Override
    public BlobStore delegate() {
        return (BlobStore) super.delegate();
    }

    private static void checkIfMatch(HeadObjectResponse stored, String ifMatch) {
        if (stored == null) {
            throw new S3ProxyException(S3ErrorCode.NO_SUCH_KEY);
        }
        if (!"*".equals(ifMatch) && !unquoted(ifMatch).equals(unquoted(stored.eTag()))) {
            throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
        }
    }

    private static String unquoted(String eTag) {
        String trimmed = eTag == null ? "" : eTag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private <T> T locked(String bucket, String key, Supplier<T> write) {
        ReentrantLock lock = locks[stripe(bucket, key)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    private static int stripe(String bucket, String key) {
        return Math.floorMod((bucket + '/' + key).hashCode(), STRIPES);
    }
}
