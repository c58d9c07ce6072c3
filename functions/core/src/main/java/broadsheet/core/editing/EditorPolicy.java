package broadsheet.core.editing;

import broadsheet.core.editing.Permissions.Caller;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the editing API: callers whose verified JWT (checked by the API Gateway JWT
 * authorizer, which hands the claims to the function) lists the editor group or the contributor
 * group in the group claim. What each of them may do, route by route, is
 * {@link Permissions#decide}'s answer for the {@link #caller caller}. Cognito sends
 * {@code cognito:groups} as {@code [editors other]}, as a bare {@code editors}, or (from some
 * issuers) as a JSON array text; all three are understood.
 */
public record EditorPolicy(String groupClaim, String editorGroup, String contributorGroup) {

    /** The group whose members are contributors unless the deployment names another. */
    public static final String DEFAULT_CONTRIBUTOR_GROUP = Permissions.Role.CONTRIBUTOR.group();

    public enum Access { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    public EditorPolicy {
        Objects.requireNonNull(groupClaim, "groupClaim");
        Objects.requireNonNull(editorGroup, "editorGroup");
        Objects.requireNonNull(contributorGroup, "contributorGroup");
    }

    /** The policy with the default contributor group ({@value #DEFAULT_CONTRIBUTOR_GROUP}). */
    public EditorPolicy(String groupClaim, String editorGroup) {
        this(groupClaim, editorGroup, DEFAULT_CONTRIBUTOR_GROUP);
    }

    /** Whether the caller may use the API at all: signed in, and an editor or a contributor. */
    public Access check(Map<String, String> claims) {
        return caller(claims)
                .map(c -> c.isEditor() || c.isContributor() ? Access.ALLOWED : Access.FORBIDDEN)
                .orElse(Access.UNAUTHENTICATED);
    }

    /** The signed-in caller of these claims, with the roles of the configured groups; empty without claims. */
    public Optional<Caller> caller(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Caller.fromClaims(claims, groupClaim, editorGroup, contributorGroup));
    }

    /** The reason a verified caller in neither group is refused. */
    public String noRole() {
        return "only members of the " + editorGroup + " or " + contributorGroup + " group may use the newsroom";
    }
}
