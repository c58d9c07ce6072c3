package broadsheet.core.publish;

import broadsheet.core.publish.InMemorySiteBucket;

import broadsheet.core.render.RenderedPage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySiteBucketTest {

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();

    private static RenderedPage page(String key, String body) {
        return new RenderedPage(key, "text/html; charset=utf-8", "public, max-age=60", body.getBytes(StandardCharsets.UTF_8));
    }

    private String body(String key) {
        return new String(bucket.get(key).orElseThrow().body(), StandardCharsets.UTF_8);
    }

    @Test
    void storesThePageWithItsRevisionHashAndHeaders() {
        RenderedPage page = page("world/index.html", "front");

        assertThat(bucket.put(page, 3)).isTrue();

        var stored = bucket.get("world/index.html").orElseThrow();
        assertThat(stored.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(stored.cacheControl()).isEqualTo("public, max-age=60");
        assertThat(stored.revision()).isEqualTo(3);
        assertThat(stored.contentHash()).isEqualTo(page.contentHash());
        assertThat(body("world/index.html")).isEqualTo("front");
        assertThat(bucket.puts()).isEqualTo(1);
    }

    @Test
    void neverReplacesANewerOrEqualRevision() {
        bucket.put(page("a.html", "three"), 3);

        assertThat(bucket.put(page("a.html", "two"), 2)).isFalse();
        assertThat(bucket.put(page("a.html", "other three"), 3)).isFalse();
        assertThat(body("a.html")).isEqualTo("three");

        assertThat(bucket.put(page("a.html", "four"), 4)).isTrue();
        assertThat(body("a.html")).isEqualTo("four");
        assertThat(bucket.puts()).isEqualTo(2);
    }

    @Test
    void doesNotUploadUnchangedBytesButRemembersTheNewerRevision() {
        bucket.put(page("a.html", "A"), 1);
        bucket.put(page("a.html", "B"), 2);

        assertThat(bucket.put(page("a.html", "A"), 4)).isTrue();
        assertThat(bucket.put(page("a.html", "A"), 5)).as("same bytes").isFalse();
        assertThat(bucket.get("a.html").orElseThrow().revision()).isEqualTo(5);
        assertThat(bucket.put(page("a.html", "B"), 3)).as("older than the unchanged copy").isFalse();
        assertThat(body("a.html")).isEqualTo("A");
        assertThat(bucket.puts()).isEqualTo(3);
    }

    @Test
    void deletesAndListsKeysByPrefixInOrder() {
        bucket.put(page("world/b/index.html", "b"), 1);
        bucket.put(page("world/a/index.html", "a"), 1);
        bucket.put(page("worldwide.html", "w"), 1);
        bucket.put(page("sport/index.html", "s"), 1);

        assertThat(bucket.keys("world/")).containsExactly("world/a/index.html", "world/b/index.html");
        assertThat(bucket.keys("")).hasSize(4);

        bucket.delete("world/a/index.html");
        bucket.delete("missing.html");

        assertThat(bucket.get("world/a/index.html")).isEmpty();
        assertThat(bucket.keys("world/")).containsExactly("world/b/index.html");
        assertThat(bucket.deletes()).isEqualTo(1);
    }

    @Test
    void aDeletedPageCanBeWrittenAgain() {
        bucket.put(page("a.html", "A"), 2);
        bucket.delete("a.html");

        assertThat(bucket.put(page("a.html", "A"), 1)).isTrue();
        assertThat(body("a.html")).isEqualTo("A");
    }

    @Test
    void storedBodiesCannotBeChangedThroughAReadCopy() {
        bucket.put(page("a.html", "A"), 1);

        bucket.get("a.html").orElseThrow().body()[0] = 'Z';

        assertThat(body("a.html")).isEqualTo("A");
    }
}
