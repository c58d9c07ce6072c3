package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.render.RevisionMark;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SiteBucket} on S3. The page revision and content hash travel as object metadata
 * ({@code x-amz-meta-revision}, {@code x-amz-meta-sha256}); a redirect page also carries
 * {@code x-amz-meta-redirect-location}. An upload is conditional on the
 * object the decision was made from ({@code If-Match: <etag>}, or {@code If-None-Match: *} when
 * there was none), so a concurrent newer write is never overwritten: when the condition fails the
 * object is read again and the decision made again. S3 answers a failed condition with 412
 * PreconditionFailed, a conditional write racing another one with 409 ConditionalRequestConflict,
 * and an {@code If-Match} on a key that holds no object (deleted meanwhile, or a delete marker in
 * a versioned bucket) with 404 NoSuchKey: all three mean "decide again" (see
 * docs/aws-semantics.md).
 *
 * <p><b>The stored bytes carry the revision.</b> S3's {@code If-Match} compares ETags, and an ETag
 * is a hash of the object's bytes alone, not of its metadata: a page that went back to bytes it had
 * held (A, then B, then A again at a newer revision), or whose revision moved with its bytes
 * unchanged, would still match an ETag read from the older state, and a writer that read it would
 * replace the newer revision. So every object ends with a comment naming its revision
 * ({@link RevisionMark}): two revisions never have the same bytes, and an ETag names one revision.
 * {@link #get} returns the page without it. A page whose content equals the stored one at a newer
 * revision is stored again all the same (a "raise", not counted as an upload: {@code put} answers
 * false), so that the revision check keeps fencing off older writers.
 *
 * <p><b>Writing without reading first.</b> The state a page was left in by this bucket's last
 * write or read of it (ETag, revision, hash) is remembered for the last {@value #REMEMBERED}
 * pages. When the remembered revision is older than the one to write, the write is sent
 * conditional on the remembered ETag without a HeadObject first: since the bytes carry the
 * revision, an object that still has that ETag is still at that revision, so the condition holds
 * exactly when the HeadObject would have led to the same write. When another writer changed or
 * deleted the object meanwhile, S3 refuses the write (412, 409 or 404), the state is forgotten and
 * the decision made again from a HeadObject. A publisher that writes the same fronts, feeds and
 * home publish after publish (a warm function instance) so saves a round trip per page.
 *
 * <p><b>Unknown outcomes.</b> A conditional PutObject that fails with an I/O error
 * ({@link SdkClientException} caused by an {@link IOException}) may or may not have been applied,
 * and the SDK's own retries of it may then fail their precondition on the object the first attempt
 * stored. Such a write is decided again like a 412: the object is read again, and a stored
 * revision at least ours is done (counted as our upload when it carries our revision and hash), a
 * lower one is written again. At most {@value #MAX_UNKNOWN_OUTCOMES} unknown outcomes per page,
 * then the last I/O failure is thrown. Seen against s3proxy with the url-connection client (and,
 * for refused uploads, with the Apache client too): s3proxy answers an {@code aws-chunked} upload,
 * stored or refused with 412, before the client has written all of it, and the client reports
 * {@code Error writing request body to server}; in AWS a write whose answer is lost (a reset
 * connection, a timeout) is the same unknown. The SDK's retries stay on: they back off on S3's
 * throttling. {@code Expect: 100-continue} is not the fix: the S3 client sends it only with
 * uploads of {@code S3Configuration.expectContinueThresholdInBytes} (1 MiB by default) or more,
 * far above a page; lowering the threshold would let S3 refuse a failed precondition before the
 * body is sent (the url-connection client then reports the 412 without its body), at one more
 * round trip for every upload, and would still leave a stored upload whose answer is lost
 * unknown. Reading again covers both.
 */
public final class S3SiteBucket implements SiteBucket {

    static final String REVISION = "revision";
    static final String SHA256 = "sha256";
    /** Where a redirect page points (header {@code x-amz-meta-redirect-location}). */
    static final String REDIRECT_LOCATION = "redirect-location";
    private static final System.Logger LOG = System.getLogger(S3SiteBucket.class.getName());
    private static final int MAX_ATTEMPTS = 8;
    /** Conditional writes of one page whose outcome stayed unknown (I/O error) before the error is thrown. */
    static final int MAX_UNKNOWN_OUTCOMES = 3;
    /** Pages whose last seen state a bucket remembers (about 200 bytes each). */
    static final int REMEMBERED = 4096;

    private final S3Client s3;
    private final String bucket;
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong raises = new AtomicLong();
    /** The state each of the last {@value #REMEMBERED} pages this bucket read or wrote was left in, least recently used first. */
    private final Map<String, Stored> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** An object's ETag, revision and content hash: what a write decides from. */
    private record Stored(String eTag, long revision, String hash) {
    }

    public S3SiteBucket(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public boolean put(RenderedPage page, long revision) {
        String hash = page.contentHash();
        boolean uploadUnknown = false;
        int unknownOutcomes = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // first the state this bucket left the page in, if it is older than ours; else (and
            // after any refusal) the object as S3 holds it now
            Optional<Stored> stored = attempt == 0 ? remembered(page.key(), revision) : Optional.empty();
            if (stored.isEmpty()) {
                stored = head(page.key());
            }
            if (stored.isPresent() && stored.get().revision() >= revision) {
                // after an upload of unknown outcome, the page with our revision and bytes is ours
                boolean ours = uploadUnknown && stored.get().revision() == revision
                        && hash.equals(stored.get().hash());
                if (ours) {
                    puts.incrementAndGet();
                }
                return ours;
            }
            // same content, newer revision: stored again all the same (its mark changes), so that the
            // revision check keeps fencing off older writers; it counts as a raise, not an upload
            boolean raise = stored.isPresent() && hash.equals(stored.get().hash());
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(page.key())
                    .contentType(page.contentType())
                    .cacheControl(page.cacheControl())
                    .metadata(metadata(page, revision, hash));
            if (stored.isPresent()) {
                request.ifMatch(stored.get().eTag());
            } else {
                request.ifNoneMatch("*");
            }
            byte[] mark = RevisionMark.of(page.contentType(), revision);
            try {
                // the SDK reads the page's bytes through a stream (again on a retry): no copy of the body
                PutObjectResponse response = s3.putObject(request.build(), RequestBody.fromContentProvider(
                        () -> new SequenceInputStream(page.openBody(), new ByteArrayInputStream(mark)),
                        page.length() + mark.length, page.contentType()));
                remember(page.key(), new Stored(response.eTag(), revision, hash));
                (raise ? raises : puts).incrementAndGet();
                return !raise;
            } catch (S3Exception e) {
                forget(page.key());
                if (!isConflict(e) && !isGone(e)) {
                    throw e;
                }
                // another writer changed or deleted the object since the state decided from: decide again
            } catch (SdkClientException e) {
                forget(page.key());
                unknownOutcomes = countUnknownOutcome(page.key(), e, unknownOutcomes);
                uploadUnknown |= !raise; // stored or not: decide again from what is there
            }
        }
        throw new IllegalStateException("page " + page.key() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public void delete(String key) {
        forget(key);
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
        long revision = revisionOf(response.metadata());
        return Optional.of(new StoredPage(response.contentType(), response.cacheControl(),
                RevisionMark.strip(object.asByteArray(), response.contentType(), revision),
                revision, response.metadata().get(SHA256),
                Optional.ofNullable(response.metadata().get(REDIRECT_LOCATION))));
    }

    @Override
    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    /** Pages this bucket has uploaded (PutObject) since it was created; skipped pages do not count. */
    public long putCount() {
        return puts.get();
    }

    /** Unchanged pages stored again with a newer revision (their content untouched, their mark new). */
    public long revisionRaiseCount() {
        return raises.get();
    }

    /** The object's state as S3 holds it now; remembered for this bucket's next write of it. */
    private Optional<Stored> head(String key) {
        HeadObjectResponse response;
        try {
            response = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        Stored stored = new Stored(response.eTag(), revisionOf(response.metadata()), response.metadata().get(SHA256));
        remember(key, stored);
        return Optional.of(stored);
    }

    /** The state this bucket last saw the page in, when it is older than {@code revision}. */
    private Optional<Stored> remembered(String key, long revision) {
        synchronized (seen) {
            return Optional.ofNullable(seen.get(key)).filter(stored -> stored.revision() < revision);
        }
    }

    private void remember(String key, Stored stored) {
        if (stored.eTag() == null) {
            return;
        }
        synchronized (seen) {
            seen.put(key, stored);
        }
    }

    private void forget(String key) {
        synchronized (seen) {
            seen.remove(key);
        }
    }

    private static Map<String, String> metadata(RenderedPage page, long revision, String hash) {
        Map<String, String> metadata = new TreeMap<>();
        metadata.put(REVISION, Long.toString(revision));
        metadata.put(SHA256, hash);
        page.redirectLocation().ifPresent(location -> metadata.put(REDIRECT_LOCATION, location));
        return metadata;
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

    /**
     * One more conditional write of unknown outcome: an I/O failure during the request, so the
     * write may or may not have been applied.
     *
     * @return the unknown outcomes so far, this one included
     * @throws SdkClientException {@code e} itself, when it is no I/O failure or one too many
     */
    private static int countUnknownOutcome(String key, SdkClientException e, int before) {
        boolean io = false;
        for (Throwable cause = e.getCause(); cause != null && !io; cause = cause.getCause()) {
            io = cause instanceof IOException || cause instanceof UncheckedIOException;
        }
        if (!io || before + 1 >= MAX_UNKNOWN_OUTCOMES) {
            throw e;
        }
        LOG.log(System.Logger.Level.WARNING, () -> "conditional write of " + key + " has an unknown outcome ("
                + e.getMessage() + "); reading it again");
        return before + 1;
    }

    /** 412 Precondition Failed, or 409 ConditionalRequestConflict (S3's answer to racing conditional writes). */
    private static boolean isConflict(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    /**
     * 404 NoSuchKey: S3's answer to {@code If-Match} on a key without a current object. A missing
     * bucket (NoSuchBucket, also 404) is no such answer.
     */
    private static boolean isGone(S3Exception e) {
        if (e instanceof NoSuchKeyException) {
            return true;
        }
        return e.statusCode() == 404 && e.awsErrorDetails() != null
                && "NoSuchKey".equals(e.awsErrorDetails().errorCode());
    }
}
