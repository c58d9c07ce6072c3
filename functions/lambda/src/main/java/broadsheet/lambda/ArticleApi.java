package broadsheet.lambda;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.text.Slugs;
import broadsheet.core.article.Status;
import broadsheet.core.article.Validated;
import broadsheet.core.article.Violation;
import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.UploadSigner;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.render.Pages;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.editing.StaleVersionException;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The editing API over an {@link ArticleStore}: routes, access, request checks and the mapping of
 * domain outcomes to HTTP. Every route needs an editor. Violations in the body carry JSON
 * Pointers ({@code /image/alt}); violations of the path, query or headers name the parameter
 * ({@code slug}, {@code limit}, {@code Idempotency-Key}).
 */
public final class ArticleApi {

    public static final String COLLECTION = "/api/articles";
    public static final String MEDIA = "/api/media";
    /** How long a presigned upload URL is valid. */
    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    private static final String RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private static final System.Logger LOG = System.getLogger(ArticleApi.class.getName());
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final int MAX_CURSOR_LENGTH = 4096;

    private final ArticleStore store;
    private final SiteConfig site;
    private final ArticleValidator validator;
    private final ArticleJson json;
    private final Clock clock;
    private final EditorPolicy editors;
    private final Router router;
    private final Supplier<? extends Pages> previews;
    private final Optional<UploadSigner> uploadSigner;
    private final MediaUploads mediaUploads;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper mapper = JsonMapper.builder().build();

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
        this.store = store;
        this.site = site;
        this.previews = previews;
        this.uploadSigner = uploadSigner;
        this.mediaUploads = new MediaUploads(clock, this::randomToken);
        this.validator = new ArticleValidator(site);
        this.json = new ArticleJson(new SiteLayout(site));
        this.clock = clock;
        this.editors = editors;
        this.router = new Router(List.of(
                new Router.Route("GET", COLLECTION, (request, p) -> list(request)),
                new Router.Route("POST", COLLECTION, (request, p) -> create(request)),
                new Router.Route("GET", COLLECTION + "/{slug}", (request, p) -> get(request, p.get("slug"))),
                new Router.Route("PUT", COLLECTION + "/{slug}", (request, p) -> replace(request, p.get("slug"))),
                new Router.Route("DELETE", COLLECTION + "/{slug}", (request, p) -> delete(request, p.get("slug"))),
                new Router.Route("GET", COLLECTION + "/{slug}/preview", (request, p) -> preview(p.get("slug"))),
                new Router.Route("GET", COLLECTION + "/{slug}/revisions", (request, p) -> revisions(p.get("slug"))),
                new Router.Route("GET", COLLECTION + "/{slug}/revisions/{version}",
                        (request, p) -> revision(p.get("slug"), p.get("version"))),
                new Router.Route("POST", COLLECTION + "/{slug}/revisions/{version}/restore",
                        (request, p) -> restore(request, p.get("slug"), p.get("version"))),
                new Router.Route("POST", MEDIA, (request, p) -> media(request))));
    }

    public HttpResponse handle(HttpRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        if (match instanceof Router.Match.Refused refused) {
            return refused.response();
        }
        Router.Match.Found found = (Router.Match.Found) match;
        switch (editors.check(request.claims())) {
            case UNAUTHENTICATED:
                return Problem.of("unauthenticated", "Unauthorized", 401,
                        "Sign in as an editor: this API needs a verified token.")
                        .response(Map.of("WWW-Authenticate", "Bearer"));
            case FORBIDDEN:
                return Problem.of("forbidden", "Forbidden", 403, "Only editors may use this API.").response();
            default:
                break;
        }
        try {
            return found.route().endpoint().handle(request, found.pathParameters());
        } catch (ArticleNotFoundException e) {
            return notFound();
        } catch (StaleVersionException e) {
            return stale();
        } catch (ArticleAlreadyExistsException e) {
            return Problem.of("slug-taken", "Conflict", 409,
                    "An article with this slug exists already; choose another slug.").response();
        } catch (IdempotencyConflictException e) {
            return new Problem(Problem.TYPE_PREFIX + "idempotency-key-reused", "Idempotency key reused", 422,
                    "This Idempotency-Key was used with a different request body.",
                    List.of(new Violation("Idempotency-Key", "was already used with a different request body")))
                    .response();
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
        Article sample = Priming.sample(validator);
        Instant now = now();
        Article article = withServerFields(sample, sample.slug(), now, now, null);
        byte[] answer = json.write(article);
        store.find(article.slug());
        return answer;
    }

    private HttpResponse create(HttpRequest request) {
        BodyRead read = readBody(request);
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
        Article parsed = ((Validated.Valid) validated).article();
        Instant now = now();
        Article article = withServerFields(parsed, parsed.slug(), now, now, null);
        Article stored = key.isPresent()
                ? store.create(article, key.get(), sha256(body))
                : store.create(article);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", request.apiBase() + COLLECTION + "/" + stored.slug());
        headers.put("ETag", Preconditions.etag(stored.version()));
        return HttpResponse.json(201, json.write(stored), headers);
    }

    private HttpResponse get(HttpRequest request, String slug) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Article> found = store.find(slug);
        if (found.isEmpty()) {
            return notFound();
        }
        Article article = found.get();
        String etag = Preconditions.etag(article.version());
        Optional<Preconditions> ifNoneMatch = Preconditions.ifMatch(request.header("If-None-Match"));
        if (ifNoneMatch.isPresent() && ifNoneMatch.get().matches(article.version())) {
            return HttpResponse.empty(304, Map.of("ETag", etag));
        }
        return HttpResponse.json(200, json.write(article), Map.of("ETag", etag));
    }

    private HttpResponse list(HttpRequest request) {
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
        Optional<String> cursor = request.queryParameter("cursor");
        if (cursor.isPresent() && !cursor.get().matches("[\\x21-\\x7e]{1," + MAX_CURSOR_LENGTH + "}")) {
            violations.add(new Violation("cursor", "is not a cursor this API returned"));
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
            page = store.list(new ArticleQuery(section, status, cursor, limit));
        } catch (IllegalArgumentException e) {
            if (cursor.isEmpty()) {
                throw e;
            }
            LOG.log(Level.INFO, "refused cursor: " + e);
            return Problem.invalid("The query is not valid; see violations.",
                    List.of(new Violation("cursor", "is not a cursor this API returned"))).response();
        }
        return HttpResponse.json(200, json.writeList(page.articles(), page.nextCursor()), Map.of());
    }

    private HttpResponse replace(HttpRequest request, String slug) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return preconditionRequired();
        }
        BodyRead read = readBody(request);
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
        Optional<Article> current = store.find(slug);
        if (current.isEmpty()) {
            return notFound();
        }
        long version = current.get().version();
        if (!ifMatch.get().matches(version)) {
            return stale();
        }
        Article parsed = ((Validated.Valid) validated).article();
        Article article = withServerFields(parsed, slug, current.get().createdAt(), now(), current.get().publishAt());
        Article stored = store.update(article, version);
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }

    private HttpResponse delete(HttpRequest request, String slug) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return preconditionRequired();
        }
        long expected;
        if (ifMatch.get().versions().size() == 1) {
            expected = ifMatch.get().versions().iterator().next();
        } else {
            Optional<Article> current = store.find(slug);
            if (current.isEmpty()) {
                return notFound();
            }
            if (!ifMatch.get().matches(current.get().version())) {
                return stale();
            }
            expected = current.get().version();
        }
        store.delete(slug, expected);
        return HttpResponse.empty(204, Map.of());
    }

    /** The page as readers would see it, with a preview banner; never cached, never stored. */
    private HttpResponse preview(String slug) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Article> found = store.find(slug);
        if (found.isEmpty()) {
            return notFound();
        }
        RenderedPage page = previews.get().previewPage(found.get());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", page.contentType());
        headers.put("Cache-Control", page.cacheControl());
        headers.put("X-Robots-Tag", "noindex");
        return new HttpResponse(200, headers, page.body());
    }

    private HttpResponse revisions(String slug) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        List<ArticleStore.Revision> revisions = store.revisions(slug);
        if (revisions.isEmpty() && store.find(slug).isEmpty()) {
            return notFound();
        }
        List<Map<String, Object>> items = revisions.stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", r.version());
            item.put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
            item.put("headline", r.headline());
            return item;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("revisions", items);
        return HttpResponse.json(200, mapper.writeValueAsBytes(body), Map.of());
    }

    private HttpResponse revision(String slug, String versionText) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Long> version = version(versionText);
        if (version.isEmpty()) {
            return badVersion();
        }
        return store.revision(slug, version.get())
                .map(r -> HttpResponse.json(200, json.write(r), Map.of()))
                .orElseGet(ArticleApi::revisionNotFound);
    }

    /** Writes an earlier version's content as the next version, conditional on If-Match. */
    private HttpResponse restore(HttpRequest request, String slug, String versionText) {
        if (!isSlug(slug)) {
            return badSlug();
        }
        Optional<Long> version = version(versionText);
        if (version.isEmpty()) {
            return badVersion();
        }
        Optional<Preconditions> ifMatch = Preconditions.ifMatch(request.header("If-Match"));
        if (ifMatch.isEmpty()) {
            return preconditionRequired();
        }
        Optional<Article> current = store.find(slug);
        if (current.isEmpty()) {
            return notFound();
        }
        if (!ifMatch.get().matches(current.get().version())) {
            return stale();
        }
        Optional<Article> kept = store.revision(slug, version.get());
        if (kept.isEmpty()) {
            return revisionNotFound();
        }
        Article restored = withServerFields(kept.get(), slug, current.get().createdAt(), now(), kept.get().publishAt());
        Article stored = store.update(restored, current.get().version());
        return HttpResponse.json(200, json.write(stored), Map.of("ETag", Preconditions.etag(stored.version())));
    }

    /** Checks an image upload and answers with a presigned PUT URL and the {@code src} to use. */
    private HttpResponse media(HttpRequest request) {
        if (uploadSigner.isEmpty()) {
            return Problem.of("not-implemented", "Not Implemented", 501,
                    "Media uploads are not configured here.").response();
        }
        BodyRead read = readBody(request);
        if (read.refusal() != null) {
            return read.refusal();
        }
        JsonNode node;
        try {
            node = mapper.readTree(read.bytes());
        } catch (JacksonException e) {
            return Problem.invalid("The request is not valid; see violations.",
                    List.of(new Violation("", "is not a JSON object"))).response();
        }
        if (node == null || !node.isObject()) {
            return Problem.invalid("The request is not valid; see violations.",
                    List.of(new Violation("", "is not a JSON object"))).response();
        }
        List<Violation> violations = new ArrayList<>();
        for (String name : node.propertyNames()) {
            if (!List.of("filename", "contentType", "size").contains(name)) {
                violations.add(new Violation("/" + name, "is not a field of a media upload"));
            }
        }
        String filename = node.path("filename").isString() ? node.path("filename").asString() : null;
        String contentType = node.path("contentType").isString() ? node.path("contentType").asString() : null;
        Long size = node.path("size").isIntegralNumber() && node.path("size").canConvertToLong()
                ? node.path("size").asLong() : null;
        MediaUploads.Checked checked = mediaUploads.check(new MediaUploads.Request(filename, contentType, size));
        if (checked instanceof MediaUploads.Checked.Refused refused) {
            violations.addAll(refused.violations());
        }
        if (!violations.isEmpty()) {
            return Problem.invalid("The upload is not allowed; see violations.", violations).response();
        }
        MediaUploads.Upload upload = ((MediaUploads.Checked.Allowed) checked).upload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("src", upload.key());
        body.put("url", site.baseUrl() + "/" + upload.key());
        body.put("uploadUrl", uploadSigner.get().signPut(upload, UPLOAD_VALIDITY).toString());
        body.put("method", "PUT");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", upload.contentType());
        headers.put("Content-Length", Long.toString(upload.size()));
        body.put("headers", headers);
        body.put("expiresAt", clock.instant().plus(UPLOAD_VALIDITY).truncatedTo(ChronoUnit.SECONDS).toString());
        return HttpResponse.json(201, mapper.writeValueAsBytes(body), Map.of());
    }

    private String randomToken() {
        StringBuilder token = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            token.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
        }
        return token.toString();
    }

    private static Optional<Long> version(String text) {
        return text != null && text.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static HttpResponse badVersion() {
        return Problem.invalid("The version in the path is not valid.",
                List.of(new Violation("version", "must be a positive whole number"))).response();
    }

    private static HttpResponse revisionNotFound() {
        return Problem.of("revision-not-found", "Not Found", 404, "This article has no such earlier version.")
                .response();
    }

    /** The body of a request, or the response refusing it. */
    private record BodyRead(byte[] bytes, HttpResponse refusal) {
    }

    /** 413 for bodies over 1 MiB, 415 unless JSON, 400 for an unreadable base64 body; else the bytes. */
    private static BodyRead readBody(HttpRequest request) {
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return new BodyRead(null, Problem.of("body-too-large", "Content Too Large", 413,
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.").response());
        }
        if (!MediaTypes.isJson(request.header("Content-Type"))) {
            return new BodyRead(null, Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
                    "Send the article as application/json (UTF-8).")
                    .response(Map.of("Accept-Post", HttpResponse.JSON)));
        }
        try {
            return new BodyRead(request.bodyBytes(), null);
        } catch (IllegalArgumentException e) {
            return new BodyRead(null, Problem.invalid("The request body is not valid base64.",
                    List.of(new Violation("", "is not valid base64"))).response());
        }
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

    /**
     * The article as stored: server-set times, and a publish time of now (or the one it had) when
     * it is published without one.
     */
    private Article withServerFields(Article a, String slug, Instant createdAt, Instant updatedAt,
                                     Instant previousPublishAt) {
        Instant publishAt = a.publishAt();
        if (publishAt == null && a.status() == Status.PUBLISHED) {
            publishAt = previousPublishAt != null ? previousPublishAt : updatedAt;
        }
        return new Article(a.section(), slug, a.headline(), a.standfirst(), a.body(), a.image(), a.authors(),
                a.tags(), a.source(), a.status(), publishAt, createdAt, updatedAt, a.version());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean isSlug(String slug) {
        return Slugs.isWellFormed(slug);
    }

    private static HttpResponse badSlug() {
        return Problem.invalid("The slug in the path is not valid.", List.of(new Violation("slug",
                "must be lowercase letters and digits in words joined by single hyphens"))).response();
    }

    private static HttpResponse notFound() {
        return Problem.of("article-not-found", "Not Found", 404, "There is no article with this slug.").response();
    }

    private static HttpResponse stale() {
        return Problem.of("stale-version", "Precondition Failed", 412,
                "The article has changed since you read it; read it again and reapply your edit.").response();
    }

    private static HttpResponse preconditionRequired() {
        return Problem.of("precondition-required", "Precondition Required", 428,
                "Send If-Match with the ETag of the version you edited.").response();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
