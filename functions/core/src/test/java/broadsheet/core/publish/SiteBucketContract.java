package broadsheet.core.publish;

import broadsheet.core.publish.SiteBucket;

import broadsheet.core.publish.SiteBucket.StoredPage;
import broadsheet.core.render.RenderedPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SiteBucket} must do. Each test gets a new, empty bucket. */
public abstract class SiteBucketContract {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String ARTICLE_CACHE = "public, max-age=300, stale-while-revalidate=60";
    public static final String LISTING_CACHE = "public, max-age=60, stale-while-revalidate=30";

    protected abstract SiteBucket newBucket();

    protected SiteBucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = newBucket();
    }

    public static RenderedPage page(String key, String text) {
        return new RenderedPage(key, HTML, ARTICLE_CACHE, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Content types compared by media type and parameters, ignoring spaces and case ({@code text/html;charset=utf-8}). */
    public static String normalizedContentType(String contentType) {
        return contentType == null ? null : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    @Test
    void storesThePageWithItsHeadersRevisionAndHash() {
        RenderedPage page = new RenderedPage("world/kyiv/index.html", HTML, ARTICLE_CACHE,
                "<h1>Київ — 東京 🚀</h1>".getBytes(StandardCharsets.UTF_8));

        assertThat(bucket.put(page, 3)).isTrue();

        StoredPage stored = bucket.get("world/kyiv/index.html").orElseThrow();
        assertThat(stored.body()).isEqualTo(page.body());
        assertThat(normalizedContentType(stored.contentType())).isEqualTo("text/html;charset=utf-8");
        assertThat(stored.cacheControl()).isEqualTo(ARTICLE_CACHE);
        assertThat(stored.revision()).isEqualTo(3);
        assertThat(stored.contentHash()).isEqualTo(page.contentHash());
    }

    @Test
    void storesTheRedirectLocationOfARedirectPageAndDropsItWhenAPageReplacesIt() {
        RenderedPage redirect = new RenderedPage("world/talks/index.html", HTML, ARTICLE_CACHE,
                "<p>moved</p>".getBytes(StandardCharsets.UTF_8), Optional.of("/politics/talks/"));

        assertThat(bucket.put(redirect, 4)).isTrue();
        StoredPage stored = bucket.get("world/talks/index.html").orElseThrow();
        assertThat(stored.redirectLocation()).contains("/politics/talks/");
        assertThat(stored.contentHash()).isEqualTo(redirect.contentHash());
        assertThat(stored.revision()).isEqualTo(4);

        assertThat(bucket.put(page("world/talks/index.html", "<h1>back in World</h1>"), 5)).isTrue();
        StoredPage back = bucket.get("world/talks/index.html").orElseThrow();
        assertThat(back.redirectLocation()).isEmpty();
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("<h1>back in World</h1>");
    }

    @Test
    void aRedirectToAnotherPlaceIsNotTheSameContent() {
        byte[] body = "<p>moved</p>".getBytes(StandardCharsets.UTF_8);
        bucket.put(new RenderedPage("world/talks/index.html", HTML, ARTICLE_CACHE, body, Optional.of("/politics/talks/")), 1);

        assertThat(bucket.put(new RenderedPage("world/talks/index.html", HTML, ARTICLE_CACHE, body,
                Optional.of("/sport/talks/")), 2)).isTrue();
        assertThat(bucket.get("world/talks/index.html").orElseThrow().redirectLocation()).contains("/sport/talks/");
    }

    @Test
    void skipsAPageWithTheSameContent() {
        bucket.put(page("index.html", "<p>same</p>"), 1);

        assertThat(bucket.put(page("index.html", "<p>same</p>"), 2)).isFalse();
        assertThat(bucket.get("index.html").orElseThrow().body())
                .isEqualTo("<p>same</p>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnchangedPageAtANewerRevisionStillFencesOffOlderRevisions() {
        bucket.put(page("world/index.html", "<p>A</p>"), 1);
        assertThat(bucket.put(page("world/index.html", "<p>A</p>"), 3)).isFalse();

        // a late writer of revision 2 must not replace what revision 3 wants
        assertThat(bucket.put(page("world/index.html", "<p>B</p>"), 2)).isFalse();

        assertThat(bucket.get("world/index.html").orElseThrow().body())
                .isEqualTo("<p>A</p>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void neverReplacesANewerOrEqualRevision() {
        bucket.put(page("world/index.html", "<p>revision 5</p>"), 5);

        assertThat(bucket.put(page("world/index.html", "<p>revision 4</p>"), 4)).isFalse();
        assertThat(bucket.put(page("world/index.html", "<p>also 5</p>"), 5)).isFalse();
        assertThat(bucket.get("world/index.html").orElseThrow().body())
                .isEqualTo("<p>revision 5</p>".getBytes(StandardCharsets.UTF_8));

        assertThat(bucket.put(page("world/index.html", "<p>revision 6</p>"), 6)).isTrue();
        assertThat(bucket.get("world/index.html").orElseThrow().revision()).isEqualTo(6);
    }

    @Test
    void keepsEachPagesOwnCacheControl() {
        bucket.put(new RenderedPage("feed.xml", "application/atom+xml; charset=utf-8", LISTING_CACHE,
                "<feed/>".getBytes(StandardCharsets.UTF_8)), 1);

        StoredPage stored = bucket.get("feed.xml").orElseThrow();
        assertThat(normalizedContentType(stored.contentType())).isEqualTo("application/atom+xml;charset=utf-8");
        assertThat(stored.cacheControl()).isEqualTo(LISTING_CACHE);
    }

    @Test
    void deletesPagesAndToleratesMissingOnes() {
        bucket.put(page("world/gone/index.html", "<p>gone</p>"), 1);

        bucket.delete("world/gone/index.html");
        bucket.delete("world/never-there/index.html");

        assertThat(bucket.get("world/gone/index.html")).isEmpty();
        assertThat(bucket.keys("world/")).isEmpty();
    }

    @Test
    void listsKeysUnderAPrefixInKeyOrder() {
        bucket.put(page("world/b/index.html", "b"), 1);
        bucket.put(page("world/a/index.html", "a"), 1);
        bucket.put(page("world/index.html", "front"), 1);
        bucket.put(page("science/c/index.html", "c"), 1);
        bucket.put(page("index.html", "home"), 1);

        assertThat(bucket.keys("world/"))
                .containsExactly("world/a/index.html", "world/b/index.html", "world/index.html");
        assertThat(bucket.keys("")).hasSize(5);
        assertThat(bucket.get("missing.html")).isEmpty();
    }
}
