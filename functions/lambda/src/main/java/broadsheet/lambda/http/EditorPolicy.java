package broadsheet.lambda.http;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may use the editing API: callers whose verified JWT (checked by the API Gateway JWT
 * authorizer, which hands the claims to the function) lists the editor group in the group claim.
 * Cognito sends {@code cognito:groups} as {@code [editors other]}, as a bare {@code editors}, or
 * (from some issuers) as a JSON array text; all three are understood.
 */
public record EditorPolicy(String groupClaim, String editorGroup) {

    public enum Access { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    public EditorPolicy {
        Objects.requireNonNull(groupClaim, "groupClaim");
        Objects.requireNonNull(editorGroup, "editorGroup");
    }

    public Access check(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            return Access.UNAUTHENTICATED;
        }
        return groups(claims.get(groupClaim)).contains(editorGroup) ? Access.ALLOWED : Access.FORBIDDEN;
    }

    /** The group names in one claim value: {@code [a b]}, {@code a}, {@code ["a","b"]} or {@code a,b}. */
    static Set<String> groups(String claim) {
        if (claim == null) {
            return Set.of();
        }
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("[\\s,]+"))
                .map(g -> g.replace("\"", ""))
                .filter(g -> !g.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
