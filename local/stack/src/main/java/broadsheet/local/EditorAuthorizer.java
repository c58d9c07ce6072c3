package broadsheet.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stands in for the API Gateway JWT authorizer on one machine. Two kinds of credentials are
 * accepted in {@code Authorization} and turned into the claims the API handler reads in AWS
 * ({@code requestContext.authorizer.jwt.claims}):
 * <ul>
 *   <li>a JWT from the local OpenID Connect issuer, verified by a {@link JwtAuthorizer} exactly as
 *       API Gateway verifies Cognito's (what the editor app signs in for);</li>
 *   <li>static bearer tokens for scripts: the local editor token ({@code BROADSHEET_EDITOR_TOKEN})
 *       and, when set, a contributor token ({@code BROADSHEET_CONTRIBUTOR_TOKEN}).</li>
 * </ul>
 * Any other request gets no claims, so the handler itself answers 401 exactly as it does behind
 * the real authorizer.
 */
public final class EditorAuthorizer {

    /** The subject and user name of the local editor. */
    public static final String LOCAL_EDITOR = "local-editor";
    /** The subject and user name of the static local contributor token. */
    public static final String LOCAL_CONTRIBUTOR = "local-contributor";

    private static final String BEARER = "bearer ";

    /** One static bearer token and whom it stands for. */
    public record StaticToken(String token, String user, String group) {
        public StaticToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(group, "group");
            if (token.isBlank()) {
                throw new IllegalArgumentException("a static token must not be blank");
            }
        }

        @Override
        public String toString() {
            return "StaticToken[" + user + ", " + group + "]";
        }
    }

    private record Known(byte[] digest, String user, String group) {
    }

    private final List<Known> tokens;
    private final String groupClaim;
    private final Optional<JwtAuthorizer> jwt;

    public EditorAuthorizer(String token, String groupClaim, String group) {
        this(List.of(new StaticToken(Objects.requireNonNull(token, "token"), LOCAL_EDITOR, group)), groupClaim,
                Optional.empty());
    }

    public EditorAuthorizer(List<StaticToken> staticTokens, String groupClaim, Optional<JwtAuthorizer> jwt) {
        List<Known> known = new ArrayList<>();
        for (StaticToken t : staticTokens) {
            known.add(new Known(sha256(t.token()), t.user(), t.group()));
        }
        this.tokens = List.copyOf(known);
        this.groupClaim = Objects.requireNonNull(groupClaim, "groupClaim");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String generateToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The JWT claims for this {@code Authorization} header value, or empty when the header is
     * missing or carries neither a valid JWT nor a static token. The static comparison takes the
     * same time whatever the token (digests of equal length compared with {@link MessageDigest#isEqual}).
     */
    public Optional<Map<String, String>> claims(String authorizationHeader) {
        Optional<Map<String, String>> fromStatic = staticClaims(authorizationHeader);
        if (fromStatic.isPresent()) {
            return fromStatic;
        }
        return jwt.flatMap(j -> j.claims(authorizationHeader));
    }

    private Optional<Map<String, String>> staticClaims(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(BEARER.length()).strip());
        Known match = null;
        for (Known known : tokens) {
            if (MessageDigest.isEqual(known.digest(), presented)) {
                match = known;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", match.user());
        claims.put("username", match.user());
        // API Gateway passes an array claim such as cognito:groups as "[a b]".
        claims.put(groupClaim, "[" + match.group() + "]");
        claims.put("token_use", "access");
        claims.put("iss", "broadsheet-local");
        return Optional.of(Map.copyOf(claims));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
