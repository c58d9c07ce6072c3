package broadsheet.local;

import broadsheet.core.MovableClock;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol decisions of the local issuer, without HTTP: codes, PKCE, refresh, expiry. */
class LocalIssuerTest {

    private static final String REDIRECT = "http://localhost:1/admin/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final LocalIssuer issuer = new LocalIssuer(URI.create("http://localhost:1/oidc"), LocalIssuer.CLIENT_ID,
            List.of(REDIRECT), LocalUsers.parse("eve:pw:editors;ann:pw2:contributors"), clock);

    private static LocalIssuer.AuthorizationRequest request(String challenge, String method) {
        return new LocalIssuer.AuthorizationRequest("code", LocalIssuer.CLIENT_ID, REDIRECT, "openid", "st", "n-1",
                challenge, method);
    }

    private static final LocalIssuer.AuthorizationRequest GOOD = request(LocalIssuer.s256(VERIFIER), "S256");

    private static String error(LocalIssuer.Result result) {
        assertThat(result).isInstanceOf(LocalIssuer.Result.Refused.class);
        return ((LocalIssuer.Result.Refused) result).refusal().error();
    }

    private static LocalIssuer.Tokens tokens(LocalIssuer.Result result) {
        assertThat(result).isInstanceOf(LocalIssuer.Result.Issued.class);
        return ((LocalIssuer.Result.Issued) result).tokens();
    }

    @Test
    void checksTheRequestBeforeShowingTheForm() {
        assertThat(issuer.check(GOOD)).isEmpty();
        assertThat(issuer.check(request(VERIFIER, "plain"))).get().extracting(LocalIssuer.Refusal::error)
                .isEqualTo("invalid_request");
        assertThat(issuer.check(request(null, null))).isPresent();
        assertThat(issuer.check(request("short", "S256"))).isPresent();
        assertThat(issuer.check(new LocalIssuer.AuthorizationRequest("token", LocalIssuer.CLIENT_ID, REDIRECT, null, null,
                null, LocalIssuer.s256(VERIFIER), "S256"))).get().extracting(LocalIssuer.Refusal::error)
                .isEqualTo("unsupported_response_type");
        LocalIssuer.AuthorizationRequest elsewhere = new LocalIssuer.AuthorizationRequest("code", LocalIssuer.CLIENT_ID,
                "http://localhost:1/admin/x", null, null, null, LocalIssuer.s256(VERIFIER), "S256");
        assertThat(issuer.check(elsewhere)).isPresent();
        assertThat(issuer.mayRedirect(elsewhere)).isFalse();
        assertThat(issuer.mayRedirect(request(null, null))).isTrue();
    }

    @Test
    void issuesCognitoShapedTokensForTheSignedInUser() throws Exception {
        String code = issuer.signIn(GOOD, "ann", "pw2").orElseThrow();

        LocalIssuer.Tokens tokens = tokens(issuer.exchangeCode(code, REDIRECT, LocalIssuer.CLIENT_ID, VERIFIER));

        JWTClaimsSet access = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
        assertThat(access.getStringClaim("username")).isEqualTo("ann");
        assertThat(access.getSubject()).isEqualTo(issuer.users().find("ann").orElseThrow().sub());
        assertThat(access.getStringListClaim("cognito:groups")).containsExactly("contributors");
        assertThat(access.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(LocalIssuer.ACCESS_LIFETIME));
        JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(tokens.refreshToken()).isPresent();
        assertThat(issuer.signIn(GOOD, "ann", "pw")).as("another user's password").isEmpty();
    }

    @Test
    void aCodeIsSpentOnceAndExpiresAfterFiveMinutes() {
        String code = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        tokens(issuer.exchangeCode(code, REDIRECT, LocalIssuer.CLIENT_ID, VERIFIER));
        assertThat(error(issuer.exchangeCode(code, REDIRECT, LocalIssuer.CLIENT_ID, VERIFIER))).isEqualTo("invalid_grant");

        String late = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        clock.advance(LocalIssuer.CODE_LIFETIME.plusSeconds(1));
        assertThat(error(issuer.exchangeCode(late, REDIRECT, LocalIssuer.CLIENT_ID, VERIFIER))).isEqualTo("invalid_grant");
    }

    @Test
    void theCodeIsBoundToItsClientRedirectAndVerifier() {
        String code = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        assertThat(error(issuer.exchangeCode(code, REDIRECT, "other-client", VERIFIER))).isEqualTo("invalid_client");

        code = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        assertThat(error(issuer.exchangeCode(code, REDIRECT + "x", LocalIssuer.CLIENT_ID, VERIFIER))).isEqualTo("invalid_grant");

        code = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        assertThat(error(issuer.exchangeCode(code, REDIRECT, LocalIssuer.CLIENT_ID, LocalIssuer.s256(VERIFIER))))
                .as("the challenge itself is not the verifier").isEqualTo("invalid_grant");

        code = issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        assertThat(error(issuer.exchangeCode(code, REDIRECT, LocalIssuer.CLIENT_ID, "too-short"))).isEqualTo("invalid_request");
    }

    @Test
    void refreshTokensWorkUntilRevokedOrExpiredAndOnlyForTheirClient() {
        String refresh = tokens(issuer.exchangeCode(issuer.signIn(GOOD, "eve", "pw").orElseThrow(), REDIRECT,
                LocalIssuer.CLIENT_ID, VERIFIER)).refreshToken().orElseThrow();

        assertThat(tokens(issuer.refresh(refresh, LocalIssuer.CLIENT_ID)).refreshToken()).isEmpty();
        assertThat(error(issuer.refresh(refresh, "other-client"))).isEqualTo("invalid_client");
        issuer.revoke(refresh, "other-client");
        tokens(issuer.refresh(refresh, LocalIssuer.CLIENT_ID));
        issuer.revoke(refresh, LocalIssuer.CLIENT_ID);
        assertThat(error(issuer.refresh(refresh, LocalIssuer.CLIENT_ID))).isEqualTo("invalid_grant");

        String other = tokens(issuer.exchangeCode(issuer.signIn(GOOD, "eve", "pw").orElseThrow(), REDIRECT,
                LocalIssuer.CLIENT_ID, VERIFIER)).refreshToken().orElseThrow();
        clock.advance(LocalIssuer.REFRESH_LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(error(issuer.refresh(other, LocalIssuer.CLIENT_ID))).isEqualTo("invalid_grant");
    }

    @Test
    void forgetsExpiredCodesAndRefreshTokens() {
        issuer.signIn(GOOD, "eve", "pw").orElseThrow();
        tokens(issuer.exchangeCode(issuer.signIn(GOOD, "eve", "pw").orElseThrow(), REDIRECT, LocalIssuer.CLIENT_ID, VERIFIER));
        assertThat(issuer.held()).isEqualTo(2);

        clock.advance(LocalIssuer.REFRESH_LIFETIME.plus(Duration.ofSeconds(1)));
        issuer.signIn(GOOD, "eve", "pw").orElseThrow();

        assertThat(issuer.held()).isEqualTo(1);
    }
}
