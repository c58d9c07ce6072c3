package broadsheet.core.article;

import broadsheet.core.text.Slugs;

import broadsheet.core.site.SiteConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates an editor's article JSON. The body is read as a tree, so a value of the
 * wrong type is reported at its own JSON Pointer, and every violation is returned at once.
 *
 * <p>Rules, each reported by a {@link Violation}:
 * <ul>
 *   <li>the body is one JSON object (malformed JSON is one violation at {@code ""}; duplicate
 *       keys are reported at their path);</li>
 *   <li>unknown fields are rejected by name (a typo such as {@code standFirst} must not be
 *       silently dropped); the server-set fields {@code version, createdAt, createdBy, updatedAt,
 *       url} are
 *       accepted and ignored, so an article read from the API can be sent back;</li>
 *   <li>{@code section}, {@code headline}, {@code body} are required; {@code section} is one of
 *       the site's sections;</li>
 *   <li>lengths: headline &le; 200 characters, standfirst &le; 600, body &le; 200 KiB of UTF-8,
 *       &le; 20 tags of 1..50 characters, 1..10 authors of 1..100 characters when given;</li>
 *   <li>{@code slug}: 1..80 of {@code [a-z0-9-]}, no leading, trailing or double hyphen, not a
 *       {@linkplain Slugs#RESERVED reserved} name; derived from the headline when absent;</li>
 *   <li>{@code image}: {@code src} is an http(s) URL or a media key {@code media/...} (no
 *       {@code ..}); {@code alt} is required and not blank;</li>
 *   <li>{@code status} is draft, review, scheduled or published (default draft); {@code publishAt} is an
 *       ISO-8601 instant, required when scheduled;</li>
 *   <li>control characters are rejected (the body may hold line feeds and tabs; CR LF becomes
 *       LF), as are unpaired surrogates.</li>
 * </ul>
 * An over-long list is reported once and only its first allowed entries are checked; at most
 * {@value #MAX_VIOLATIONS} violations are returned, so a hostile body cannot inflate the answer.
 * Text is NFC-normalised; one-line fields are stripped of surrounding white space and an empty
 * optional field counts as absent. JSON {@code null} counts as absent.
 */
public final class ArticleValidator {

    public static final int MAX_HEADLINE = 200;
    public static final int MAX_STANDFIRST = 600;
    public static final int MAX_BODY_BYTES = 200 * 1024;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final int MAX_AUTHORS = 10;
    public static final int MAX_AUTHOR = 100;
    public static final int MAX_SOURCE = 200;
    public static final int MAX_ALT = 300;
    public static final int MAX_CAPTION = 600;
    public static final int MAX_CREDIT = 200;
    public static final int MAX_SRC = 2000;
    /** At most this many violations are returned, then one saying that more were found. */
    public static final int MAX_VIOLATIONS = 100;

    private static final Set<String> FIELDS = Set.of("section", "slug", "headline", "standfirst", "body", "image",
            "authors", "tags", "source", "status", "publishAt");
    private static final Set<String> SERVER_SET = Set.of("version", "createdAt", "createdBy", "updatedAt", "url");
    private static final Set<String> IMAGE_FIELDS = Set.of("src", "alt", "caption", "credit");
    private static final Pattern MEDIA_KEY = Pattern.compile("media/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final SiteConfig config;
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public ArticleValidator(SiteConfig config) {
        this.config = config;
    }

    public Validated parse(byte[] json) {
        String text = utf8(json);
        if (text == null) {
            return new Validated.Invalid(List.of(new Violation("", "the body is not valid UTF-8")));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            return new Validated.Invalid(List.of(unreadable(e)));
        }
        if (root == null || root.isMissingNode()) {
            return new Validated.Invalid(List.of(new Violation("", "the body is not valid JSON")));
        }
        if (!root.isObject()) {
            return new Validated.Invalid(List.of(new Violation("", "the body must be a JSON object")));
        }
        return new Check(root).run();
    }

    /**
     * The body decoded as strict UTF-8, or null. Jackson's byte parser would decode overlong forms
     * ({@code C0 AF} as {@code /}) and guess UTF-16 or UTF-32 from the bytes, whatever the request
     * said; the API speaks UTF-8 only (RFC 8259), so the bytes are decoded here and Jackson reads text.
     */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Violation unreadable(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate Object property") && e.processor() instanceof JsonParser p) {
            return new Violation(p.streamReadContext().pathAsPointer().toString(), "duplicate field");
        }
        return new Violation("", "the body is not valid JSON");
    }

    /** JSON Pointer segment escaping (RFC 6901). */
    static String pointer(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** One validation run: collects violations while reading the tree. */
    private final class Check {
        private final JsonNode root;
        private final List<Violation> violations = new ArrayList<>();

        Check(JsonNode root) {
            this.root = root;
        }

        Validated run() {
            for (String name : root.propertyNames()) {
                if (!FIELDS.contains(name) && !SERVER_SET.contains(name)) {
                    violations.add(new Violation(pointer("", name), "unknown field"));
                }
            }
            String section = section();
            String headline = line(root, "", "headline", true, MAX_HEADLINE);
            String slug = slug(headline);
            String standfirst = line(root, "", "standfirst", false, MAX_STANDFIRST);
            String body = body();
            LeadImage image = image();
            List<String> authors = list("authors", 1, MAX_AUTHORS, MAX_AUTHOR);
            List<String> tags = list("tags", 0, MAX_TAGS, MAX_TAG);
            String source = line(root, "", "source", false, MAX_SOURCE);
            Status status = status();
            Instant publishAt = publishAt(status);
            if (violations.size() > MAX_VIOLATIONS) {
                List<Violation> first = new ArrayList<>(violations.subList(0, MAX_VIOLATIONS));
                first.add(new Violation("", "more problems were found; fix these first"));
                return new Validated.Invalid(first);
            }
            if (!violations.isEmpty()) {
                return new Validated.Invalid(violations);
            }
            return new Validated.Valid(new Article(section, slug, headline, standfirst, body, image, authors, tags,
                    source, status, publishAt, null, null, 0));
        }

        private String section() {
            String section = line(root, "", "section", true, 100);
            if (section != null && !config.hasSection(section)) {
                violations.add(new Violation("/section",
                        "unknown section; expected one of " + String.join(", ", config.sectionSlugs())));
                return null;
            }
            return section;
        }

        private String slug(String headline) {
            JsonNode node = root.get("slug");
            if (node == null || node.isNull()) {
                return headline == null ? null : Slugs.fromHeadline(headline);
            }
            if (!node.isString()) {
                violations.add(new Violation("/slug", "must be a string"));
                return null;
            }
            String slug = node.stringValue();
            String problem = slugProblem(slug);
            if (problem != null) {
                violations.add(new Violation("/slug", problem));
                return null;
            }
            return slug;
        }

        private String slugProblem(String slug) {
            if (slug.isEmpty() || slug.length() > Slugs.MAX_LENGTH) {
                return "must be 1.." + Slugs.MAX_LENGTH + " characters";
            }
            if (!slug.matches("[a-z0-9-]+")) {
                return "may only contain a-z, 0-9 and hyphens";
            }
            if (slug.startsWith("-") || slug.endsWith("-")) {
                return "must not start or end with a hyphen";
            }
            if (slug.contains("--")) {
                return "must not contain a double hyphen";
            }
            if (Slugs.isReserved(slug)) {
                return "is a reserved name";
            }
            return null;
        }

        private String body() {
            JsonNode node = root.get("body");
            if (node == null || node.isNull()) {
                violations.add(new Violation("/body", "is required"));
                return null;
            }
            if (!node.isString()) {
                violations.add(new Violation("/body", "must be a string"));
                return null;
            }
            String body = Normalizer.normalize(node.stringValue().replace("\r\n", "\n"), Normalizer.Form.NFC);
            if (!cleanText(body, "/body", true)) {
                return null;
            }
            if (body.isBlank()) {
                violations.add(new Violation("/body", "must not be blank"));
                return null;
            }
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                violations.add(new Violation("/body", "must be at most " + MAX_BODY_BYTES + " bytes of UTF-8"));
                return null;
            }
            return body;
        }

        private LeadImage image() {
            JsonNode node = root.get("image");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                violations.add(new Violation("/image", "must be an object"));
                return null;
            }
            for (String name : node.propertyNames()) {
                if (!IMAGE_FIELDS.contains(name)) {
                    violations.add(new Violation(pointer("/image", name), "unknown field"));
                }
            }
            int before = violations.size();
            String src = line(node, "/image", "src", true, MAX_SRC);
            if (src != null && !isImageSource(src)) {
                violations.add(new Violation("/image/src",
                        "must be an http(s) URL or a media key such as media/2026/photo.jpg"));
            }
            String alt = line(node, "/image", "alt", true, MAX_ALT);
            String caption = line(node, "/image", "caption", false, MAX_CAPTION);
            String credit = line(node, "/image", "credit", false, MAX_CREDIT);
            return violations.size() == before ? new LeadImage(src, alt, caption, credit) : null;
        }

        private List<String> list(String field, int min, int max, int maxLength) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            String path = "/" + field;
            if (!node.isArray()) {
                violations.add(new Violation(path, "must be an array of strings"));
                return List.of();
            }
            if (node.size() < min || node.size() > max) {
                violations.add(new Violation(path, "must hold " + min + ".." + max + " entries"));
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < Math.min(node.size(), max); i++) {
                String value = item(node.get(i), path + "/" + i, maxLength);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }

        private String item(JsonNode node, String path, int maxLength) {
            if (!node.isString()) {
                violations.add(new Violation(path, "must be a string"));
                return null;
            }
            return checkedLine(node.stringValue(), path, true, maxLength);
        }

        private Status status() {
            JsonNode node = root.get("status");
            if (node == null || node.isNull()) {
                return Status.DRAFT;
            }
            if (!node.isString()) {
                violations.add(new Violation("/status", "must be a string"));
                return null;
            }
            return Status.fromWireName(node.stringValue()).orElseGet(() -> {
                violations.add(new Violation("/status", "must be one of " + Status.wireNames()));
                return null;
            });
        }

        private Instant publishAt(Status status) {
            JsonNode node = root.get("publishAt");
            if (node == null || node.isNull()) {
                if (status == Status.SCHEDULED) {
                    violations.add(new Violation("/publishAt", "is required when status is scheduled"));
                }
                return null;
            }
            if (!node.isString()) {
                violations.add(new Violation("/publishAt", "must be a string"));
                return null;
            }
            try {
                return DateTimeFormatter.ISO_INSTANT.parse(node.stringValue(), Instant::from);
            } catch (DateTimeException e) {
                violations.add(new Violation("/publishAt",
                        "must be an ISO-8601 instant such as 2026-11-29T10:15:30Z"));
                return null;
            }
        }

        /** A one-line text field of {@code parent}; null when absent, blank or invalid. */
        private String line(JsonNode parent, String parentPath, String field, boolean required, int maxLength) {
            JsonNode node = parent.get(field);
            String path = pointer(parentPath, field);
            if (node == null || node.isNull()) {
                if (required) {
                    violations.add(new Violation(path, "is required"));
                }
                return null;
            }
            if (!node.isString()) {
                violations.add(new Violation(path, "must be a string"));
                return null;
            }
            return checkedLine(node.stringValue(), path, required, maxLength);
        }

        private String checkedLine(String raw, String path, boolean required, int maxLength) {
            String value = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
            if (!cleanText(value, path, false)) {
                return null;
            }
            if (value.isEmpty()) {
                if (required) {
                    violations.add(new Violation(path, "must not be blank"));
                }
                return null;
            }
            if (value.codePointCount(0, value.length()) > maxLength) {
                violations.add(new Violation(path, "must be at most " + maxLength + " characters"));
                return null;
            }
            return value;
        }

        private boolean cleanText(String value, String path, boolean multiline) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
                    violations.add(new Violation(path, "must not contain control characters"));
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    violations.add(new Violation(path, "must be valid Unicode text"));
                    return false;
                }
            }
            return true;
        }
    }

    /** An http(s) URL with a host, or a media key {@code media/...} without {@code ..} segments. */
    static boolean isImageSource(String src) {
        if (src.startsWith("media/")) {
            if (!MEDIA_KEY.matcher(src).matches()) {
                return false;
            }
            for (String segment : src.split("/")) {
                if (segment.equals("..") || segment.equals(".")) {
                    return false;
                }
            }
            return true;
        }
        try {
            URI uri = new URI(src);
            String scheme = uri.getScheme();
            return ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
