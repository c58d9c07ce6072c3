package broadsheet.local;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in path of the editor app against the running local stack, over HTTP as a browser
 * takes it: discovery, the sign-in form, the code with PKCE, the token, and the API accepting
 * (or, for every kind of bad token, refusing) it.
 */
class LocalSignInTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-local-test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    static LocalStack stack;
    static HttpClient client;
    static URI base;
    static String redirectUri;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.of(data, 0, "sign-in-editor-token")
                .withContributorToken("sign-in-contributor-token")
                .withLocalUsers(LocalUsers.parse("eve:eve-password:editors;ann:ann-password:contributors")));
        base = stack.siteUrl();
        redirectUri = base + "/admin/";
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void servesTheDiscoveryDocumentAndTheSigningKeys() throws Exception {
        HttpResponse<String> discovery = get("/oidc/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = JSON.readTree(discovery.body());
        String issuer = base + "/oidc";
        assertThat(doc.get("issuer").stringValue()).isEqualTo(issuer);
        assertThat(doc.get("authorization_endpoint").stringValue()).isEqualTo(issuer + "/authorize");
        assertThat(doc.get("token_endpoint").stringValue()).isEqualTo(issuer + "/token");
        assertThat(doc.get("jwks_uri").stringValue()).isEqualTo(issuer + "/jwks.json");
        assertThat(doc.get("end_session_endpoint").stringValue()).isEqualTo(issuer + "/logout");
        assertThat(doc.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");

        HttpResponse<String> jwks = get("/oidc/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(jwks.body()).get("keys").get(0);
        assertThat(key.get("kty").stringValue()).isEqualTo("RSA");
        assertThat(key.get("alg").stringValue()).isEqualTo("RS256");
        assertThat(key.get("use").stringValue()).isEqualTo("sig");
        assertThat(key.has("d")).as("no private part").isFalse();
        assertThat(key.has("p")).isFalse();
    }

    // ---------------------------------------------------------------- the code flow

    @Test
    void aFullCodeFlowWithPkceGivesATokenTheApiAccepts() throws Exception {
        HttpResponse<String> form = get("/oidc/authorize?" + query(authorizeParams("state-1")));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src"));
        Document page = Jsoup.parse(form.body());
        assertThat(page.select("form[method=post] input[name=username]")).hasSize(1);
        assertThat(page.select("script")).isEmpty();

        Map<String, String> tokens = signInAndExchange("eve", "eve-password", VERIFIER);

        String access = tokens.get("access_token");
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();
        assertThat(SignedJWT.parse(access).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(claims.getIssuer()).isEqualTo(base + "/oidc");
        assertThat(claims.getStringClaim("username")).isEqualTo("eve");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(LocalIssuer.CLIENT_ID);
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("editors");
        assertThat(claims.getAudience()).as("Cognito access tokens carry no aud").isEmpty();
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getExpirationTime()).isAfter(Date.from(Instant.now()));
        assertThat(SignedJWT.parse(tokens.get("id_token")).getJWTClaimsSet().getAudience()).containsExactly(LocalIssuer.CLIENT_ID);

        assertThat(api(access).statusCode()).as("GET /api/articles with the signed-in editor's token").isEqualTo(200);
    }

    @Test
    void theSignInRedirectCarriesTheStateAndWrongPasswordsStayOnTheForm() throws Exception {
        HttpResponse<String> wrong = post("/oidc/authorize", withCredentials(authorizeParams("s"), "eve", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Jsoup.parse(wrong.body()).select("#error").text()).contains("Wrong user name or password");

        HttpResponse<String> right = post("/oidc/authorize", withCredentials(authorizeParams("a b&c"), "eve", "eve-password"));
        assertThat(right.statusCode()).isEqualTo(302);
        String location = right.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=");
        assertThat(params(URI.create(location).getRawQuery())).containsEntry("state", "a b&c");
    }

    @Test
    void aContributorSignsInWithTheContributorGroup() throws Exception {
        Map<String, String> tokens = signInAndExchange("ann", "ann-password", VERIFIER);
        JWTClaimsSet claims = SignedJWT.parse(tokens.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("contributors");
        // A contributor may list the newsroom's articles (their own and live ones).
        assertThat(api(tokens.get("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAWrongOrMissingVerifierAndSpendsTheCode() throws Exception {
        String code = signIn("eve", "eve-password", LocalIssuer.s256(VERIFIER));

        HttpResponse<String> wrong = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", LocalIssuer.CLIENT_ID,
                "code_verifier", VERIFIER.replace('d', 'e')));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("error").stringValue()).isEqualTo("invalid_grant");

        HttpResponse<String> again = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", LocalIssuer.CLIENT_ID, "code_verifier", VERIFIER));
        assertThat(again.statusCode()).as("a code is spent by any attempt").isEqualTo(400);

        String other = signIn("eve", "eve-password", LocalIssuer.s256(VERIFIER));
        HttpResponse<String> missing = token(Map.of("grant_type", "authorization_code", "code", other,
                "redirect_uri", redirectUri, "client_id", LocalIssuer.CLIENT_ID));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("error").stringValue()).isEqualTo("invalid_request");
    }

    @Test
    void refusesPlainOrMissingChallengesAndUnregisteredRedirects() throws Exception {
        Map<String, String> plain = authorizeParams("s");
        plain.put("code_challenge_method", "plain");
        plain.put("code_challenge", VERIFIER);
        HttpResponse<String> refused = get("/oidc/authorize?" + query(plain));
        assertThat(refused.statusCode()).as("errors go back to a registered redirect URI").isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");

        Map<String, String> none = authorizeParams("s");
        none.remove("code_challenge");
        none.remove("code_challenge_method");
        assertThat(get("/oidc/authorize?" + query(none)).headers().firstValue("Location").orElseThrow())
                .contains("error=invalid_request");
        assertThat(post("/oidc/authorize", withCredentials(none, "eve", "eve-password")).headers()
                .firstValue("Location").orElseThrow()).as("no code without PKCE").doesNotContain("code=");

        Map<String, String> elsewhere = authorizeParams("s");
        elsewhere.put("redirect_uri", "https://attacker.example/admin/");
        HttpResponse<String> page = get("/oidc/authorize?" + query(elsewhere));
        assertThat(page.statusCode()).as("never redirected to an unregistered URI").isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void refreshesWithARefreshTokenUntilItIsRevoked() throws Exception {
        Map<String, String> tokens = signInAndExchange("eve", "eve-password", VERIFIER);

        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token"), "client_id", LocalIssuer.CLIENT_ID));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String access = JSON.readTree(refreshed.body()).get("access_token").stringValue();
        assertThat(api(access).statusCode()).isEqualTo(200);

        assertThat(post("/oidc/revoke", Map.of("token", tokens.get("refresh_token"), "client_id", LocalIssuer.CLIENT_ID))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = token(Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token"), "client_id", LocalIssuer.CLIENT_ID));
        assertThat(revoked.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(revoked.body()).get("error").stringValue()).isEqualTo("invalid_grant");
    }

    @Test
    void logoutRedirectsOnlyToARegisteredUri() throws Exception {
        HttpResponse<String> out = get("/oidc/logout?client_id=" + LocalIssuer.CLIENT_ID + "&logout_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValue(redirectUri);
        assertThat(get("/oidc/logout?logout_uri=https%3A%2F%2Fattacker.example%2F").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- the API refuses bad tokens

    @Test
    void theApiRefusesExpiredForeignMisdirectedUnsignedAndTamperedTokens() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder good = new JWTClaimsSet.Builder().issuer(stack.issuer().issuer()).subject("s")
                .claim("username", "eve").claim("client_id", LocalIssuer.CLIENT_ID).claim("token_use", "access")
                .claim("cognito:groups", List.of("editors"))
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(600)));
        assertThat(api(stack.issuer().sign(good.build())).statusCode()).as("the control").isEqualTo(200);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", stack.issuer().sign(new JWTClaimsSet.Builder(good.build())
                .expirationTime(Date.from(now.minusSeconds(1))).build()));
        bad.put("wrong issuer", stack.issuer().sign(new JWTClaimsSet.Builder(good.build())
                .issuer("http://localhost:1/oidc").build()));
        bad.put("wrong audience", stack.issuer().sign(new JWTClaimsSet.Builder(good.build())
                .audience("another-client").build()));
        bad.put("wrong client_id", stack.issuer().sign(new JWTClaimsSet.Builder(good.build())
                .claim("client_id", "another-client").build()));
        String valid = stack.issuer().sign(good.build());
        String[] parts = valid.split("\\.");
        bad.put("alg none", "eyJhbGciOiJub25lIn0." + parts[1] + ".");
        bad.put("HS256 header", "eyJhbGciOiJIUzI1NiJ9." + parts[1] + "." + parts[2]);
        bad.put("tampered signature", parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse());

        for (Map.Entry<String, String> token : bad.entrySet()) {
            HttpResponse<String> response = api(token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(token.getKey()).hasValue("Bearer");
        }
    }

    @Test
    void staticEditorAndContributorTokensKeepWorking() throws Exception {
        assertThat(api("sign-in-editor-token").statusCode()).isEqualTo(200);
        assertThat(api("sign-in-contributor-token").statusCode()).as("verified, a contributor").isEqualTo(200);
        assertThat(api("some-other-token").statusCode()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> authorizeParams(String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", LocalIssuer.CLIENT_ID);
        params.put("redirect_uri", redirectUri);
        params.put("scope", "openid profile");
        params.put("state", state);
        params.put("code_challenge", LocalIssuer.s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static Map<String, String> withCredentials(Map<String, String> params, String user, String password) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("username", user);
        form.put("password", password);
        return form;
    }

    private static String signIn(String user, String password, String challenge) throws Exception {
        Map<String, String> params = authorizeParams("st");
        params.put("code_challenge", challenge);
        HttpResponse<String> redirect = post("/oidc/authorize", withCredentials(params, user, password));
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        return params(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code");
    }

    private static Map<String, String> signInAndExchange(String user, String password, String verifier) throws Exception {
        String code = signIn(user, password, LocalIssuer.s256(verifier));
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", LocalIssuer.CLIENT_ID, "code_verifier", verifier));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
        Map<String, String> tokens = new LinkedHashMap<>();
        body.properties().forEach(e -> tokens.put(e.getKey(), e.getValue().asString()));
        return tokens;
    }

    private static HttpResponse<String> token(Map<String, String> form) throws Exception {
        return post("/oidc/token", form);
    }

    private static HttpResponse<String> api(String token) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/articles"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
