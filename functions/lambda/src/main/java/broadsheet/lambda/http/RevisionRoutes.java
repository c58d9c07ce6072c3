package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.Editing;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Read;
import broadsheet.core.editing.Permissions.Restore;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An article's earlier versions: {@code GET /api/articles/{slug}/revisions}, one of them at
 * {@code .../revisions/{version}}, and {@code POST .../revisions/{version}/restore}, which writes it
 * as the next version, conditional on {@code If-Match}. Who may read them is decided on the current
 * article (on the newest kept version once the article is deleted), who may read one of them on
 * the current article first (so that a refused caller cannot probe which versions exist) and then
 * on that version itself, and who may restore one on both; the restore writes over the very version
 * that was judged.
 */
final class RevisionRoutes {

    private final Editing editing;
    private final ArticleJson json;
    private final Clock clock;
    private final JsonMapper mapper = JsonMapper.builder().build();

    RevisionRoutes(Editing editing, ArticleJson json, Clock clock) {
        this.editing = editing;
        this.json = json;
        this.clock = clock;
    }

    List<Router.Route> routes() {
        String revisions = ArticleApi.COLLECTION + "/{slug}/revisions";
        return List.of(
                new Router.Route("GET", revisions, (request, caller, p) -> revisions(caller, p.get("slug"))),
                new Router.Route("GET", revisions + "/{version}",
                        (request, caller, p) -> revision(caller, p.get("slug"), p.get("version"))),
                new Router.Route("POST", revisions + "/{version}/restore",
                        (request, caller, p) -> restore(request, caller, p.get("slug"), p.get("version"))));
    }

    private HttpResponse revisions(Caller caller, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        List<ArticleStore.Revision> revisions = editing.revisions(slug);
        Article judged = editing.find(slug)
                .or(() -> revisions.stream().findFirst().map(r -> editing.revision(slug, r.version())))
                .orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Read(judged, clock.instant()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<Map<String, Object>> items = revisions.stream().map(RevisionRoutes::item).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("revisions", items);
        return HttpResponse.json(200, mapper.writeValueAsBytes(body), Map.of());
    }

    private static Map<String, Object> item(ArticleStore.Revision r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("version", r.version());
        item.put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
        item.put("headline", r.headline());
        return item;
    }

    private HttpResponse revision(Caller caller, String slug, String versionText) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Long> version = Requests.version(versionText);
        if (version.isEmpty()) {
            return ArticleProblems.badVersion();
        }
        Optional<Article> current = editing.find(slug);
        Optional<HttpResponse> refusal = current.flatMap(a -> ArticleProblems.refusal(caller, new Read(a, clock.instant())));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Article revision = editing.revision(slug, version.get());
        refusal = ArticleProblems.refusal(caller, new Read(revision, clock.instant()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return HttpResponse.json(200, json.write(revision), Map.of());
    }

    private HttpResponse restore(HttpRequest request, Caller caller, String slug, String versionText) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Long> version = Requests.version(versionText);
        if (version.isEmpty()) {
            return ArticleProblems.badVersion();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return ArticleProblems.preconditionRequired();
        }
        Article current = editing.find(slug)
                .orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller,
                new Restore(current, editing.revision(slug, version.get())));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Preconditions accepted = ifMatch.get();
        Article stored = editing.restore(slug, version.get(),
                v -> v == current.version() && accepted.matches(v));
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }
}
