package broadsheet.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EditorAuthorizerTest {

    private final EditorAuthorizer authorizer = new EditorAuthorizer("s3cret-token", "cognito:groups", "editors");

    @Test
    void turnsTheEditorTokenIntoTheClaimsOfAnEditor() {
        Map<String, String> claims = authorizer.claims("Bearer s3cret-token").orElseThrow();
        assertThat(claims).containsEntry("cognito:groups", "[editors]")
                .containsEntry("sub", "local-editor")
                .containsEntry("username", "local-editor");
        assertThat(authorizer.claims("bearer s3cret-token")).isPresent();
    }

    @Test
    void givesNoClaimsForAMissingOrWrongToken() {
        assertThat(authorizer.claims(null)).isEmpty();
        assertThat(authorizer.claims("")).isEmpty();
        assertThat(authorizer.claims("Bearer ")).isEmpty();
        assertThat(authorizer.claims("Bearer s3cret-tokeN")).isEmpty();
        assertThat(authorizer.claims("Bearer s3cret-token2")).isEmpty();
        assertThat(authorizer.claims("Basic s3cret-token")).isEmpty();
        assertThat(authorizer.claims("s3cret-token")).isEmpty();
    }

    @Test
    void generatesLongDistinctTokens() {
        String a = EditorAuthorizer.generateToken();
        String b = EditorAuthorizer.generateToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
    }
}
