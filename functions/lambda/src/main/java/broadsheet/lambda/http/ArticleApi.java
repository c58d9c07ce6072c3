package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.Editing;
import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.RevisionNotFoundException;
import broadsheet.core.editing.StaleVersionException;
import broadsheet.core.media.UploadSigner;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.Pages;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import broadsheet.lambda.Lazy;
import broadsheet.lambda.Priming;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The editing API over {@link Editing}: access, routing to the route classes
 * ({@link ArticleCollectionRoutes}, {@link ArticleRoutes}, {@link RevisionRoutes},
 * {@link PreviewRoute}, {@link MediaRoute}) and the mapping of domain outcomes to HTTP. Every
 * route needs a signed-in editor or contributor ({@link EditorPolicy}); what a contributor may do
 * there each route asks {@link broadsheet.core.editing.Permissions} and answers a refusal with 403
 * and every reason. Violations in the body carry JSON Pointers ({@code /image/alt});
 * violations of the path, query or headers name the parameter ({@code slug}, {@code limit},
 * {@code Idempotency-Key}). Absolute URLs it answers with (the {@code Location} of a created
 * article) are on the site's public base URL, however the request reached the function.
 */
public final class ArticleApi {

    public static final String COLLECTION = "/api/articles";
    public static final String MEDIA = "/api/media";
    /** How long a presigned upload URL is valid. */
    public static final Duration UPLOAD_VALIDITY = MediaRoute.UPLOAD_VALIDITY;
    public static final int MAX_BODY_BYTES = Requests.MAX_BODY_BYTES;
    public static final int DEFAULT_LIMIT = ArticleCollectionRoutes.DEFAULT_LIMIT;
    public static final int MAX_LIMIT = ArticleCollectionRoutes.MAX_LIMIT;

    private static final System.Logger LOG = System.getLogger(ArticleApi.class.getName());

    private final Editing editing;
    private final ArticleValidator validator;
    private final ArticleJson json;
    private final EditorPolicy editors;
    private final Router router;

    /** The API without media uploads ({@code POST /api/media} answers 501), rendering previews with the site's templates. */
    public ArticleApi(ArticleStore store, SiteConfig site, Clock clock, EditorPolicy editors) {
        this(store, site, new Lazy<>(() -> new MustachePages(site)), Optional.empty(), clock, editors);
    }

    /**
     * @param previews the pages that render previews; asked for at the first preview only, so a
     *                 {@link Lazy} keeps the templates' compilation out of the cold start
     */
    public ArticleApi(ArticleStore store, SiteConfig site, Supplier<? extends Pages> previews,
                      Optional<UploadSigner> uploadSigner, Clock clock, EditorPolicy editors) {
        this.editing = new Editing(store, clock);
        this.validator = new ArticleValidator(site);
        this.json = new ArticleJson(new SiteLayout(site));
        this.editors = editors;
        List<Router.Route> routes = new ArrayList<>();
        routes.addAll(new ArticleCollectionRoutes(editing, site, validator, json, clock).routes());
        routes.addAll(new ArticleRoutes(editing, validator, json, clock).routes());
        routes.addAll(new PreviewRoute(editing, validator, previews, clock).routes());
        routes.addAll(new RevisionRoutes(editing, json, clock).routes());
        routes.addAll(new MediaRoute(site, uploadSigner, clock).routes());
        this.router = new Router(routes);
    }

    /** The public URL of an article in this API: on the site's base URL, where readers and editors reach it. */
    static String articleUrl(SiteConfig site, String slug) {
        return site.baseUrl() + COLLECTION + "/" + slug;
    }

    public HttpResponse handle(HttpRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        if (match instanceof Router.Match.Refused refused) {
            return refused.response();
        }
        Router.Match.Found found = (Router.Match.Found) match;
        Optional<Caller> caller = editors.caller(request.claims());
        if (caller.isEmpty()) {
            return Problem.of("unauthenticated", "Unauthorized", 401,
                    "Sign in as an editor or a contributor: this API needs a verified token.")
                    .response(Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!caller.get().isEditor() && !caller.get().isContributor()) {
            return Problem.forbidden(List.of(editors.noRole())).response();
        }
        try {
            return found.route().endpoint().handle(request, caller.get(), found.pathParameters());
        } catch (ArticleNotFoundException e) {
            return ArticleProblems.notFound();
        } catch (RevisionNotFoundException e) {
            return ArticleProblems.revisionNotFound();
        } catch (StaleVersionException e) {
            return ArticleProblems.stale();
        } catch (ArticleAlreadyExistsException e) {
            return ArticleProblems.slugTaken();
        } catch (IdempotencyConflictException e) {
            return ArticleProblems.idempotencyKeyReused();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + request.method() + " " + request.path() + " failed", e);
            return Problem.of("internal-error", "Internal Server Error", 500,
                    "The request could not be completed; try again later.").response();
        }
    }

    /**
     * SnapStart priming: the create path on the sample article without its write. The sample is
     * validated, given its server fields and serialised as a create would answer it; then the
     * store is asked for its slug (a read: in DynamoDB one GetItem, which sends, signs and parses a
     * real request through the client without writing anything). Returns the serialised article.
     */
    byte[] prime() {
        Article article = editing.asCreated(Priming.sample(validator));
        byte[] answer = json.write(article);
        editing.find(article.slug());
        return answer;
    }
}
