package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.Editing;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An article's earlier versions: {@code GET /api/articles/{slug}/revisions}, one of them at
 * {@code .../revisions/{version}}, and {@code POST .../revisions/{version}/restore}, which writes it
 * as the next version, conditional on {@code If-Match}.
 */
final class RevisionRoutes {

    private final Editing editing;
    private final ArticleJson json;
    private final JsonMapper mapper = JsonMapper.builder().build();

    RevisionRoutes(Editing editing, ArticleJson json) {
        this.editing = editing;
        this.json = json;
    }

    List<Router.Route> routes() {
        String revisions = ArticleApi.COLLECTION + "/{slug}/revisions";
        return List.of(
                new Router.Route("GET", revisions, (request, p) -> revisions(p.get("slug"))),
                new Router.Route("GET", revisions + "/{version}",
                        (request, p) -> revision(p.get("slug"), p.get("version"))),
                new Router.Route("POST", revisions + "/{version}/restore",
                        (request, p) -> restore(request, p.get("slug"), p.get("version"))));
    }

    private HttpResponse revisions(String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        List<Map<String, Object>> items = editing.revisions(slug).stream().map(RevisionRoutes::item).toList();
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

    private HttpResponse revision(String slug, String versionText) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Long> version = Requests.version(versionText);
        if (version.isEmpty()) {
            return ArticleProblems.badVersion();
        }
        return HttpResponse.json(200, json.write(editing.revision(slug, version.get())), Map.of());
    }

    private HttpResponse restore(HttpRequest request, String slug, String versionText) {
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
        Article stored = editing.restore(slug, version.get(), ifMatch.get()::matches);
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }
}
