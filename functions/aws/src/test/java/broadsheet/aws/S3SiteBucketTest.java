package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.SiteBucketContract;
import broadsheet.core.render.RenderedPage;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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
    void raisesTheRevisionOfAnUnchangedPageInPlaceWithItsHeaders() {
        S3SiteBucket raising = new S3SiteBucket(aws.s3(), aws.bucketName());
        raising.put(page("world/a/index.html", "<p>same</p>"), 1);
        String eTag = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/a/index.html")).eTag();

        assertThat(raising.put(new RenderedPage("world/a/index.html", HTML, LISTING_CACHE,
                "<p>same</p>".getBytes(StandardCharsets.UTF_8)), 4)).isFalse();

        HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(aws.bucketName()).key("world/a/index.html"));
        assertThat(head.eTag()).isEqualTo(eTag);
        assertThat(head.metadata()).containsEntry("revision", "4");
        assertThat(head.cacheControl()).isEqualTo(LISTING_CACHE);
        assertThat(normalizedContentType(head.contentType())).isEqualTo("text/html;charset=utf-8");
        assertThat(raising.putCount()).isEqualTo(1);
    }

    @Test
    void aWriteThatLandsBetweenHeadAndPutIsNeverOverwritten() {
        SiteBucket other = new S3SiteBucket(aws.s3(), aws.bucketName());
        other.put(page("index.html", "<p>revision 1</p>"), 1);
        // another publisher stores revision 9 after this bucket read revision 1 and before it writes 5
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> other.put(page("index.html", "<p>revision 9</p>"), 9)), aws.bucketName());

        assertThat(racing.put(page("index.html", "<p>revision 5</p>"), 5)).isFalse();

        SiteBucket.StoredPage stored = bucket.get("index.html").orElseThrow();
        assertThat(stored.revision()).isEqualTo(9);
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("<p>revision 9</p>");
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

        SiteBucket.StoredPage stored = bucket.get("index.html").orElseThrow();
        assertThat(stored.revision()).isEqualTo(5);
        assertThat(racing.putCount()).isEqualTo(1);
    }
}
