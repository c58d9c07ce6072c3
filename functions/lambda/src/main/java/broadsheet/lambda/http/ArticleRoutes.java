package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.article.Violation;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.Editing;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Delete;
import broadsheet.core.editing.Permissions.Read;
import broadsheet.core.editing.Permissions.Replace;
import broadsheet.core.editing.StaleVersionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One article: {@code GET} (with {@code If-None-Match}), {@code PUT} and {@code DELETE}
 * {@code /api/articles/{slug}}, both writes conditional on {@code If-Match}. The newsroom's roles
 * are asked on the stored article (and for {@code PUT} the requested one) before the
 * precondition is compared, so a refused caller learns nothing from a 412; the write then goes to
 * the very version that was judged.
 */
final class ArticleRoutes {

    private final Editing editing;
    private final ArticleValidator validator;
    private final ArticleJson json;
    private final Clock clock;
    private final JsonMapper mapper = JsonMapper.builder().build();

    ArticleRoutes(Editing editing, ArticleValidator validator, ArticleJson json, Clock clock) {
        this.editing = editing;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    List<Router.Route> routes() {
        String article = ArticleApi.COLLECTION + "/{slug}";
        return List.of(
                new Router.Route("GET", article, (request, caller, p) -> get(request, caller, p.get("slug"))),
                new Router.Route("PUT", article, (request, caller, p) -> replace(request, caller, p.get("slug"))),
                new Router.Route("DELETE", article, (request, caller, p) -> delete(request, caller, p.get("slug"))));
    }

    private HttpResponse get(HttpRequest request, Caller caller, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Article> found = editing.find(slug);
        if (found.isEmpty()) {
            return ArticleProblems.notFound();
        }
        Article article = found.get();
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Read(article, clock.instant()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String etag = Preconditions.etag(article.version());
        Optional<Preconditions> ifNoneMatch = Preconditions.ifMatch(request.header("If-None-Match"));
        if (ifNoneMatch.isPresent() && ifNoneMatch.get().matches(article.version())) {
            return HttpResponse.empty(304, Map.of("ETag", etag));
        }
        return HttpResponse.json(200, json.write(article), Map.of("ETag", etag));
    }

    private HttpResponse replace(HttpRequest request, Caller caller, String slug) {
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
        Article requested = ((Validated.Valid) validated).article();
        Article current = stored(slug);
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Replace(current, requested));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Preconditions accepted = ifMatch.get();
        Article stored = editing.replace(slug, requested, v -> v == current.version() && accepted.matches(v));
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }

    /** The current article is read and judged, then deleted if If-Match names its version. */
    private HttpResponse delete(HttpRequest request, Caller caller, String slug) {
        if (!Requests.isSlug(slug)) {
            return ArticleProblems.badSlug();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return ArticleProblems.preconditionRequired();
        }
        Article current = stored(slug);
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Delete(current));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!ifMatch.get().matches(current.version())) {
            throw new StaleVersionException("article " + slug + " is at version " + current.version()
                    + ", which the precondition does not accept");
        }
        editing.delete(slug, current.version());
        return HttpResponse.empty(204, Map.of());
    }

    private Article stored(String slug) {
        return editing.find(slug).orElseThrow(() -> new ArticleNotFoundException("no article with slug " + slug));
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
