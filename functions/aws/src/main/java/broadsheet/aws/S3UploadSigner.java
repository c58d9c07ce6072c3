package broadsheet.aws;

import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.UploadSigner;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Presigned S3 PUT URLs for media uploads. Content-Type and Content-Length are signed headers:
 * S3 refuses an upload with another type or size, so the size limit checked by the API holds.
 */
public final class S3UploadSigner implements UploadSigner {

    private final S3Presigner presigner;
    private final String bucket;

    public S3UploadSigner(S3Presigner presigner, String bucket) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public URI signPut(MediaUploads.Upload upload, Duration validFor) {
        return URI.create(presigner.presignPutObject(p -> p.signatureDuration(validFor)
                        .putObjectRequest(o -> o.bucket(bucket).key(upload.key())
                                .contentType(upload.contentType()).contentLength(upload.size())))
                .url().toString());
    }
}
