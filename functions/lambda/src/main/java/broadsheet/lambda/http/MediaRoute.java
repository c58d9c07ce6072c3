package broadsheet.lambda.http;

import broadsheet.core.article.Violation;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.UploadMedia;
import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.SignedUpload;
import broadsheet.core.media.UploadSigner;
import broadsheet.core.site.SiteConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/media}: checks an image upload and answers with a presigned PUT URL and the
 * {@code src} to use; 501 where no {@link UploadSigner} is configured.
 */
final class MediaRoute {

    /** How long a presigned upload URL is valid. */
    static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    private static final String RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SiteConfig site;
    private final Optional<UploadSigner> uploadSigner;
    private final Clock clock;
    private final MediaUploads mediaUploads;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper mapper = JsonMapper.builder().build();

    MediaRoute(SiteConfig site, Optional<UploadSigner> uploadSigner, Clock clock) {
        this.site = site;
        this.uploadSigner = uploadSigner;
        this.clock = clock;
        this.mediaUploads = new MediaUploads(clock, this::randomToken);
    }

    List<Router.Route> routes() {
        return List.of(new Router.Route("POST", ArticleApi.MEDIA, (request, caller, p) -> media(request, caller)));
    }

    private HttpResponse media(HttpRequest request, Caller caller) {
        Optional<HttpResponse> refusal = ArticleProblems.refusal(caller, new UploadMedia());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (uploadSigner.isEmpty()) {
            return Problem.of("not-implemented", "Not Implemented", 501,
                    "Media uploads are not configured here.").response();
        }
        Requests.BodyRead read = Requests.readBody(request);
        if (read.refusal() != null) {
            return read.refusal();
        }
        JsonNode node;
        try {
            node = mapper.readTree(read.bytes());
        } catch (JacksonException e) {
            return notAnObject();
        }
        if (node == null || !node.isObject()) {
            return notAnObject();
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
        SignedUpload signed = uploadSigner.get().signPut(upload, UPLOAD_VALIDITY);
        body.put("uploadUrl", signed.url().toString());
        body.put("method", "PUT");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", upload.contentType());
        headers.put("Content-Length", Long.toString(upload.size()));
        body.put("headers", headers);
        // down to the second, so it never promises more than the signature holds
        body.put("expiresAt", signed.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        return HttpResponse.json(201, mapper.writeValueAsBytes(body), Map.of());
    }

    private static HttpResponse notAnObject() {
        return Problem.invalid("The request is not valid; see violations.",
                List.of(new Violation("", "is not a JSON object"))).response();
    }

    private String randomToken() {
        StringBuilder token = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            token.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
        }
        return token.toString();
    }
}
