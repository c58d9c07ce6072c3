package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.RenderedPage;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SiteBucket} on S3. The page revision and content hash travel as object metadata
 * ({@code x-amz-meta-revision}, {@code x-amz-meta-sha256}). An upload is conditional on the
 * object the decision was made from ({@code If-Match: <etag>}, or {@code If-None-Match: *} when
 * there was none), so a concurrent newer write is never overwritten: on 412 the object is read
 * again and the decision made again.
 */
public final class S3SiteBucket implements SiteBucket {

    static final String REVISION = "revision";
    static final String SHA256 = "sha256";
    private static final int MAX_ATTEMPTS = 8;

    private final S3Client s3;
    private final String bucket;
    private final AtomicLong puts = new AtomicLong();

    public S3SiteBucket(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public boolean put(RenderedPage page, long revision) {
        String hash = page.contentHash();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<HeadObjectResponse> stored = head(page.key());
            if (stored.isPresent() && (revisionOf(stored.get().metadata()) >= revision
                    || hash.equals(stored.get().metadata().get(SHA256)))) {
                return false;
            }
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(page.key())
                    .contentType(page.contentType())
                    .cacheControl(page.cacheControl())
                    .metadata(Map.of(REVISION, Long.toString(revision), SHA256, hash));
            if (stored.isPresent()) {
                request.ifMatch(stored.get().eTag());
            } else {
                request.ifNoneMatch("*");
            }
            try {
                s3.putObject(request.build(), RequestBody.fromBytes(page.body()));
                puts.incrementAndGet();
                return true;
            } catch (S3Exception e) {
                if (!isConflict(e)) {
                    throw e;
                }
                // another writer changed the object since the head: decide again
            }
        }
        throw new IllegalStateException("page " + page.key() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public Optional<StoredPage> get(String key) {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        GetObjectResponse response = object.response();
        return Optional.of(new StoredPage(response.contentType(), response.cacheControl(), object.asByteArray(),
                revisionOf(response.metadata()), response.metadata().get(SHA256)));
    }

    @Override
    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    /** Objects this bucket has written since it was created (skipped uploads do not count). */
    public long putCount() {
        return puts.get();
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static long revisionOf(Map<String, String> metadata) {
        String revision = metadata.get(REVISION);
        if (revision == null) {
            return -1;
        }
        try {
            return Long.parseLong(revision.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 412 Precondition Failed, or 409 ConditionalRequestConflict (S3's answer to racing conditional writes). */
    private static boolean isConflict(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }
}
