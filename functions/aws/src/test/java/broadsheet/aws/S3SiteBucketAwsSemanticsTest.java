package broadsheet.aws;

import broadsheet.core.publish.SiteBucket;
import broadsheet.core.publish.SiteBucketContract;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link S3SiteBucket} where S3 is stricter than s3proxy, through {@link AwsSemanticsS3Client}:
 * a copy's destination conditions, and 404 NoSuchKey for {@code If-Match} on a key whose object
 * was deleted. The whole {@link SiteBucketContract} holds there too.
 */
class S3SiteBucketAwsSemanticsTest extends SiteBucketContract {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Override
    protected SiteBucket newBucket() {
        return new S3SiteBucket(new AwsSemanticsS3Client(aws.s3()), aws.bucketName());
    }

    private static SiteBucket plain() {
        return new S3SiteBucket(aws.s3(), aws.bucketName());
    }

    private static void delete(String key) {
        aws.s3().deleteObject(b -> b.bucket(aws.bucketName()).key(key));
    }

    private static void assertStored(String key, long revision, String text) {
        SiteBucket.StoredPage stored = plain().get(key).orElseThrow();
        assertThat(stored.revision()).isEqualTo(revision);
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void aPageStoredBetweenTheRevisionRaisesReadAndWriteIsNeverReplaced() {
        plain().put(page("world/index.html", "<p>A</p>"), 1);
        // revision 4 has the same bytes as revision 1: only its revision is raised, by a copy onto
        // itself; revision 9 is stored after S3 has read the copy's source and before it writes
        S3SiteBucket raising = new S3SiteBucket(new AwsSemanticsS3Client(aws.s3(), () -> { },
                () -> plain().put(page("world/index.html", "<p>B</p>"), 9)), aws.bucketName());

        assertThat(raising.put(page("world/index.html", "<p>A</p>"), 4)).isFalse();

        assertStored("world/index.html", 9, "<p>B</p>");
        assertThat(raising.revisionRaiseCount()).isZero();
    }

    @Test
    void anOlderPageStoredBetweenTheRevisionRaisesReadAndWriteIsReplacedAfterReadingAgain() {
        plain().put(page("world/index.html", "<p>A</p>"), 1);
        S3SiteBucket raising = new S3SiteBucket(new AwsSemanticsS3Client(aws.s3(), () -> { },
                () -> plain().put(page("world/index.html", "<p>B</p>"), 2)), aws.bucketName());

        assertThat(raising.put(page("world/index.html", "<p>A</p>"), 4)).isTrue();

        assertStored("world/index.html", 4, "<p>A</p>");
    }

    @Test
    void aPageDeletedBetweenHeadAndPutIsWrittenAgainAsANewObject() {
        plain().put(page("world/a/index.html", "<p>revision 1</p>"), 1);
        // S3 answers If-Match on a key without an object with 404 NoSuchKey, not 412
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(new AwsSemanticsS3Client(aws.s3()),
                () -> delete("world/a/index.html")), aws.bucketName());

        assertThat(racing.put(page("world/a/index.html", "<p>revision 5</p>"), 5)).isTrue();

        assertStored("world/a/index.html", 5, "<p>revision 5</p>");
        assertThat(racing.putCount()).isEqualTo(1);
    }

    @Test
    void aPageDeletedBeforeItsRevisionRaiseIsWrittenAgainAsANewObject() {
        plain().put(page("world/a/index.html", "<p>same</p>"), 1);
        // the copy's source is gone: 404 NoSuchKey
        S3SiteBucket raising = new S3SiteBucket(new AwsSemanticsS3Client(aws.s3(),
                () -> delete("world/a/index.html"), () -> { }), aws.bucketName());

        assertThat(raising.put(page("world/a/index.html", "<p>same</p>"), 4)).isTrue();

        assertStored("world/a/index.html", 4, "<p>same</p>");
    }

    @Test
    void aPageDeletedBetweenTheRevisionRaisesReadAndWriteIsWrittenAgainAsANewObject() {
        plain().put(page("world/a/index.html", "<p>same</p>"), 1);
        // the copy's destination is gone when it is written: If-Match answers 404 NoSuchKey
        S3SiteBucket raising = new S3SiteBucket(new AwsSemanticsS3Client(aws.s3(),
                () -> { }, () -> delete("world/a/index.html")), aws.bucketName());

        assertThat(raising.put(page("world/a/index.html", "<p>same</p>"), 4)).isTrue();

        assertStored("world/a/index.html", 4, "<p>same</p>");
        assertThat(raising.revisionRaiseCount()).isZero();
    }

    @Test
    void aPageDeletedBetweenHeadAndPutOnS3ProxyIsWrittenAgainToo() {
        plain().put(page("world/a/index.html", "<p>revision 1</p>"), 1);
        S3SiteBucket racing = new S3SiteBucket(new InterleavingS3Client(aws.s3(),
                () -> delete("world/a/index.html")), aws.bucketName());

        assertThat(racing.put(page("world/a/index.html", "<p>revision 5</p>"), 5)).isTrue();

        assertStored("world/a/index.html", 5, "<p>revision 5</p>");
    }
}
