package broadsheet.local;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local authorizer accepts exactly the tokens API Gateway's HTTP API JWT authorizer accepts. */
class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISSUER = "http://localhost:1234/oidc";

    private final LocalIssuer issuer = new LocalIssuer(URI.create(ISSUER), LocalIssuer.CLIENT_ID,
            List.of("http://localhost:1234/admin/"),
            LocalUsers.parse("eve:pw:editors"), CLOCK);
    private final JwtAuthorizer authorizer = JwtAuthorizer.of(ISSUER, List.of(LocalIssuer.CLIENT_ID),
            issuer.publicKeys(), CLOCK);

    private static JWTClaimsSet.Builder access() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("sub-1").claim("username", "eve")
                .claim("client_id", LocalIssuer.CLIENT_ID).claim("token_use", "access")
                .claim("cognito:groups", List.of("editors", "contributors"))
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    @Test
    void acceptsAValidAccessTokenWithOrWithoutBearerAndPassesClaimsAsApiGatewayDoes() {
        String token = issuer.sign(access().build());

        Map<String, String> claims = authorizer.claims("Bearer " + token).orElseThrow();

        assertThat(claims).containsEntry("iss", ISSUER).containsEntry("sub", "sub-1").containsEntry("username", "eve")
                .containsEntry("client_id", LocalIssuer.CLIENT_ID).containsEntry("token_use", "access")
                .containsEntry("cognito:groups", "[editors contributors]")
                .containsEntry("exp", Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
        assertThat(authorizer.claims(token)).isPresent();
        assertThat(authorizer.claims("bearer  " + token)).isPresent();
    }

    @Test
    void checksAudWhenPresentAndClientIdOnlyWhenAudIsAbsent() {
        assertThat(authorizer.claims(issuer.sign(access().audience(LocalIssuer.CLIENT_ID).build()))).isPresent();
        assertThat(authorizer.claims(issuer.sign(access().audience("another-client").build())))
                .as("aud present and wrong: client_id is not looked at").isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().claim("client_id", "another-client").build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().claim("client_id", null).build()))).isEmpty();
    }

    @Test
    void refusesAnotherIssuer() {
        assertThat(authorizer.claims(issuer.sign(access().issuer("http://localhost:9999/oidc").build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().issuer(null).build()))).isEmpty();
    }

    @Test
    void refusesExpiredNotYetValidAndFutureIssuedTokens() {
        assertThat(authorizer.claims(issuer.sign(access().expirationTime(Date.from(NOW.minusSeconds(1))).build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().expirationTime(Date.from(NOW)).build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().expirationTime(null).build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().notBeforeTime(Date.from(NOW.plusSeconds(60))).build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().issueTime(Date.from(NOW.plusSeconds(60))).build()))).isEmpty();
        assertThat(authorizer.claims(issuer.sign(access().notBeforeTime(Date.from(NOW)).build()))).isPresent();
    }

    @Test
    void refusesUnsignedAndHmacTokens() throws Exception {
        String none = new PlainJWT(new PlainHeader(), access().build()).serialize();
        assertThat(authorizer.claims(none)).isEmpty();

        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), access().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(authorizer.claims(hmac.serialize())).isEmpty();

        // The classic confusion attack: HMAC keyed with the issuer's public key.
        byte[] publicKey = issuer.publicKeys().getKeys().get(0).toRSAKey().toPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(issuer.publicKeys().getKeys().get(0).getKeyID()).build(), access().build());
        confused.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, Math.max(32, publicKey.length))));
        assertThat(authorizer.claims(confused.serialize())).isEmpty();
    }

    @Test
    void refusesATamperedSignatureOrPayloadAndAnotherKey() throws Exception {
        String token = issuer.sign(access().build());
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(10);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThat(authorizer.claims(badSignature)).isEmpty();

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"editors\"", "\"editorz\"");
        String badPayload = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(authorizer.claims(badPayload)).isEmpty();

        RSAKey other = new RSAKeyGenerator(2048).keyID(issuer.publicKeys().getKeys().get(0).getKeyID()).generate();
        SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(other.getKeyID()).build(),
                access().build());
        foreign.sign(new RSASSASigner(other));
        assertThat(authorizer.claims(foreign.serialize())).as("same kid, another key").isEmpty();
    }

    @Test
    void refusesATokenThatNamesNoKeyOrAnUnknownKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String noKid = issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), access().build());
        assertThat(authorizer.claims(noKid)).as("signed by the issuer's key, but naming no key").isEmpty();
        String withKid = issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(issuer.publicKeys().getKeys().get(0).getKeyID()).build(), access().build());
        assertThat(authorizer.claims(withKid)).as("the control").isPresent();

        SignedJWT unknown = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").build(), access().build());
        unknown.sign(new RSASSASigner(key));
        assertThat(authorizer.claims(unknown.serialize())).isEmpty();
    }

    @Test
    void refusesGarbage() {
        assertThat(authorizer.claims(null)).isEmpty();
        assertThat(authorizer.claims("")).isEmpty();
        assertThat(authorizer.claims("Bearer ")).isEmpty();
        assertThat(authorizer.claims("Bearer not.a.jwt")).isEmpty();
        assertThat(authorizer.claims("Basic dXNlcjpwYXNz")).isEmpty();
    }
}
