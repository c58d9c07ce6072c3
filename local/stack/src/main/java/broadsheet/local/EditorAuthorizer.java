package broadsheet.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stands in for the API Gateway JWT authorizer on one machine. One local editor token is
 * accepted as {@code Authorization: Bearer <token>} and turned into the claims the API handler
 * reads in AWS ({@code requestContext.authorizer.jwt.claims}); any other request gets no claims,
 * so the handler itself answers 401 exactly as it does behind the real authorizer.
 */
public final class EditorAuthorizer {

    /** The subject and user name of the local editor. */
    public static final String LOCAL_EDITOR = "local-editor";

    private static final String BEARER = "bearer ";

    private final byte[] tokenDigest;
    private final String groupClaim;
    private final String group;

    public EditorAuthorizer(String token, String groupClaim, String group) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the editor token must not be blank");
        }
        this.tokenDigest = sha256(token);
        this.groupClaim = Objects.requireNonNull(groupClaim, "groupClaim");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String generateToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The JWT claims for this {@code Authorization} header value, or empty when the header is
     * missing, not a bearer token, or carries another token. The comparison takes the same time
     * whatever the token (digests of equal length compared with {@link MessageDigest#isEqual}).
     */
    public Optional<Map<String, String>> claims(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String presented = authorizationHeader.substring(BEARER.length()).strip();
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            return Optional.empty();
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", LOCAL_EDITOR);
        claims.put("username", LOCAL_EDITOR);
        // API Gateway passes an array claim such as cognito:groups as "[a b]".
        claims.put(groupClaim, "[" + group + "]");
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
