package broadsheet.aws;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real S3 client that runs another writer's action once, just before its first PutObject is
 * sent: the interleaving "a concurrent write lands between our HeadObject and our PutObject",
 * made deterministic. Every request still goes to the real server.
 */
final class InterleavingS3Client extends ForwardingS3Client {

    private final Runnable beforeFirstPut;
    private final AtomicBoolean done = new AtomicBoolean();

    InterleavingS3Client(S3Client delegate, Runnable beforeFirstPut) {
        super(delegate);
        this.beforeFirstPut = beforeFirstPut;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (done.compareAndSet(false, true)) {
            beforeFirstPut.run();
        }
        return delegate.putObject(request, body);
    }
}
