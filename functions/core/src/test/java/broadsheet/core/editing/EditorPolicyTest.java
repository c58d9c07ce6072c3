package broadsheet.core.editing;

import broadsheet.core.editing.EditorPolicy.Access;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Role;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EditorPolicyTest {

    private final EditorPolicy policy = new EditorPolicy("cognito:groups", "editors");

    @Test
    void readsCognitoBracketListBareNameAndJsonArray() {
        assertThat(Permissions.Caller.groups("[editors other]")).containsExactlyInAnyOrder("editors", "other");
        assertThat(Permissions.Caller.groups("editors")).containsExactly("editors");
        assertThat(Permissions.Caller.groups("[\"readers\",\"editors\"]")).containsExactlyInAnyOrder("readers", "editors");
        assertThat(Permissions.Caller.groups("[]")).isEmpty();
    }

    @Test
    void allowsOnlyMembersOfTheEditorOrContributorGroup() {
        assertThat(policy.check(Map.of("sub", "u1", "cognito:groups", "[readers editors]"))).isEqualTo(Access.ALLOWED);
        assertThat(policy.check(Map.of("sub", "u1", "cognito:groups", "editors"))).isEqualTo(Access.ALLOWED);
        assertThat(policy.check(Map.of("sub", "u1", "cognito:groups", "[readers editors-in-training]")))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(policy.check(Map.of("sub", "u1"))).isEqualTo(Access.FORBIDDEN);
        assertThat(policy.check(Map.of("sub", "u1", "cognito:groups", "[contributors]"))).isEqualTo(Access.ALLOWED);
    }

    @Test
    void theCallerCarriesTheRolesOfTheConfiguredGroups() {
        EditorPolicy custom = new EditorPolicy("groups", "newsroom", "writers");
        assertThat(custom.caller(Map.of("username", "ann", "groups", "[writers]")))
                .contains(new Caller("ann", Set.of(Role.CONTRIBUTOR)));
        assertThat(custom.caller(Map.of("sub", "s1", "groups", "newsroom")))
                .contains(new Caller("s1", Set.of(Role.EDITOR)));
        assertThat(custom.check(Map.of("sub", "s1", "groups", "[contributors]"))).isEqualTo(Access.FORBIDDEN);
        assertThat(custom.caller(Map.of())).isEmpty();
        assertThat(custom.noRole()).contains("newsroom").contains("writers");
    }

    @Test
    void treatsMissingClaimsAsUnauthenticated() {
        assertThat(policy.check(Map.of())).isEqualTo(Access.UNAUTHENTICATED);
        assertThat(policy.check(null)).isEqualTo(Access.UNAUTHENTICATED);
    }

    @Test
    void usesTheConfiguredClaimAndGroup() {
        EditorPolicy custom = new EditorPolicy("groups", "newsroom");
        assertThat(custom.check(Map.of("groups", "[newsroom]"))).isEqualTo(Access.ALLOWED);
        assertThat(custom.check(Map.of("cognito:groups", "[newsroom]", "sub", "u"))).isEqualTo(Access.FORBIDDEN);
    }
}
