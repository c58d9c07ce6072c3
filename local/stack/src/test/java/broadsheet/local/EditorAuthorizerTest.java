package broadsheet.local;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;

import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    void aContributorTokenGivesTheClaimsOfAContributor() {
        EditorAuthorizer both = new EditorAuthorizer(List.of(
                new EditorAuthorizer.StaticToken("editor-token", EditorAuthorizer.LOCAL_EDITOR, "editors"),
                new EditorAuthorizer.StaticToken("contributor-token", EditorAuthorizer.LOCAL_CONTRIBUTOR, "contributors")),
                "cognito:groups", Optional.empty());

        assertThat(both.claims("Bearer contributor-token").orElseThrow())
                .containsEntry("cognito:groups", "[contributors]").containsEntry("username", "local-contributor");
        assertThat(both.claims("Bearer editor-token").orElseThrow()).containsEntry("cognito:groups", "[editors]");
        assertThat(both.claims("Bearer other-token")).isEmpty();
    }

    @Test
    void aJwtFromTheLocalIssuerIsVerifiedAndAStaticTokenIsNotTakenForOne() {
        LocalIssuer issuer = new LocalIssuer(URI.create("http://localhost:1/oidc"), LocalIssuer.CLIENT_ID,
                List.of("http://localhost:1/admin/"), LocalUsers.parse("eve:pw:editors"), Clock.systemUTC());
        EditorAuthorizer withJwt = new EditorAuthorizer(List.of(
                new EditorAuthorizer.StaticToken("editor-token", EditorAuthorizer.LOCAL_EDITOR, "editors")),
                "cognito:groups", Optional.of(JwtAuthorizer.of(issuer.issuer(), List.of(issuer.clientId()),
                issuer.publicKeys(), Clock.systemUTC())));
        String jwt = issuer.sign(new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject("s").claim("username", "eve")
                .claim("client_id", LocalIssuer.CLIENT_ID).claim("cognito:groups", List.of("editors"))
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());

        assertThat(withJwt.claims("Bearer " + jwt).orElseThrow()).containsEntry("username", "eve")
                .containsEntry("iss", "http://localhost:1/oidc");
        assertThat(withJwt.claims("Bearer editor-token").orElseThrow()).containsEntry("username", "local-editor");
        assertThat(withJwt.claims("Bearer " + jwt + "x")).isEmpty();
    }

    @Test
    void generatesLongDistinctTokens() {
        String a = EditorAuthorizer.generateToken();
        String b = EditorAuthorizer.generateToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
    }
}
