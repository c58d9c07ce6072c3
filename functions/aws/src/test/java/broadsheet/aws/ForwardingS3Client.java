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

/**
 * A real S3 client in front of another one, handing it every request the site bucket sends
 * (PutObject, CopyObject, HeadObject, GetObject, DeleteObject, ListObjectsV2): the base of the test
 * clients that step in at some of them. The SDK's convenience forms (builder consumers,
 * {@code getObjectAsBytes}) reach these methods, so a subclass sees them too. Closing does not
 * close the delegate: the shared client is closed by the extension that made it.
 */
abstract class ForwardingS3Client implements S3Client {

    protected final S3Client delegate;

    ForwardingS3Client(S3Client delegate) {
        this.delegate = delegate;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
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
