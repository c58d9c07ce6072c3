package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.article.Violation;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.Editing;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One article: {@code GET} (with {@code If-None-Match}), {@code PUT} and {@code DELETE}
 * {@code /api/articles/{slug}}, both writes conditional on {@code If-Match}.
 */
final class ArticleRoutes {

    private final Editing editing;
    private final ArticleValidator validator;
    private final ArticleJson json;
    private final JsonMapper mapper = JsonMapper.builder().build();

    ArticleRoutes(Editing editing, ArticleValidator validator, ArticleJson json) {
        this.editing = editing;
        this.validator = validator;
        this.json = json;
    }

    List<Router.Route> routes() {
        String article = ArticleApi.COLLECTION + "/{slug}";
        return List.of(
                new Router.Route("GET", article, (request, p) -> get(request, p.get("slug"))),
                new Router.Route("PUT", article, (request, p) -> replace(request, p.get("slug"))),
                new Router.Route("DELETE", article, (request, p) -> delete(request, p.get("slug"))));
    }

    private HttpResponse get(HttpRequest request, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Article> found = editing.find(slug);
        if (found.isEmpty()) {
            return ArticleProblems.notFound();
        }
        Article article = found.get();
        String etag = Preconditions.etag(article.version());
        Optional<Preconditions> ifNoneMatch = Preconditions.ifMatch(request.header("If-None-Match"));
        if (ifNoneMatch.isPresent() && ifNoneMatch.get().matches(article.version())) {
            return HttpResponse.empty(304, Map.of("ETag", etag));
        }
        return HttpResponse.json(200, json.write(article), Map.of("ETag", etag));
    }

    private HttpResponse replace(HttpRequest request, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return ArticleProblems.preconditionRequired();
        }
        Requests.BodyRead read = Requests.readBody(request);
        if (read.refusal() != null) {
            return read.refusal();
        }
        byte[] body = read.bytes();
        List<Violation> violations = new ArrayList<>();
        Validated validated = validator.parse(body);
        if (validated instanceof Validated.Invalid invalid) {
            violations.addAll(invalid.violations());
        }
        bodySlug(body).filter(s -> !s.equals(slug)).ifPresent(s -> violations.add(new Violation("/slug",
                "must be absent or equal to the slug in the path (" + slug + "); an article keeps its slug")));
        if (!violations.isEmpty()) {
            return Problem.invalid("The article is not valid; see violations.", violations).response();
        }
        Article stored = editing.replace(slug, ((Validated.Valid) validated).article(), ifMatch.get()::matches);
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }

    /** With one version in If-Match, one conditional delete; with several, the current version is read first. */
    private HttpResponse delete(HttpRequest request, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return ArticleProblems.preconditionRequired();
        }
        if (ifMatch.get().versions().size() == 1) {
            editing.delete(slug, ifMatch.get().versions().iterator().next());
        } else {
            editing.delete(slug, ifMatch.get()::matches);
        }
        return HttpResponse.empty(204, Map.of());
    }

    /** The {@code slug} member of a JSON object body, when it has a text one. */
    private Optional<String> bodySlug(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject() && node.has("slug") && node.get("slug").isString()) {
                return Optional.of(node.get("slug").asString());
            }
        } catch (JacksonException e) {
            // the validator reports malformed JSON
        }
        return Optional.empty();
    }
}
