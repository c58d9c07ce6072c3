package broadsheet.aws;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A real S3 client in front of s3proxy that plays S3's documented part where s3proxy is kinder,
 * and lets a test put another writer's action at the moments S3 leaves open.
 *
 * <p><b>CopyObject</b> is carried out as S3 does it, in two steps: the source is read (its
 * {@code x-amz-copy-source-if-match} evaluated then: 412 PreconditionFailed when the ETag differs,
 * 404 NoSuchKey when it is gone), then the destination is written, with the copy's destination
 * conditions {@code If-Match} / {@code If-None-Match} evaluated at that write (412 on a different
 * ETag or an existing object, 404 NoSuchKey for {@code If-Match} on a missing key). s3proxy 4.1.0
 * ignores a copy's destination conditions. The action given as {@code betweenCopyReadAndWrite}
 * runs once, between the two steps; {@code beforeCopy} once, before the first copy is sent.
 *
 * <p><b>PutObject</b> goes to s3proxy as it is: with our {@code KeyLockingBlobStore} it already
 * answers a conditional upload as S3 does (atomically; 404 NoSuchKey for {@code If-Match} on a
 * missing key; pinned by {@code S3ProxyServerTest}). Every other request goes to s3proxy too.
 */
final class AwsSemanticsS3Client extends ForwardingS3Client {

    private final AtomicReference<Runnable> beforeCopy;
    private final AtomicReference<Runnable> betweenCopyReadAndWrite;

    AwsSemanticsS3Client(S3Client delegate) {
        this(delegate, () -> { }, () -> { });
    }

    AwsSemanticsS3Client(S3Client delegate, Runnable beforeCopy, Runnable betweenCopyReadAndWrite) {
        super(delegate);
        this.beforeCopy = new AtomicReference<>(beforeCopy);
        this.betweenCopyReadAndWrite = new AtomicReference<>(betweenCopyReadAndWrite);
    }

    @Override
    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        runOnce(beforeCopy);
        // the read: source conditions are evaluated here, as GetObject conditions of the same meaning
        ResponseBytes<GetObjectResponse> source = delegate.getObjectAsBytes(b -> b.bucket(request.sourceBucket())
                .key(request.sourceKey()).ifMatch(request.copySourceIfMatch())
                .ifNoneMatch(request.copySourceIfNoneMatch()));
        runOnce(betweenCopyReadAndWrite);
        // the write: destination conditions are evaluated here
        GetObjectResponse read = source.response();
        boolean replace = request.metadataDirective() == MetadataDirective.REPLACE;
        PutObjectResponse written = delegate.putObject(PutObjectRequest.builder()
                        .bucket(request.destinationBucket()).key(request.destinationKey())
                        .contentType(replace ? request.contentType() : read.contentType())
                        .cacheControl(replace ? request.cacheControl() : read.cacheControl())
                        .metadata(replace ? request.metadata() : read.metadata())
                        .ifMatch(request.ifMatch()).ifNoneMatch(request.ifNoneMatch())
                        .build(),
                RequestBody.fromBytes(source.asByteArray()));
        return CopyObjectResponse.builder()
                .copyObjectResult(CopyObjectResult.builder().eTag(written.eTag()).build())
                .build();
    }

    private static void runOnce(AtomicReference<Runnable> action) {
        Runnable once = action.getAndSet(() -> { });
        once.run();
    }
}
