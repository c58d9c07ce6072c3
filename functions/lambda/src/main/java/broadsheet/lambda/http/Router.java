package broadsheet.lambda.http;

import broadsheet.core.editing.Permissions.Caller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Matches a request's method and path against path templates such as
 * {@code /api/articles/{slug}}; answers 404 for unknown paths and 405 (with {@code Allow}) for a
 * known path with another method.
 */
public final class Router {

    /** What a route runs: the request, the signed-in caller and the path parameters it matched. */
    @FunctionalInterface
    public interface Endpoint {
        HttpResponse handle(HttpRequest request, Caller caller, Map<String, String> pathParameters);
    }

    public record Route(String method, String template, Endpoint endpoint) {
    }

    /** The outcome of matching: a route to run, or the problem to answer with. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> pathParameters) implements Match {
        }

        record Refused(HttpResponse response) implements Match {
        }
    }

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public Match match(String method, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = parameters(route.template(), path);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, parameters.get());
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            return new Match.Refused(Problem.of("not-found", "Not Found", 404,
                    "There is no resource at this path.").response());
        }
        String allow = String.join(", ", allowed);
        return new Match.Refused(Problem.of("method-not-allowed", "Method Not Allowed", 405,
                "This resource supports " + allow + ".").response(Map.of("Allow", allow)));
    }

    /** The parameters when {@code path} fits {@code template}; a parameter matches one non-empty segment. */
    static Optional<Map<String, String>> parameters(String template, String path) {
        List<String> want = segments(template);
        List<String> have = segments(path);
        if (want.size() != have.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String h = have.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (h.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(w.substring(1, w.length() - 1), h);
            } else if (!w.equals(h)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        for (int i = start; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                segments.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return segments;
    }
}
