package broadsheet.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID Connect issuer for the local stack, so the editor signs in locally along the
 * same path as against Cognito in AWS: authorization code with PKCE (S256 only) for one public
 * client, refresh tokens, and RS256 tokens whose claims are Cognito's ({@code sub},
 * {@code username}, {@code client_id}, {@code token_use}, {@code cognito:groups}; access tokens
 * have no {@code aud}, ID tokens have the client as {@code aud}). The signing key is made at
 * start and lives in memory: after a restart the editor signs in again.
 *
 * <p>This class holds the protocol's state and decisions; {@link OidcEndpoints} speaks HTTP.
 */
public final class LocalIssuer {

    public static final String CLIENT_ID = "broadsheet-editor";
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration ACCESS_LIFETIME = Duration.ofHours(1);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    public static final String SCOPES = "openid profile";

    private final String issuer;
    private final String clientId;
    private final List<String> redirectUris;
    private final LocalUsers users;
    private final Clock clock;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

    /** A sign-in request as the client sent it to the authorization endpoint. */
    public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope,
                                       String state, String nonce, String codeChallenge, String codeChallengeMethod) {
    }

    /** A refused request: an OAuth error code and a description for people. */
    public record Refusal(String error, String description) {
    }

    /** What the token endpoint answers. */
    public record Tokens(String accessToken, String idToken, Optional<String> refreshToken, long expiresIn) {
    }

    private record PendingCode(AuthorizationRequest request, LocalUsers.User user, Instant expiresAt) {
    }

    private record Grant(LocalUsers.User user, String clientId, Instant expiresAt) {
    }

    public LocalIssuer(URI issuer, String clientId, List<String> redirectUris, LocalUsers users, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer").toString();
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.redirectUris = List.copyOf(redirectUris);
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the local signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    public List<String> redirectUris() {
        return redirectUris;
    }

    public LocalUsers users() {
        return users;
    }

    /** The public keys, as served at the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /**
     * Checks a request to the authorization endpoint before the sign-in form is shown. A bad
     * client or redirect URI must not be redirected to (RFC 6749 4.1.2.1), so the caller shows
     * those refusals as a page; the others may go back to the redirect URI.
     */
    public Optional<Refusal> check(AuthorizationRequest request) {
        if (!clientId.equals(request.clientId())) {
            return Optional.of(new Refusal("invalid_client", "unknown client_id"));
        }
        if (request.redirectUri() == null || !redirectUris.contains(request.redirectUri())) {
            return Optional.of(new Refusal("invalid_request", "redirect_uri is not registered for this client"));
        }
        if (!"code".equals(request.responseType())) {
            return Optional.of(new Refusal("unsupported_response_type", "only response_type=code is supported"));
        }
        if (request.codeChallenge() == null || request.codeChallenge().isEmpty()) {
            return Optional.of(new Refusal("invalid_request", "PKCE is required: send code_challenge"));
        }
        if (!"S256".equals(request.codeChallengeMethod())) {
            return Optional.of(new Refusal("invalid_request", "code_challenge_method must be S256"));
        }
        if (!request.codeChallenge().matches("[A-Za-z0-9_-]{43}")) {
            return Optional.of(new Refusal("invalid_request", "code_challenge must be a base64url SHA-256 digest"));
        }
        return Optional.empty();
    }

    /** Whether the redirect URI may receive errors for this request (client and redirect URI are good). */
    public boolean mayRedirect(AuthorizationRequest request) {
        return clientId.equals(request.clientId()) && request.redirectUri() != null
                && redirectUris.contains(request.redirectUri());
    }

    /** Signs a user in for a checked request: the one-time authorization code, or empty for bad credentials. */
    public Optional<String> signIn(AuthorizationRequest request, String username, String password) {
        if (check(request).isPresent()) {
            throw new IllegalArgumentException("the authorization request was not checked");
        }
        return users.signIn(username, password).map(user -> {
            forgetExpired();
            String code = EditorAuthorizer.generateToken();
            codes.put(code, new PendingCode(request, user, clock.instant().plus(CODE_LIFETIME)));
            return code;
        });
    }

    /** Drops expired codes and refresh tokens, so a long local run keeps only what can still be used. */
    private void forgetExpired() {
        Instant now = clock.instant();
        codes.values().removeIf(c -> now.isAfter(c.expiresAt()));
        refreshTokens.values().removeIf(g -> now.isAfter(g.expiresAt()));
    }

    /** How many codes and refresh tokens are held (for tests). */
    int held() {
        return codes.size() + refreshTokens.size();
    }

    /** {@code grant_type=authorization_code}: the code is spent whatever the outcome. */
    public Result exchangeCode(String code, String redirectUri, String requestClientId, String codeVerifier) {
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || clock.instant().isAfter(pending.expiresAt())) {
            return new Result.Refused(new Refusal("invalid_grant", "the code is unknown, used or expired"));
        }
        if (!clientId.equals(requestClientId) || !pending.request().clientId().equals(requestClientId)) {
            return new Result.Refused(new Refusal("invalid_client", "the code was issued to another client"));
        }
        if (!pending.request().redirectUri().equals(redirectUri)) {
            return new Result.Refused(new Refusal("invalid_grant", "redirect_uri differs from the authorization request"));
        }
        if (codeVerifier == null || !codeVerifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return new Result.Refused(new Refusal("invalid_request", "code_verifier is missing or malformed"));
        }
        if (!MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                pending.request().codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return new Result.Refused(new Refusal("invalid_grant", "code_verifier does not match code_challenge"));
        }
        String refresh = EditorAuthorizer.generateToken();
        refreshTokens.put(refresh, new Grant(pending.user(), requestClientId, clock.instant().plus(REFRESH_LIFETIME)));
        return new Result.Issued(tokens(pending.user(), Optional.ofNullable(pending.request().nonce()), Optional.of(refresh)));
    }

    /** {@code grant_type=refresh_token}: new access and ID tokens; the refresh token stays (as Cognito's does). */
    public Result refresh(String refreshToken, String requestClientId) {
        Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (grant == null || clock.instant().isAfter(grant.expiresAt())) {
            return new Result.Refused(new Refusal("invalid_grant", "the refresh token is unknown, revoked or expired"));
        }
        if (!grant.clientId().equals(requestClientId)) {
            return new Result.Refused(new Refusal("invalid_client", "the refresh token was issued to another client"));
        }
        // A user removed from the configuration since (a restart) would not be here: the token map is in memory.
        return new Result.Issued(tokens(grant.user(), Optional.empty(), Optional.empty()));
    }

    /** Revokes a refresh token (sign-out); unknown tokens are ignored, as RFC 7009 says. */
    public void revoke(String refreshToken, String requestClientId) {
        if (refreshToken != null) {
            refreshTokens.computeIfPresent(refreshToken, (t, g) -> g.clientId().equals(requestClientId) ? null : g);
        }
    }

    public sealed interface Result {
        record Issued(Tokens tokens) implements Result {
        }

        record Refused(Refusal refusal) implements Result {
        }
    }

    private Tokens tokens(LocalUsers.User user, Optional<String> nonce, Optional<String> refresh) {
        Instant now = clock.instant();
        Instant expires = now.plus(ACCESS_LIFETIME);
        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.sub())
                .claim("username", user.username())
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", SCOPES)
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:groups", user.groups())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.sub())
                .audience(clientId)
                .claim("cognito:username", user.username())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:groups", user.groups())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        nonce.ifPresent(n -> id.claim("nonce", n));
        return new Tokens(sign(access), sign(id.build()), refresh, ACCESS_LIFETIME.toSeconds());
    }

    /** Signs any claims with the issuer's key (RS256, with its key id). */
    String sign(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
    }

    /** Signs with the issuer's key under any header (tests build tokens a real issuer would not). */
    String sign(JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The discovery document (OpenID Connect Discovery 1.0) of this issuer. */
    public Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("jwks_uri", issuer + "/jwks.json");
        doc.put("revocation_endpoint", issuer + "/revoke");
        doc.put("end_session_endpoint", issuer + "/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        doc.put("scopes_supported", List.of("openid", "profile"));
        return doc;
    }

    /** The S256 code challenge of a verifier: base64url(SHA-256(ASCII verifier)), unpadded. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
