package broadsheet.aws;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real S3 client that runs another writer's action once, just before its first PutObject is
 * sent: the interleaving "a concurrent write lands between our HeadObject and our PutObject",
 * made deterministic. Every request still goes to the real server.
 */
final class InterleavingS3Client implements S3Client {

    private final S3Client delegate;
    private final Runnable beforeFirstPut;
    private final AtomicBoolean done = new AtomicBoolean();

    InterleavingS3Client(S3Client delegate, Runnable beforeFirstPut) {
        this.delegate = delegate;
        this.beforeFirstPut = beforeFirstPut;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (done.compareAndSet(false, true)) {
            beforeFirstPut.run();
        }
        return delegate.putObject(request, body);
    }

    @Override
    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        return delegate.copyObject(request);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        return delegate.headObject(request);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return delegate.getObject(request, transformer);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return delegate.getObject(request);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return delegate.deleteObject(request);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return delegate.listObjectsV2(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the shared client is closed by the extension
    }
}
