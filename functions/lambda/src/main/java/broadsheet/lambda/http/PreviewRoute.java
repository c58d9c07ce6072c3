package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.editing.Editing;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Read;
import broadsheet.core.render.Pages;
import broadsheet.core.render.RenderedPage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/articles/{slug}/preview}: the page as readers would see it, with a preview
 * banner; never cached, never stored. A contributor previews their own articles and live ones.
 */
final class PreviewRoute {

    private final Editing editing;
    private final Supplier<? extends Pages> previews;
    private final Clock clock;

    /** @param previews asked for at the first preview only (a {@code Lazy} keeps template compilation out of the cold start) */
    PreviewRoute(Editing editing, Supplier<? extends Pages> previews, Clock clock) {
        this.editing = editing;
        this.previews = previews;
        this.clock = clock;
    }

    List<Router.Route> routes() {
        return List.of(new Router.Route("GET", ArticleApi.COLLECTION + "/{slug}/preview",
                (request, caller, p) -> preview(caller, p.get("slug"))));
    }

    private HttpResponse preview(Caller caller, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Article> found = editing.find(slug);
        if (found.isEmpty()) {
            return ArticleProblems.notFound();
        }
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Read(found.get(), clock.instant()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RenderedPage page = previews.get().previewPage(found.get());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", page.contentType());
        headers.put("Cache-Control", page.cacheControl());
        headers.put("X-Robots-Tag", "noindex");
        return new HttpResponse(200, headers, page.body());
    }
}
