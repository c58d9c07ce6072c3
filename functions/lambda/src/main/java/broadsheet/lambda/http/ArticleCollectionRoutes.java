package broadsheet.lambda.http;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Status;
import broadsheet.core.article.Validated;
import broadsheet.core.article.Violation;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.editing.Editing;
import broadsheet.core.editing.InvalidCursorException;
import broadsheet.core.editing.Permissions;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Create;
import broadsheet.core.editing.Permissions.ListArticles;
import broadsheet.core.editing.Permissions.ListScope;
import broadsheet.core.editing.Permissions.OwnAndLive;
import broadsheet.core.site.SiteConfig;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/articles} (a page of articles, filtered by section, status and a headline
 * search {@code q}: a substring of the headline, ignoring case and accents) and
 * {@code POST /api/articles} (create, idempotent with an {@code Idempotency-Key}). The caller
 * becomes the new article's owner ({@code createdBy}), whatever the body says. A contributor's
 * list holds only their own articles and live ones ({@link Permissions#listScope}): each page the
 * store returns is filtered, so a page may hold fewer than {@code limit} articles (even none)
 * while its {@code nextCursor} still leads on to the rest. So may a page of a search: the store
 * reads a bounded amount per request.
 */
final class ArticleCollectionRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final System.Logger LOG = System.getLogger(ArticleCollectionRoutes.class.getName());
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final int MAX_CURSOR_LENGTH = 4096;
    /** The longest headline search, in characters (Unicode code points), after trimming. */
    static final int MAX_SEARCH_LENGTH = 100;

    private final Editing editing;
    private final SiteConfig site;
    private final ArticleValidator validator;
    private final ArticleJson json;
    private final Clock clock;

    ArticleCollectionRoutes(Editing editing, SiteConfig site, ArticleValidator validator, ArticleJson json,
                            Clock clock) {
        this.editing = editing;
        this.site = site;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    List<Router.Route> routes() {
        return List.of(
                new Router.Route("GET", ArticleApi.COLLECTION, (request, caller, p) -> list(request, caller)),
                new Router.Route("POST", ArticleApi.COLLECTION, (request, caller, p) -> create(request, caller)));
    }

    private HttpResponse create(HttpRequest request, Caller caller) {
        Requests.BodyRead read = Requests.readBody(request);
        if (read.refusal() != null) {
            return read.refusal();
        }
        byte[] body = read.bytes();
        Optional<String> key = request.header("Idempotency-Key");
        List<Violation> violations = new ArrayList<>();
        if (key.isPresent() && !key.get().matches("[\\x21-\\x7e]{1," + MAX_IDEMPOTENCY_KEY_LENGTH + "}")) {
            violations.add(new Violation("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters"));
        }
        Validated validated = validator.parse(body);
        if (validated instanceof Validated.Invalid invalid) {
            violations.addAll(invalid.violations());
        }
        if (!violations.isEmpty()) {
            return Problem.invalid("The article is not valid; see violations.", violations).response();
        }
        Article draft = ((Validated.Valid) validated).article().withCreatedBy(caller.id());
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new Create(draft));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Article stored = key.isPresent()
                ? editing.create(draft, key.get(), sha256(body))
                : editing.create(draft);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", ArticleApi.articleUrl(site, stored.slug()));
        headers.put("ETag", Preconditions.etag(stored.version()));
        return HttpResponse.json(201, json.write(stored), headers);
    }

    private HttpResponse list(HttpRequest request, Caller caller) {
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new ListArticles());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<Violation> violations = new ArrayList<>();
        Optional<String> section = request.queryParameter("section");
        if (section.isPresent() && !site.sectionSlugs().contains(section.get())) {
            violations.add(new Violation("section", "must be one of " + String.join(", ", site.sectionSlugs())));
        }
        Optional<String> statusText = request.queryParameter("status");
        Optional<Status> status = statusText.flatMap(Status::fromWireName);
        if (statusText.isPresent() && status.isEmpty()) {
            violations.add(new Violation("status", "must be one of draft, scheduled, published"));
        }
        Optional<String> search = request.queryParameter("q").map(String::strip).filter(q -> !q.isEmpty());
        if (search.isPresent() && (search.get().codePointCount(0, search.get().length()) > MAX_SEARCH_LENGTH
                || search.get().codePoints().anyMatch(Character::isISOControl))) {
            violations.add(new Violation("q", "must be at most " + MAX_SEARCH_LENGTH
                    + " characters, without control characters"));
        }
        Optional<String> cursor = request.queryParameter("cursor");
        if (cursor.isPresent() && !cursor.get().matches("[\\x21-\\x7e]{1," + MAX_CURSOR_LENGTH + "}")) {
            violations.add(badCursor());
        }
        int limit = DEFAULT_LIMIT;
        Optional<String> limitText = request.queryParameter("limit");
        if (limitText.isPresent()) {
            if (limitText.get().matches("[0-9]{1,3}") && Integer.parseInt(limitText.get()) >= 1
                    && Integer.parseInt(limitText.get()) <= MAX_LIMIT) {
                limit = Integer.parseInt(limitText.get());
            } else {
                violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (!violations.isEmpty()) {
            return Problem.invalid("The query is not valid; see violations.", violations).response();
        }
        ResultPage page;
        try {
            page = editing.list(new ArticleQuery(section, status, search, cursor, limit));
        } catch (InvalidCursorException e) {
            LOG.log(Level.INFO, "refused cursor: " + e);
            return Problem.invalid("The query is not valid; see violations.", List.of(badCursor())).response();
        }
        List<Article> articles = visible(page.articles(), Permissions.listScope(caller), clock.instant());
        return HttpResponse.json(200, json.writeList(articles, page.nextCursor()), Map.of());
    }

    /** The articles of a page that {@code scope} lets the caller see at {@code now}. */
    private static List<Article> visible(List<Article> articles, ListScope scope, Instant now) {
        if (scope instanceof Permissions.AllArticles) {
            return articles;
        }
        if (scope instanceof OwnAndLive own) {
            return articles.stream().filter(a -> own.includes(a, now)).toList();
        }
        return List.of();
    }

    private static Violation badCursor() {
        return new Violation("cursor", "is not a cursor this API returned");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
