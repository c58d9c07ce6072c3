package broadsheet.lambda.http;

import broadsheet.core.article.Violation;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail. {@code detail} is always text written here, never an exception
 * message; {@code violations} lists every problem found in the request (400 and 422 only);
 * {@code reasons} lists every reason the newsroom's roles refuse the request (403 only).
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 */
public record Problem(String type, String title, int status, String detail, List<Violation> violations,
                      List<String> reasons) {

    public static final String TYPE_PREFIX = "tag:broadsheet,2026:problems/";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        violations = List.copyOf(violations);
        reasons = List.copyOf(reasons);
    }

    public Problem(String type, String title, int status, String detail, List<Violation> violations) {
        this(type, title, status, detail, violations, List.of());
    }

    public static Problem of(String name, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + name, title, status, detail, List.of());
    }

    /** 403: the caller's role does not allow the request, for every one of {@code reasons}. */
    public static Problem forbidden(List<String> reasons) {
        return new Problem(TYPE_PREFIX + "forbidden", "Forbidden", 403,
                "Your newsroom role does not allow this request; see reasons.", List.of(), reasons);
    }

    public static Problem invalid(String detail, List<Violation> violations) {
        return new Problem(TYPE_PREFIX + "invalid-request", "Invalid request", 400, detail, violations);
    }

    /** The response carrying this problem as {@code application/problem+json}. */
    public HttpResponse response(Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", HttpResponse.PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        return new HttpResponse(status, headers, MAPPER.writeValueAsBytes(members()));
    }

    public HttpResponse response() {
        return response(Map.of());
    }

    /** The JSON members in RFC 9457 order; {@code violations} and {@code reasons} only when there are some. */
    Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type);
        members.put("title", title);
        members.put("status", status);
        members.put("detail", detail);
        if (!violations.isEmpty()) {
            members.put("violations", violations.stream()
                    .map(v -> {
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("path", v.path());
                        m.put("message", v.message());
                        return m;
                    })
                    .toList());
        }
        if (!reasons.isEmpty()) {
            members.put("reasons", reasons);
        }
        return members;
    }
}
