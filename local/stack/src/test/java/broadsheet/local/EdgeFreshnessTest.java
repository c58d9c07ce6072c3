package broadsheet.local;

import broadsheet.core.MovableClock;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.EdgeCache;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freshness promises of docs/design-publishing.md ("Freshness at the edge"), read through
 * the site server with its model of the CDN's cache, on a clock the test moves: a taken-down or
 * corrected article page is gone from the edge as soon as its invalidation completes, and without
 * the invalidation it would stay for its max-age (300 s) and stale-while-revalidate (60 s) more;
 * fronts follow within their own max-age and stale-while-revalidate (60 + 30 s).
 */
class EdgeFreshnessTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final String PAGE = "/world/talks/";

    private final MovableClock clock = new MovableClock(START);
    private final SiteConfig site = SiteConfig.load();
    private final MustachePages pages = new MustachePages(site);
    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Article talks = published("world", "talks", START.minusSeconds(3600));
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A publisher that tells {@code invalidations} and a site server reading through {@code edge}. */
    private Publisher start(LocalEdge edge, EdgeCache invalidations) {
        ApiBridge api = new ApiBridge((event, response, context) -> response.write("{\"statusCode\":204}".getBytes()),
                new EditorAuthorizer("t", "cognito:groups", "editors"), new ApiEvents("localhost"), 1024, Clock.systemUTC());
        server = LocalHttpServer.start("127.0.0.1", 0, api, new SiteServer(bucket, Optional.of(edge)));
        return new Publisher(new InMemoryListingStore(), bucket, pages, clock, site.sectionSlugs(),
                FrontSizes.of(site), invalidations);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> after(Duration sincePublished, String path) throws Exception {
        clock.set(START.plus(sincePublished));
        return get(path);
    }

    private Article unpublished() {
        return next(talks, "world", talks.publishAt(), Status.DRAFT);
    }

    @Test
    void anUnpublishedArticleIsGoneFromTheEdgeOnceItsInvalidationCompletes() throws Exception {
        LocalEdge edge = new LocalEdge(clock);
        Publisher publisher = start(edge, edge);
        publisher.apply(ArticleChange.created(talks));
        assertThat(get(PAGE).headers().firstValue("X-Cache")).hasValue("Miss from cloudfront");
        HttpResponse<String> cached = get(PAGE);
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(cached.headers().firstValue("X-Cache")).hasValue("Hit from cloudfront");

        clock.advance(Duration.ofSeconds(10));
        publisher.apply(ArticleChange.updated(talks, unpublished()));

        HttpResponse<String> gone = get(PAGE);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).doesNotContain(talks.headline());
        assertThat(edge.invalidations()).singleElement().satisfies(paths -> assertThat(paths)
                .contains("/world/talks/index.html").as("its page in every section").hasSize(site.sectionSlugs().size()));
    }

    @Test
    void withoutTheInvalidationTheEdgeServesTheTakenDownPageForItsMaxAgeAndStaleWhileRevalidate() throws Exception {
        LocalEdge edge = new LocalEdge(clock);
        Publisher publisher = start(edge, EdgeCache.NONE);
        publisher.apply(ArticleChange.created(talks));
        assertThat(get(PAGE).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(10));
        publisher.apply(ArticleChange.updated(talks, unpublished()));

        assertThat(get(PAGE).body()).as("just after the takedown").contains(talks.headline());
        assertThat(after(Duration.ofSeconds(299), PAGE).body()).as("within max-age=300").contains(talks.headline());
        assertThat(after(Duration.ofSeconds(359), PAGE).body()).as("stale-while-revalidate=60, served once more")
                .contains(talks.headline());
        assertThat(get(PAGE).statusCode()).as("refetched from the bucket meanwhile").isEqualTo(404);
    }

    @Test
    void aCorrectionReplacesTheCachedPageOnceItsInvalidationCompletes() throws Exception {
        LocalEdge edge = new LocalEdge(clock, Duration.ofSeconds(10));
        Publisher publisher = start(edge, edge);
        publisher.apply(ArticleChange.created(talks));
        assertThat(get(PAGE).body()).contains(talks.headline());

        publisher.apply(ArticleChange.updated(talks, retitled(talks, "Talks resume, corrected")));

        assertThat(after(Duration.ofSeconds(5), PAGE).body()).as("the invalidation is still in progress")
                .contains(talks.headline()).doesNotContain("corrected");
        assertThat(after(Duration.ofSeconds(10), PAGE).body()).contains("Talks resume, corrected");
    }

    @Test
    void aFrontListsANewArticleAndDropsAnUnpublishedOneWithinItsMaxAgeAndStaleWhileRevalidate() throws Exception {
        LocalEdge edge = new LocalEdge(clock);
        Publisher publisher = start(edge, edge);
        Article earlier = published("world", "summit", START.minusSeconds(7200));
        publisher.apply(ArticleChange.created(earlier));
        assertThat(get("/world/").body()).contains(earlier.headline()).doesNotContain(talks.headline());

        publisher.apply(ArticleChange.created(talks));
        assertThat(get("/world/").body()).as("fronts are not invalidated").doesNotContain(talks.headline());
        assertThat(after(Duration.ofSeconds(60), "/world/").body()).as("max-age=60, then stale-while-revalidate")
                .doesNotContain(talks.headline());
        assertThat(get("/world/").body()).contains(talks.headline());

        publisher.apply(ArticleChange.updated(talks, unpublished()));
        assertThat(after(Duration.ofSeconds(60 + 60 + 30), "/world/").body()).as("within 60 + 30 s, whenever read")
                .doesNotContain(talks.headline());
        assertThat(get(PAGE).statusCode()).isEqualTo(404);
        assertThat(edge.invalidations()).as("only the takedown invalidates").hasSize(1)
                .allSatisfy(paths -> assertThat(paths).noneMatch(path -> path.equals("/world/index.html")));
    }
}
