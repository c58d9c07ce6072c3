package broadsheet.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Verifies a JWT the way the API Gateway HTTP API JWT authorizer does, and turns its claims into
 * the string map the authorizer hands to the function ({@code requestContext.authorizer.jwt.claims}):
 * <ol>
 *   <li>the token may come with or without the {@code Bearer} prefix;</li>
 *   <li>the signature is checked with the issuer's JWKS key of the token's {@code kid} (a token
 *       without {@code kid} is refused); RSA only
 *       (this authorizer takes RS256, what Cognito signs with: {@code none}, HMAC and every other
 *       algorithm are refused);</li>
 *   <li>{@code iss} equals the configured issuer;</li>
 *   <li>{@code aud} holds one of the configured audiences or, only when the token has no
 *       {@code aud}, {@code client_id} is one of them (Cognito access tokens carry no {@code aud});</li>
 *   <li>{@code exp} is after now; {@code nbf} and {@code iat}, when present, are not after now.</li>
 * </ol>
 * Any failure gives no claims, so the request reaches the handler unauthenticated and gets 401.
 * Array claims are written as API Gateway writes them: {@code [a b]}.
 */
public final class JwtAuthorizer {

    private static final Logger LOG = Logger.getLogger(JwtAuthorizer.class.getName());
    private static final String BEARER = "bearer ";

    private final String issuer;
    private final List<String> audiences;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param keys the issuer's JWKS (API Gateway fetches it from the issuer's {@code jwks_uri})
     */
    public JwtAuthorizer(String issuer, Collection<String> audiences, Supplier<JWKSet> keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audiences = List.copyOf(audiences);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.audiences.isEmpty()) {
            throw new IllegalArgumentException("a JWT authorizer needs at least one audience");
        }
        JWSVerificationKeySelector<SecurityContext> byKid = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(keys.get()));
        // The token must name its key: without a kid no key is chosen (nimbus would try every key).
        processor.setJWSKeySelector((header, context) ->
                header.getKeyID() == null ? List.of() : byKid.selectJWSKeys(header, context));
        processor.setJWTClaimsSetVerifier((claims, context) -> verify(claims));
    }

    /** Checks against the keys of a JWKS that does not change. */
    public static JwtAuthorizer of(String issuer, Collection<String> audiences, JWKSet keys, Clock clock) {
        return new JwtAuthorizer(issuer, audiences, () -> keys, clock);
    }

    /** The claims of a valid token in this {@code Authorization} header value, else empty. */
    public Optional<Map<String, String>> claims(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String token = authorizationHeader.strip();
        if (token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = token.substring(BEARER.length()).strip();
        }
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(asStrings(processor.process(token, null)));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.log(Level.FINE, "JWT refused: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    private void verify(JWTClaimsSet claims) throws BadJWTException {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw new BadJWTException("iss does not match");
        }
        List<String> aud = claims.getAudience();
        if (!aud.isEmpty()) {
            if (aud.stream().noneMatch(audiences::contains)) {
                throw new BadJWTException("aud does not match");
            }
        } else {
            Object clientId = claims.getClaim("client_id");
            if (!(clientId instanceof String id) || !audiences.contains(id)) {
                throw new BadJWTException("client_id does not match");
            }
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now)) {
            throw new BadJWTException("expired or no exp");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now)) {
            throw new BadJWTException("not yet valid");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now)) {
            throw new BadJWTException("issued in the future");
        }
    }

    /** Every claim as a string: numbers and times in seconds as text, arrays as {@code [a b]}. */
    static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value == null) {
                return;
            }
            String text;
            if (value instanceof Date date) {
                text = Long.toString(date.toInstant().getEpochSecond());
            } else if (value instanceof Collection<?> list) {
                text = list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
            } else {
                text = value.toString();
            }
            out.put(name, text);
        });
        return Map.copyOf(out);
    }
}
