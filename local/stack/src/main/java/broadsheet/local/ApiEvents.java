package broadsheet.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that AWS would hand the API handler for a
 * request: route key {@code $default}, raw path and query, lower-case header names with repeated
 * values joined by commas, cookies split out of the {@code cookie} header, the body as text or
 * base64, {@code requestContext.http} and, when the authorizer accepted the request, its JWT claims.
 */
public final class ApiEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String domainName;

    public ApiEvents(String domainName) {
        this.domainName = domainName;
    }

    /** The host and port requests are addressed to, as in {@code requestContext.domainName}. */
    public String domainName() {
        return domainName;
    }

    public APIGatewayV2HTTPEvent toEvent(LocalRequest request, Optional<Map<String, String>> claims, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });

        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery())
                .withHeaders(headers)
                .withIsBase64Encoded(false);
        if (!cookies.isEmpty()) {
            event.withCookies(cookies);
        }
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.withQueryStringParameters(query);
        }
        byte[] body = request.body();
        if (body.length > 0) {
            Optional<String> text = isTextual(headers.get("content-type")) ? utf8(body) : Optional.empty();
            if (text.isPresent()) {
                event.withBody(text.get());
            } else {
                event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
            }
        }

        RequestContext.RequestContextBuilder context = RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(domainName)
                .withDomainPrefix("local")
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey("$default")
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(RequestContext.Http.builder()
                        .withMethod(request.method().toUpperCase(Locale.ROOT))
                        .withPath(request.rawPath())
                        .withProtocol(request.protocol())
                        .withSourceIp(request.sourceIp())
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build());
        claims.ifPresent(c -> context.withAuthorizer(RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder()
                        .withClaims(new LinkedHashMap<>(c))
                        .withScopes(null)
                        .build())
                .build()));
        return event.withRequestContext(context.build()).build();
    }

    /** Query parameters decoded; a repeated name has its values joined by commas, as in AWS. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.equals("application/json")
                || type.endsWith("+json") || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript");
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
