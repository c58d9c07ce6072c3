package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what in the newsroom: a pure decision on the caller's roles, the caller's id, the
 * stored article (if any) and the requested action. Handlers ask before they write and answer a
 * {@link Decision.Denied} with 403 and its reasons; nothing here does I/O.
 *
 * <p>The rules:
 * <ul>
 *   <li>{@link Role#EDITOR} (group {@code editors}) may do everything.</li>
 *   <li>{@link Role#CONTRIBUTOR} (group {@code contributors}) may create articles as
 *       {@code draft} or {@code review}, and change their own articles (those they
 *       {@linkplain Article#createdBy() created}) while these are {@code draft} or {@code review},
 *       keeping them {@code draft} or {@code review}: submitting for review is setting status
 *       {@code review}. A contributor cannot publish, schedule, unpublish, delete, set or change
 *       {@code publishAt}, change a scheduled or published article (so cannot move a live one to
 *       another section either), nor change or read another writer's unpublished article. They
 *       may read their own articles and live ones, and upload media.</li>
 *   <li>A caller with neither role may do nothing.</li>
 * </ul>
 * Every reason that applies is returned at once, like validation violations.
 */
public final class Permissions {

    private Permissions() {
    }

    /** A newsroom role, named by its identity-provider group. */
    public enum Role {
        EDITOR("editors"), CONTRIBUTOR("contributors");

        private final String group;

        Role(String group) {
            this.group = group;
        }

        public String group() {
            return group;
        }

        /** The roles that these group names grant; unknown groups grant nothing. */
        public static Set<Role> ofGroups(Collection<String> groups) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role role : values()) {
                if (groups.contains(role.group)) {
                    roles.add(role);
                }
            }
            return Set.copyOf(roles);
        }
    }

    /**
     * The signed-in caller.
     *
     * @param id    the token's {@code username} (else {@code sub}): what {@link Article#createdBy()} holds
     * @param roles the roles of the caller's groups
     */
    public record Caller(String id, Set<Role> roles) {
        public Caller {
            roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        }

        /**
         * The caller of verified JWT claims as API Gateway hands them to the function: the id is
         * {@code username} (Cognito access tokens), else {@code sub}; the roles come from the
         * groups in {@code groupClaim}, written {@code [a b]}, {@code a}, {@code ["a","b"]} or {@code a,b}.
         */
        public static Caller fromClaims(Map<String, String> claims, String groupClaim) {
            return fromClaims(claims, groupClaim, Role.EDITOR.group(), Role.CONTRIBUTOR.group());
        }

        /**
         * As {@link #fromClaims(Map, String)}, with the groups that grant each role named by the
         * deployment ({@code EDITOR_GROUP}, {@code CONTRIBUTOR_GROUP}) instead of the default names.
         */
        public static Caller fromClaims(Map<String, String> claims, String groupClaim, String editorGroup,
                                        String contributorGroup) {
            String username = claims.get("username");
            String id = username != null && !username.isBlank() ? username : claims.get("sub");
            Set<String> groups = groups(claims.get(groupClaim));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (groups.contains(editorGroup)) {
                roles.add(Role.EDITOR);
            }
            if (groups.contains(contributorGroup)) {
                roles.add(Role.CONTRIBUTOR);
            }
            return new Caller(id, roles);
        }

        /**
         * The group names in one claim value: {@code [a b]} (how API Gateway passes Cognito's
         * {@code cognito:groups}), {@code a}, {@code ["a","b"]} or {@code a,b}.
         */
        public static Set<String> groups(String claim) {
            if (claim == null) {
                return Set.of();
            }
            String text = claim.strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            Set<String> out = new java.util.LinkedHashSet<>();
            for (String g : text.split("[\\s,]+")) {
                String name = g.replace("\"", "");
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
            return Set.copyOf(out);
        }

        public boolean isEditor() {
            return roles.contains(Role.EDITOR);
        }

        public boolean isContributor() {
            return roles.contains(Role.CONTRIBUTOR);
        }

        private boolean hasId() {
            return id != null && !id.isBlank();
        }
    }

    /** What the caller asks to do. */
    public sealed interface Action {
    }

    /** {@code POST /api/articles}: {@code requested} is the validated article. */
    public record Create(Article requested) implements Action {
    }

    /** {@code PUT /api/articles/{slug}}: the stored article and the validated replacement. */
    public record Replace(Article stored, Article requested) implements Action {
    }

    /** {@code DELETE /api/articles/{slug}}. */
    public record Delete(Article stored) implements Action {
    }

    /** {@code POST .../revisions/{version}/restore}: the stored article becomes {@code revision} again. */
    public record Restore(Article stored, Article revision) implements Action {
    }

    /** {@code GET /api/articles/{slug}}, its preview and its revisions, judged at {@code now}. */
    public record Read(Article stored, Instant now) implements Action {
    }

    /** {@code GET /api/articles}: whether every article may be listed (see {@link #listScope}). */
    public record ListArticles() implements Action {
    }

    /** {@code POST /api/media}. */
    public record UploadMedia() implements Action {
    }

    /** The answer: allowed, or denied with every reason that applies. */
    public sealed interface Decision {
        boolean allowed();
    }

    public record Allowed() implements Decision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    public record Denied(List<String> reasons) implements Decision {
        public Denied {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a denial needs a reason");
            }
        }

        @Override
        public boolean allowed() {
            return false;
        }
    }

    /** Which articles a caller's list may hold. */
    public sealed interface ListScope {
    }

    /** Every article. */
    public record AllArticles() implements ListScope {
    }

    /** The caller's own articles (any status) and those readers can see. */
    public record OwnAndLive(String createdBy) implements ListScope {
        /** Whether {@code article} belongs in this scope at {@code now}. */
        public boolean includes(Article article, Instant now) {
            return article.isCreatedBy(createdBy) || article.isLive(now);
        }
    }

    /** No article: the caller has no newsroom role. */
    public record NoArticles() implements ListScope {
    }

    static final String NO_ROLE = "only members of the editors or contributors group may use the newsroom";
    static final String NO_ID = "the token names no user";
    static final String NOT_OWN = "contributors may only change articles they created";
    static final String NOT_OWN_READ = "contributors may only read their own articles and published ones";
    static final String STORED_NOT_DRAFT = "only editors may change a scheduled or published article";
    static final String REQUESTED_NOT_DRAFT = "only editors may publish or schedule; contributors set status draft or review";
    static final String PUBLISH_AT = "only editors may set publishAt";
    static final String DELETE = "only editors may delete articles";

    public static Decision decide(Caller caller, Action action) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        if (caller.isEditor()) {
            return new Allowed();
        }
        if (!caller.isContributor()) {
            return new Denied(List.of(NO_ROLE));
        }
        List<String> reasons = new ArrayList<>();
        if (!caller.hasId()) {
            reasons.add(NO_ID);
        }
        if (action instanceof Create create) {
            requested(create.requested(), null, reasons);
        } else if (action instanceof Replace replace) {
            change(caller, replace.stored(), replace.requested(), reasons);
        } else if (action instanceof Restore restore) {
            change(caller, restore.stored(), restore.revision(), reasons);
        } else if (action instanceof Delete) {
            reasons.add(DELETE);
        } else if (action instanceof Read read) {
            if (!read.stored().isCreatedBy(caller.id()) && !read.stored().isLive(read.now())) {
                reasons.add(NOT_OWN_READ);
            }
        }
        // ListArticles (narrowed by listScope) and UploadMedia are open to contributors.
        return reasons.isEmpty() ? new Allowed() : new Denied(reasons);
    }

    /**
     * The articles a list may show this caller. A contributor's list is filtered to
     * {@link OwnAndLive}; the filter belongs in the query (so pages stay full), else it is
     * applied to each page.
     */
    public static ListScope listScope(Caller caller) {
        if (caller.isEditor()) {
            return new AllArticles();
        }
        if (caller.isContributor() && caller.hasId()) {
            return new OwnAndLive(caller.id());
        }
        return new NoArticles();
    }

    private static void change(Caller caller, Article stored, Article requested, List<String> reasons) {
        if (!stored.isCreatedBy(caller.id())) {
            reasons.add(NOT_OWN);
        }
        if (!isDraft(stored.status())) {
            reasons.add(STORED_NOT_DRAFT);
        }
        requested(requested, stored, reasons);
    }

    private static void requested(Article requested, Article stored, List<String> reasons) {
        if (!isDraft(requested.status())) {
            reasons.add(REQUESTED_NOT_DRAFT);
        }
        Optional<Instant> before = Optional.ofNullable(stored).map(Article::publishAt);
        if (requested.publishAt() != null && !before.equals(Optional.of(requested.publishAt()))) {
            reasons.add(PUBLISH_AT);
        }
    }

    /** Draft and review: the statuses a contributor works in, never seen by readers. */
    private static boolean isDraft(Status status) {
        return status == Status.DRAFT || status == Status.REVIEW;
    }
}
