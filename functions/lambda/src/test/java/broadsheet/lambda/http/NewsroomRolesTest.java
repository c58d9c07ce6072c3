package broadsheet.lambda.http;

import broadsheet.core.MovableClock;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.ApiGatewayEvents;
import broadsheet.lambda.Invocations;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static broadsheet.lambda.ApiGatewayEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newsroom's roles in the HTTP API, driven by API Gateway events whose verified claims name a
 * contributor ({@code ann}, {@code bob}: group {@code contributors}) or an editor ({@code eve}).
 * A contributor writes and submits their own drafts; publishing, scheduling, deleting, and
 * touching someone else's draft or a live article are refused with 403 and every reason.
 */
class NewsroomRolesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final ApiHandler handler = new ApiHandler(new ArticleApi(store, SiteConfig.load(), clock,
            new EditorPolicy("cognito:groups", "editors", "contributors")));

    // ---------------------------------------------------------------- requests

    private static ApiGatewayEvents as(String user, String groups, ApiGatewayEvents event) {
        return event.claim("username", user).claim("sub", user + "-sub").claim("cognito:groups", groups);
    }

    private static ApiGatewayEvents ann(ApiGatewayEvents event) {
        return as("ann", "[contributors]", event);
    }

    private static ApiGatewayEvents bob(ApiGatewayEvents event) {
        return as("bob", "[contributors]", event);
    }

    private static ApiGatewayEvents eve(ApiGatewayEvents event) {
        return as("eve", "[editors]", event);
    }

    private static String article(String slug, Object... members) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("slug", slug);
        changes.put("status", "draft");
        for (int i = 0; i < members.length; i += 2) {
            changes.put((String) members[i], members[i + 1]);
        }
        return ApiGatewayEvents.worldArticle(changes);
    }

    private static ApiGatewayEvents post(String body) {
        return fixture("post-article.json").body(body);
    }

    private static ApiGatewayEvents put(String slug, long version, String body) {
        return fixture("put-article.json").path("/api/articles/" + slug).header("if-match", "\"" + version + "\"")
                .body(body);
    }

    private static ApiGatewayEvents get(String path) {
        return fixture("get-article.json").path(path);
    }

    private static ApiGatewayEvents delete(String slug, long version) {
        return fixture("delete-article.json").path("/api/articles/" + slug).header("if-match", "\"" + version + "\"");
    }

    private HttpResponse send(ApiGatewayEvents event) {
        return Invocations.api(handler, event);
    }

    private static JsonNode body(HttpResponse response) {
        return JSON.readTree(response.bodyText());
    }

    private static List<String> reasons(HttpResponse response) {
        List<String> reasons = new ArrayList<>();
        body(response).get("reasons").forEach(r -> reasons.add(r.asString()));
        return reasons;
    }

    /** A 403 problem whose reasons include {@code expected}. */
    private static void assertRefused(HttpResponse response, String expected) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(403);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("type").asString()).isEqualTo(Problem.TYPE_PREFIX + "forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(reasons(response)).anySatisfy(r -> assertThat(r).contains(expected));
    }

    // ---------------------------------------------------------------- a contributor

    @Test
    void aContributorCreatesADraftOwnedByThemWhateverTheBodySays() {
        HttpResponse created = send(ann(post(article("ports-draft", "createdBy", "eve"))));

        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(body(created).get("createdBy").asString()).isEqualTo("ann");
        assertThat(store.find("ports-draft").orElseThrow().createdBy()).isEqualTo("ann");
    }

    @Test
    void theIdempotentCreateSetsTheOwnerToo() {
        HttpResponse created = send(ann(post(article("ports-draft")).header("idempotency-key", "k-1")));

        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(store.find("ports-draft").orElseThrow().createdBy()).isEqualTo("ann");
    }

    @Test
    void aContributorSubmitsTheirDraftForReviewButCannotPublishOrScheduleIt() {
        send(ann(post(article("ports-draft"))));

        HttpResponse review = send(ann(put("ports-draft", 1, article("ports-draft", "status", "review"))));
        assertThat(review.status()).as(review.bodyText()).isEqualTo(200);
        assertThat(body(review).get("status").asString()).isEqualTo("review");
        assertThat(body(review).get("createdBy").asString()).as("the owner stays").isEqualTo("ann");

        assertRefused(send(ann(put("ports-draft", 2, article("ports-draft", "status", "published")))),
                "only editors may publish or schedule");
        HttpResponse scheduled = send(ann(put("ports-draft", 2, article("ports-draft", "status", "scheduled",
                "publishAt", START.plus(Duration.ofDays(1)).toString()))));
        assertRefused(scheduled, "only editors may publish or schedule");
        assertThat(reasons(scheduled)).as("every reason at once")
                .anySatisfy(r -> assertThat(r).contains("only editors may set publishAt"));
        assertRefused(send(ann(post(article("ports-live", "status", "published")))),
                "only editors may publish or schedule");

        assertThat(store.find("ports-draft").orElseThrow().version()).isEqualTo(2);
        assertThat(store.find("ports-live")).isEmpty();
    }

    @Test
    void aRefusalComesBeforeThePreconditionSoAStaleVersionTellsNothingMore() {
        send(ann(post(article("ports-draft"))));

        assertRefused(send(bob(put("ports-draft", 9, article("ports-draft")))), "only change articles they created");
    }

    @Test
    void aContributorCannotDelete() {
        send(ann(post(article("ports-draft"))));

        assertRefused(send(ann(delete("ports-draft", 1))), "only editors may delete");
        assertThat(store.find("ports-draft")).isPresent();
    }

    @Test
    void aPreviewOfUnsavedWorkRendersTheBodyForThoseWhoMayReadTheArticleAndWritesNothing() {
        send(ann(post(article("ports-draft"))));
        ApiGatewayEvents unsaved = fixture("post-article.json").path("/api/articles/ports-draft/preview")
                .body(article("ports-draft", "headline", "Ports <em>reopen</em> at dawn"));

        HttpResponse preview = send(ann(unsaved));
        assertThat(preview.status()).as(preview.bodyText()).isEqualTo(200);
        assertThat(preview.headers()).containsEntry("Cache-Control", "private, no-store");
        assertThat(preview.bodyText()).contains("Ports &lt;em&gt;reopen&lt;/em&gt; at dawn", "Preview", "noindex");
        assertThat(store.find("ports-draft").orElseThrow().version()).as("nothing is written").isEqualTo(1);
        assertThat(store.find("ports-draft").orElseThrow().headline()).doesNotContain("dawn");

        assertRefused(send(bob(unsaved)), "only read their own articles");
        HttpResponse invalid = send(ann(fixture("post-article.json").path("/api/articles/ports-draft/preview")
                .body("{\"section\":\"nowhere\",\"headline\":\"\",\"body\":\"x\"}")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.bodyText()).contains("/section", "/headline");
        HttpResponse otherSlug = send(ann(fixture("post-article.json").path("/api/articles/ports-draft/preview")
                .body(article("other-slug"))));
        assertThat(otherSlug.status()).isEqualTo(400);
        assertThat(otherSlug.bodyText()).contains("/slug");
        assertThat(send(ann(fixture("post-article.json").path("/api/articles/no-such/preview")
                .body(article("no-such")))).status()).isEqualTo(404);
    }

    @Test
    void aContributorCannotEditNorReadAnotherContributorsDraft() {
        send(ann(post(article("ports-draft"))));

        assertRefused(send(bob(put("ports-draft", 1, article("ports-draft", "headline", "Mine now")))),
                "only change articles they created");
        assertRefused(send(bob(get("/api/articles/ports-draft"))), "only read their own articles");
        assertRefused(send(bob(get("/api/articles/ports-draft/preview"))), "only read their own articles");
        assertRefused(send(bob(get("/api/articles/ports-draft/revisions"))), "only read their own articles");
        assertRefused(send(bob(get("/api/articles/ports-draft/revisions/1"))), "only read their own articles");
        send(ann(put("ports-draft", 1, article("ports-draft", "headline", "Ports reopen"))));
        assertThat(send(ann(get("/api/articles/ports-draft/revisions/1"))).status()).isEqualTo(200);
        assertRefused(send(bob(get("/api/articles/ports-draft/revisions/1"))), "only read their own articles");

        assertThat(send(ann(get("/api/articles/ports-draft"))).status()).isEqualTo(200);
        assertThat(send(ann(get("/api/articles/ports-draft/preview"))).status()).isEqualTo(200);
    }

    @Test
    void aContributorCannotEditALiveArticleEvenTheirOwnButMayReadIt() {
        send(ann(post(article("ports-draft"))));
        assertThat(send(eve(put("ports-draft", 1, article("ports-draft", "status", "published")))).status())
                .isEqualTo(200);

        assertRefused(send(ann(put("ports-draft", 2, article("ports-draft", "status", "draft")))),
                "only editors may change a scheduled or published article");
        HttpResponse live = send(bob(get("/api/articles/ports-draft")));
        assertThat(live.status()).as("anyone in the newsroom reads what readers read").isEqualTo(200);
    }

    @Test
    void aContributorCannotRestoreAPublishedVersion() {
        send(ann(post(article("ports-draft"))));
        send(eve(put("ports-draft", 1, article("ports-draft", "status", "published"))));
        send(eve(put("ports-draft", 2, article("ports-draft", "status", "draft"))));

        assertRefused(send(ann(fixture("post-article.json").path("/api/articles/ports-draft/revisions/2/restore")
                .header("if-match", "\"3\"").body(""))), "only editors may publish or schedule");
    }

    @Test
    void aContributorsSearchShowsTheirOwnAndLiveArticlesOnly() {
        send(ann(post(article("ann-draft", "headline", "Ferry strike: ann's notes"))));
        send(bob(post(article("bob-draft", "headline", "Ferry strike: bob's notes"))));
        send(eve(post(article("eve-live", "status", "published", "headline", "Ferry strike ends"))));
        send(eve(post(article("eve-other", "status", "published", "headline", "Harbour reopens"))));

        Map<String, String> search = Map.of("q", "FERRY STRIKE");
        assertThat(slugs(send(ann(fixture("list-articles.json").query(search)))))
                .containsExactlyInAnyOrder("ann-draft", "eve-live");
        assertThat(slugs(send(eve(fixture("list-articles.json").query(search)))))
                .containsExactlyInAnyOrder("ann-draft", "bob-draft", "eve-live");
    }

    @Test
    void aContributorsListShowsTheirOwnAndLiveArticlesOnly() {
        send(ann(post(article("ann-draft"))));
        send(bob(post(article("bob-draft"))));
        send(bob(post(article("bob-review", "status", "review"))));
        send(eve(post(article("eve-live", "status", "published"))));
        send(eve(post(article("eve-scheduled", "status", "scheduled", "publishAt",
                START.plus(Duration.ofDays(1)).toString()))));

        assertThat(slugs(send(ann(fixture("list-articles.json").query(Map.of()))))).containsExactlyInAnyOrder("ann-draft", "eve-live");
        assertThat(slugs(send(bob(fixture("list-articles.json").query(Map.of())))))
                .containsExactlyInAnyOrder("bob-draft", "bob-review", "eve-live");
        assertThat(slugs(send(eve(fixture("list-articles.json").query(Map.of()))))).hasSize(5);
    }

    @Test
    void aShortFilteredPageStillLeadsOnToTheRest() {
        send(ann(post(article("ann-first"))));
        clock.advance(Duration.ofMinutes(1));
        send(bob(post(article("bob-second"))));
        clock.advance(Duration.ofMinutes(1));
        send(bob(post(article("bob-third"))));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "2");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = body(send(ann(fixture("list-articles.json").query(query))));
            page.get("articles").forEach(a -> seen.add(a.get("slug").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly("ann-first");
        assertThat(pages).as("the first page (bob's two) was empty, yet had a cursor").isGreaterThan(1);
    }

    @Test
    void aContributorUploadsMedia() {
        HttpResponse media = send(ann(fixture("post-article.json").path("/api/media")
                .body("{\"filename\":\"harbour.webp\",\"contentType\":\"image/webp\",\"size\":100}")));
        assertThat(media.status()).as("not refused: no signer is configured in this test").isEqualTo(501);
    }

    // ---------------------------------------------------------------- an editor, and everyone else

    @Test
    void anEditorMayDoAllOfIt() {
        send(ann(post(article("ports-draft"))));

        assertThat(send(eve(get("/api/articles/ports-draft"))).status()).isEqualTo(200);
        HttpResponse published = send(eve(put("ports-draft", 1, article("ports-draft", "status", "published"))));
        assertThat(published.status()).as(published.bodyText()).isEqualTo(200);
        assertThat(body(published).get("createdBy").asString()).as("the owner stays the contributor").isEqualTo("ann");
        HttpResponse scheduled = send(eve(put("ports-draft", 2, article("ports-draft", "status", "scheduled",
                "publishAt", START.plus(Duration.ofDays(1)).toString()))));
        assertThat(scheduled.status()).as(scheduled.bodyText()).isEqualTo(200);
        HttpResponse restored = send(eve(fixture("post-article.json")
                .path("/api/articles/ports-draft/revisions/1/restore").header("if-match", "\"3\"").body("")));
        assertThat(restored.status()).as(restored.bodyText()).isEqualTo(200);
        assertThat(send(eve(delete("ports-draft", 4))).status()).isEqualTo(204);
        assertThat(store.find("ports-draft")).isEmpty();

        HttpResponse created = send(eve(post(article("eve-live", "status", "published"))));
        assertThat(body(created).get("createdBy").asString()).isEqualTo("eve");
    }

    @Test
    void aVerifiedCallerInNeitherGroupIsRefusedWithTheReason() {
        HttpResponse reporter = send(as("rita", "[reporters]", post(article("ports-draft"))));

        assertRefused(reporter, "only members of the editors or contributors group");
        HttpResponse anonymous = send(post(article("ports-draft")).withoutAuthorizer());
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theDeploymentNamesTheContributorGroup() {
        ApiHandler writers = new ApiHandler(new ArticleApi(store, SiteConfig.load(), clock,
                new EditorPolicy("cognito:groups", "editors", "writers")));

        assertThat(Invocations.api(writers, as("ann", "[writers]", post(article("ports-draft")))).status())
                .isEqualTo(201);
        assertThat(Invocations.api(writers, ann(post(article("other-draft")))).status()).isEqualTo(403);
    }

    private static List<String> slugs(HttpResponse response) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        body(response).get("articles").forEach(a -> slugs.add(a.get("slug").asString()));
        return slugs;
    }
}
