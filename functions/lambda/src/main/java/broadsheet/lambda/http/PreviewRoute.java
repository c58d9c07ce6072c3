package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.article.Violation;
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
 * {@code POST} to the same path renders the article in the body instead (unsaved work, validated
 * as a {@code PUT} would be), with the stored article's owner, times and version: the editor's
 * live preview. Nothing is written either way.
 */
final class PreviewRoute {

    private final Editing editing;
    private final ArticleValidator validator;
    private final Supplier<? extends Pages> previews;
    private final Clock clock;

    /** @param previews asked for at the first preview only (a {@code Lazy} keeps template compilation out of the cold start) */
    PreviewRoute(Editing editing, ArticleValidator validator, Supplier<? extends Pages> previews, Clock clock) {
        this.editing = editing;
        this.validator = validator;
        this.previews = previews;
        this.clock = clock;
    }

    List<Router.Route> routes() {
        String preview = ArticleApi.COLLECTION + "/{slug}/preview";
        return List.of(
                new Router.Route("GET", preview, (request, caller, p) -> preview(caller, p.get("slug"))),
                new Router.Route("POST", preview, (request, caller, p) -> previewOf(request, caller, p.get("slug"))));
    }

    private HttpResponse previewOf(HttpRequest request, Caller caller, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Article> found = editing.find(slug);
        if (found.isEmpty()) {
            return ArticleProblems.notFound();
        }
        Article stored = found.get();
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Read(stored, clock.instant()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Requests.BodyRead read = Requests.readBody(request);
        if (read.refusal() != null) {
            return read.refusal();
        }
        Validated validated = validator.parse(read.bytes());
        if (validated instanceof Validated.Invalid invalid) {
            return Problem.invalid("The article is not valid; see violations.", invalid.violations()).response();
        }
        Article requested = ((Validated.Valid) validated).article();
        if (!requested.slug().equals(slug)) {
            return Problem.invalid("The article is not valid; see violations.", List.of(new Violation("/slug",
                    "must be absent or equal to the slug in the path (" + slug + "); an article keeps its slug")))
                    .response();
        }
        Article shown = requested.withTimes(stored.createdAt(), stored.updatedAt())
                .withVersion(stored.version()).withCreatedBy(stored.createdBy());
        return page(previews.get().previewPage(shown));
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
        return page(previews.get().previewPage(found.get()));
    }

    private static HttpResponse page(RenderedPage page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", page.contentType());
        headers.put("Cache-Control", page.cacheControl());
        headers.put("X-Robots-Tag", "noindex");
        return new HttpResponse(200, headers, page.body());
    }
}
