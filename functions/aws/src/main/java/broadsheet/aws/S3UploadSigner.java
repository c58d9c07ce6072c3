package broadsheet.aws;

import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.SignedUpload;
import broadsheet.core.media.UploadSigner;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Presigned S3 PUT URLs for media uploads. Content-Type and Content-Length are signed headers:
 * S3 refuses an upload with another type or size, so the size limit checked by the API holds.
 *
 * <p>A URL signed with temporary credentials (a role's session) stops working when they expire,
 * whatever expiry it was signed with (S3 User Guide, "Download and upload objects with presigned
 * URLs"). So the credentials are resolved here, the URL is signed with exactly those, for at most
 * until {@value #MARGIN_SECONDS} seconds before they expire, and that instant is what
 * {@link SignedUpload#expiresAt()} says. Credentials that tell no expiration (long-term keys, or
 * the Lambda environment's variables, which carry none) leave the validity asked for.
 */
public final class S3UploadSigner implements UploadSigner {

    /** Kept between the credentials' expiration and the URL's: clock skew and the upload's own time. */
    static final long MARGIN_SECONDS = 60;

    private final S3Presigner presigner;
    private final String bucket;
    private final Optional<AwsCredentialsProvider> credentials;
    private final Clock clock;

    /**
     * Signs with the presigner's own credentials and reports the validity asked for: for
     * credentials that do not expire (the local stack's).
     */
    public S3UploadSigner(S3Presigner presigner, String bucket) {
        this(presigner, bucket, Optional.empty(), Clock.systemUTC());
    }

    /** @param credentials the credentials to sign with (resolved at each signature), whose expiration bounds the URL's */
    public S3UploadSigner(S3Presigner presigner, String bucket, AwsCredentialsProvider credentials, Clock clock) {
        this(presigner, bucket, Optional.of(credentials), clock);
    }

    private S3UploadSigner(S3Presigner presigner, String bucket, Optional<AwsCredentialsProvider> credentials,
                           Clock clock) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.credentials = credentials;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalStateException when the signing credentials expire within the margin: a URL
     *                               signed with them would not work
     */
    @Override
    public SignedUpload signPut(MediaUploads.Upload upload, Duration validFor) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validFor);
        Optional<AwsCredentials> signing = credentials.map(AwsCredentialsProvider::resolveCredentials);
        Optional<Instant> usableUntil = signing.flatMap(S3UploadSigner::expiration)
                .map(expiration -> expiration.minusSeconds(MARGIN_SECONDS));
        if (usableUntil.isPresent() && usableUntil.get().isBefore(expiresAt)) {
            expiresAt = usableUntil.get();
        }
        if (!expiresAt.isAfter(now)) {
            throw new IllegalStateException("the signing credentials expire at " + signing.flatMap(S3UploadSigner::expiration)
                    .orElseThrow() + ", too soon to sign an upload");
        }
        Duration signFor = Duration.between(now, expiresAt);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(signFor)
                .putObjectRequest(o -> {
                    o.bucket(bucket).key(upload.key()).contentType(upload.contentType()).contentLength(upload.size());
                    // exactly the credentials whose expiration was read, not the provider's next ones
                    signing.ifPresent(c -> o.overrideConfiguration(r -> r.credentialsProvider(
                            StaticCredentialsProvider.create(c))));
                }));
        return new SignedUpload(URI.create(presigned.url().toString()), expiresAt);
    }

    private static Optional<Instant> expiration(AwsCredentials credentials) {
        return credentials instanceof AwsSessionCredentials session ? session.expirationTime() : Optional.empty();
    }
}
