package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.SiteBucketContract;
import broadsheet.core.render.RenderedPage;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class S3SiteBucketTest extends SiteBucketContract {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Override
    protected SiteBucket newBucket() {
        return new S3SiteBucket(aws.s3(), aws.bucketName());
    }

    @Test
    void sendsContentTypeCacheControlAndMetadataToS3() {
        RenderedPage page = page("world/nato/index.html", "<h1>NATO</h1>");
        bucket.put(page, 7);

        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/nato/index.html"));
        String[] type = head.contentType().split(";");
        assertThat(type[0].trim()).isEqualTo("text/html");
        assertThat(type[1].trim()).isEqualTo("charset=utf-8");
        assertThat(head.cacheControl()).isEqualTo("public, max-age=300, stale-while-revalidate=60");
        assertThat(head.metadata()).containsEntry("revision", "7").containsEntry("sha256", page.contentHash());
    }

    @Test
    void sendsTheRedirectLocationAsXAmzMetaRedirectLocationAndKeepsItWhenTheRevisionIsRaised() {
        RenderedPage redirect = new RenderedPage("world/talks/index.html", HTML, ARTICLE_CACHE,
                "<p>moved</p>".getBytes(StandardCharsets.UTF_8), Optional.of("/politics/talks/"));
        S3SiteBucket s3Bucket = new S3SiteBucket(aws.s3(), aws.bucketName());
        s3Bucket.put(redirect, 2);

        var raw = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/talks/index.html"))
                .sdkHttpResponse().headers();
        assertThat(raw).containsEntry("x-amz-meta-redirect-location", List.of("/politics/talks/"));

        assertThat(s3Bucket.put(redirect, 5)).as("same bytes: only the revision moves").isFalse();
        assertThat(s3Bucket.revisionRaiseCount()).isEqualTo(1);
        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/talks/index.html"));
        assertThat(head.metadata()).containsEntry("revision", "5").containsEntry("redirect-location", "/politics/talks/");
    }

    @Test
    void countsOnlyRealUploads() {
        S3SiteBucket counted = new S3SiteBucket(aws.s3(), aws.bucketName());

        counted.put(page("a.html", "a"), 1);
        counted.put(page("a.html", "a"), 2);
        counted.put(page("a.html", "older"), 1);
        counted.put(page("a.html", "b"), 3);

        assertThat(counted.putCount()).isEqualTo(2);
        assertThat(counted.revisionRaiseCount()).isEqualTo(1);
    }

    @Test
    void raisesTheRevisionOfAnUnchangedPageUnderANewETagWithItsHeaders() {
        S3SiteBucket raising = new S3SiteBucket(aws.s3(), aws.bucketName());
        raising.put(page("world/a/index.html", "<p>same</p>"), 1);
        String eTag = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/a/index.html")).eTag();

        assertThat(raising.put(new RenderedPage("world/a/index.html", HTML, LISTING_CACHE,
                "<p>same</p>".getBytes(StandardCharsets.UTF_8)), 4)).isFalse();

        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/a/index.html"));
        assertThat(head.eTag()).as("the stored bytes name the revision").isNotEqualTo(eTag);
        assertThat(head.metadata()).containsEntry("revision", "4");
        assertThat(head.cacheControl()).isEqualTo(LISTING_CACHE);
        assertThat(normalizedContentType(head.contentType())).isEqualTo("text/html;charset=utf-8");
        assertThat(new String(raising.get("world/a/index.html").orElseThrow().body(), StandardCharsets.UTF_8))
                .isEqualTo("<p>same</p>");
        assertThat(raising.putCount()).isEqualTo(1);
        assertThat(raising.revisionRaiseCount()).isEqualTo(1);
    }

    @Test
    void storesEveryPageWithACommentNamingItsRevisionAndReadsItBackWithout() {
        bucket.put(page("world/a/index.html", "<p>A</p>"), 7);

        byte[] raw = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucketName()).key("world/a/index.html")).asByteArray();
        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("<p>A</p>\n<!-- revision 7 -->\n");
        assertThat(new String(bucket.get("world/a/index.html").orElseThrow().body(), StandardCharsets.UTF_8))
                .isEqualTo("<p>A</p>");
    }

    @Test
    void aWriteThatLandsBetweenHeadAndPutIsNeverOverwritten() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>revision 1</p>"), 1);
        // another publisher stores revision 9 after this bucket read revision 1 and before it writes 5
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("index.html", "<p>revision 9</p>"), 9)), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>revision 5</p>"), 5)).isFalse();

        assertStored("index.html", 9, "<p>revision 9</p>");
        assertThat(racing.putCount()).isZero();
    }

    @Test
    void aPageCreatedBetweenHeadAndPutIsNeverOverwritten() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("new.html", "<p>revision 3</p>"), 3)), aws.bucketName());

        assertThat(racing.put(page("new.html", "<p>revision 2</p>"), 2)).isFalse();

        assertThat(bucket.get("new.html").orElseThrow().revision()).isEqualTo(3);
    }

    @Test
    void aStaleWriteBetweenHeadAndPutIsReplacedAfterReadingAgain() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>revision 1</p>"), 1);
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("index.html", "<p>revision 2</p>"), 2)), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>revision 5</p>"), 5)).isTrue();

        assertStored("index.html", 5, "<p>revision 5</p>");
        assertThat(racing.putCount()).isEqualTo(1);
    }

    @Test
    void aRevisionRaisedBetweenHeadAndPutIsNeverOverwritten() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>A</p>"), 1);
        // revision 9 has the bytes of revision 1: it only raises the stored revision, after this
        // bucket read revision 1 and before it writes revision 5
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("index.html", "<p>A</p>"), 9)), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>B</p>"), 5)).isFalse();

        assertStored("index.html", 9, "<p>A</p>");
    }

    @Test
    void aPageBackToTheBytesReadBetweenHeadAndPutIsNeverOverwritten() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>A</p>"), 1);
        // between this bucket's read of revision 1 and its write of revision 5, the page changes
        // and changes back: revision 9 holds the bytes of revision 1 again
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(), () -> {
            other.put(page("index.html", "<p>B</p>"), 3);
            other.put(page("index.html", "<p>A</p>"), 9);
        }), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>C</p>"), 5)).isFalse();

        assertStored("index.html", 9, "<p>A</p>");
    }

    @Test
    void aPageStoredBetweenARevisionRaisesHeadAndPutIsNeverReplaced() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("world/index.html", "<p>A</p>"), 1);
        // revision 4 has the bytes of revision 1; revision 9 is stored before its raise is written
        S3SiteBucket raising = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("world/index.html", "<p>B</p>"), 9)), aws.bucketName());

        assertThat(raising.put(page("world/index.html", "<p>A</p>"), 4)).isFalse();

        assertStored("world/index.html", 9, "<p>B</p>");
        assertThat(raising.revisionRaiseCount()).isZero();
    }

    @Test
    void anOlderPageStoredBetweenARevisionRaisesHeadAndPutIsReplacedAfterReadingAgain() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("world/index.html", "<p>A</p>"), 1);
        S3SiteBucket raising = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("world/index.html", "<p>B</p>"), 2)), aws.bucketName());

        assertThat(raising.put(page("world/index.html", "<p>A</p>"), 4)).isTrue();

        assertStored("world/index.html", 4, "<p>A</p>");
    }

    @Test
    void aPageDeletedBetweenHeadAndPutIsWrittenAgainAsANewObject() {
        new S3SiteBucket(aws.s3(), aws.bucketName()).put(page("world/a/index.html", "<p>revision 1</p>"), 1);
        // S3 answers If-Match on a key without an object with 404 NoSuchKey, not 412 (s3proxy too)
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> delete("world/a/index.html")), aws.bucketName());

        assertThat(racing.put(page("world/a/index.html", "<p>revision 5</p>"), 5)).isTrue();

        assertStored("world/a/index.html", 5, "<p>revision 5</p>");
        assertThat(racing.putCount()).isEqualTo(1);
    }

    @Test
    void aPageDeletedBetweenARevisionRaisesHeadAndPutIsWrittenAgainAsANewObject() {
        new S3SiteBucket(aws.s3(), aws.bucketName()).put(page("world/a/index.html", "<p>same</p>"), 1);
        S3SiteBucket raising = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> delete("world/a/index.html")), aws.bucketName());

        assertThat(raising.put(page("world/a/index.html", "<p>same</p>"), 4)).isTrue();

        assertStored("world/a/index.html", 4, "<p>same</p>");
        assertThat(raising.revisionRaiseCount()).isZero();
    }

    @Test
    void aPageThisBucketWroteIsWrittenAgainWithoutReadingItFirst() {
        HeadCountingS3Client counting = new HeadCountingS3Client(aws.s3());
        S3SiteBucket publisher = new S3SiteBucket(counting, aws.bucketName());
        publisher.put(page("index.html", "<p>revision 1</p>"), 1);
        int headsOfTheFirstWrite = counting.heads.get();

        assertThat(publisher.put(page("index.html", "<p>revision 2</p>"), 2)).isTrue();
        assertThat(publisher.put(page("index.html", "<p>revision 2</p>"), 3)).as("a raise").isFalse();
        assertThat(publisher.put(page("index.html", "<p>revision 4</p>"), 4)).isTrue();

        assertThat(headsOfTheFirstWrite).isEqualTo(1);
        assertThat(counting.heads.get()).as("no HeadObject after the first write").isEqualTo(1);
        assertStored("index.html", 4, "<p>revision 4</p>");
        assertThat(publisher.putCount()).isEqualTo(2 + 1);
        assertThat(publisher.revisionRaiseCount()).isEqualTo(1);
    }

    @Test
    void aNewerPageStoredSinceThisBucketWroteItIsNeverOverwritten() {
        S3SiteBucket publisher = new S3SiteBucket(aws.s3(), aws.bucketName());
        publisher.put(page("index.html", "<p>revision 1</p>"), 1);
        new S3SiteBucket(aws.s3(), aws.bucketName()).put(page("index.html", "<p>revision 9</p>"), 9);

        assertThat(publisher.put(page("index.html", "<p>revision 5</p>"), 5)).isFalse();

        assertStored("index.html", 9, "<p>revision 9</p>");
    }

    @Test
    void anOlderPageStoredSinceThisBucketWroteItIsReplacedAfterReadingAgain() {
        S3SiteBucket publisher = new S3SiteBucket(aws.s3(), aws.bucketName());
        publisher.put(page("index.html", "<p>revision 1</p>"), 1);
        new S3SiteBucket(aws.s3(), aws.bucketName()).put(page("index.html", "<p>revision 2</p>"), 2);

        assertThat(publisher.put(page("index.html", "<p>revision 5</p>"), 5)).isTrue();

        assertStored("index.html", 5, "<p>revision 5</p>");
    }

    @Test
    void aPageBackToTheBytesThisBucketWroteAtANewerRevisionIsNeverOverwritten() {
        S3SiteBucket publisher = new S3SiteBucket(aws.s3(), aws.bucketName());
        publisher.put(page("index.html", "<p>A</p>"), 1);
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>B</p>"), 6);
        other.put(page("index.html", "<p>A</p>"), 9);

        assertThat(publisher.put(page("index.html", "<p>B</p>"), 5)).isFalse();

        assertStored("index.html", 9, "<p>A</p>");
    }

    @Test
    void aPageDeletedSinceThisBucketWroteItIsWrittenAgainAsANewObject() {
        S3SiteBucket publisher = new S3SiteBucket(aws.s3(), aws.bucketName());
        publisher.put(page("world/a/index.html", "<p>revision 1</p>"), 1);
        delete("world/a/index.html");

        assertThat(publisher.put(page("world/a/index.html", "<p>revision 2</p>"), 2)).isTrue();

        assertStored("world/a/index.html", 2, "<p>revision 2</p>");
    }

    /** A real S3 client that counts the HeadObject requests sent through it. */
    private static final class HeadCountingS3Client extends ForwardingS3Client {
        final AtomicInteger heads = new AtomicInteger();

        HeadCountingS3Client(S3Client delegate) {
            super(delegate);
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            heads.incrementAndGet();
            return delegate.headObject(request);
        }
    }

    private static void delete(String key) {
        aws.s3().deleteObject(b -> b.bucket(aws.bucketName()).key(key));
    }

    private void assertStored(String key, long revision, String text) {
        SiteBucket.StoredPage stored = bucket.get(key).orElseThrow();
        assertThat(stored.revision()).isEqualTo(revision);
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
