package broadsheet.local;

import broadsheet.core.text.Html;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side of the {@link LocalIssuer}, under {@value #PREFIX} (the issuer is
 * {@code http://localhost:PORT/oidc}):
 * <ul>
 *   <li>{@code GET .well-known/openid-configuration}: the discovery document;</li>
 *   <li>{@code GET jwks.json}: the public signing keys;</li>
 *   <li>{@code GET authorize}: a plain HTML sign-in form for the local users; {@code POST
 *       authorize} signs in and redirects to the client with a one-time code;</li>
 *   <li>{@code POST token}: authorization code with PKCE, and refresh token grants;</li>
 *   <li>{@code POST revoke}: revokes a refresh token;</li>
 *   <li>{@code GET logout}: redirects to a registered {@code logout_uri} (Cognito's parameter) or
 *       {@code post_logout_redirect_uri}; there is no session to end (every sign-in shows the form).</li>
 * </ul>
 * Pages carry a strict Content-Security-Policy (no script at all) and may not be framed.
 */
public final class OidcEndpoints implements Request.Handler {

    public static final String PREFIX = "/oidc/";

    private static final Logger LOG = Logger.getLogger(OidcEndpoints.class.getName());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String STYLE = "body{font:16px/1.4 system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}"
            + "label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.4rem}"
            + "button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#a00}";
    /** No script at all; the one inline style is allowed by its hash. */
    private static final String PAGE_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final LocalIssuer issuer;

    public OidcEndpoints(LocalIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String endpoint = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        String method = request.getMethod();
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            switch (endpoint) {
                case ".well-known/openid-configuration" -> {
                    if (onlyGet(request, response, callback)) {
                        json(request, response, callback, 200, issuer.discovery());
                    }
                }
                case "jwks.json" -> {
                    if (onlyGet(request, response, callback)) {
                        json(request, response, callback, 200, issuer.publicKeys().toJSONObject(true));
                    }
                }
                case "authorize" -> authorize(request, response, callback);
                case "token" -> {
                    if (onlyPost(request, response, callback)) {
                        token(request, response, callback);
                    }
                }
                case "revoke" -> {
                    if (onlyPost(request, response, callback)) {
                        Fields form = Request.getParameters(request);
                        issuer.revoke(form.getValue("token"), form.getValue("client_id"));
                        HttpResponses.send(request, response, callback, 200, new byte[0]);
                    }
                }
                case "logout" -> logout(request, response, callback);
                default -> HttpResponses.problem(request, response, callback, "not-found", 404, "Not Found",
                        "No such OpenID Connect endpoint.");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "sign-in request failed", e);
            HttpResponses.problem(request, response, callback, "internal-error", 500, "Internal Server Error",
                    "The request could not be handled.");
        }
        return true;
    }

    private void authorize(Request request, Response response, Callback callback) throws Exception {
        boolean post = HttpMethod.POST.is(request.getMethod());
        if (!post && !HttpMethod.GET.is(request.getMethod())) {
            methodNotAllowed(request, response, callback, "GET, POST");
            return;
        }
        Fields params = post ? Request.getParameters(request) : Request.extractQueryParameters(request);
        LocalIssuer.AuthorizationRequest auth = new LocalIssuer.AuthorizationRequest(
                params.getValue("response_type"), params.getValue("client_id"), params.getValue("redirect_uri"),
                params.getValue("scope"), params.getValue("state"), params.getValue("nonce"),
                params.getValue("code_challenge"), params.getValue("code_challenge_method"));
        Optional<LocalIssuer.Refusal> refusal = issuer.check(auth);
        if (refusal.isPresent()) {
            if (issuer.mayRedirect(auth)) {
                redirect(request, response, callback, withQuery(auth.redirectUri(), Map.of(
                        "error", refusal.get().error(), "error_description", refusal.get().description()), auth.state()));
            } else {
                page(request, response, callback, 400, errorPage(refusal.get()));
            }
            return;
        }
        if (!post) {
            page(request, response, callback, 200, signInPage(auth, false));
            return;
        }
        Optional<String> code = issuer.signIn(auth, params.getValue("username"), params.getValue("password"));
        if (code.isEmpty()) {
            page(request, response, callback, 401, signInPage(auth, true));
            return;
        }
        redirect(request, response, callback, withQuery(auth.redirectUri(), Map.of("code", code.get()), auth.state()));
    }

    private void token(Request request, Response response, Callback callback) throws Exception {
        Fields form = Request.getParameters(request);
        String grantType = form.getValue("grant_type");
        LocalIssuer.Result result;
        if ("authorization_code".equals(grantType)) {
            result = issuer.exchangeCode(form.getValue("code"), form.getValue("redirect_uri"),
                    form.getValue("client_id"), form.getValue("code_verifier"));
        } else if ("refresh_token".equals(grantType)) {
            result = issuer.refresh(form.getValue("refresh_token"), form.getValue("client_id"));
        } else {
            result = new LocalIssuer.Result.Refused(new LocalIssuer.Refusal("unsupported_grant_type",
                    "grant_type must be authorization_code or refresh_token"));
        }
        if (result instanceof LocalIssuer.Result.Issued issued) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.tokens().accessToken());
            body.put("id_token", issued.tokens().idToken());
            issued.tokens().refreshToken().ifPresent(r -> body.put("refresh_token", r));
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.tokens().expiresIn());
            json(request, response, callback, 200, body);
        } else {
            LocalIssuer.Refusal refusal = ((LocalIssuer.Result.Refused) result).refusal();
            json(request, response, callback, refusal.error().equals("invalid_client") ? 401 : 400,
                    Map.of("error", refusal.error(), "error_description", refusal.description()));
        }
    }

    private void logout(Request request, Response response, Callback callback) throws Exception {
        if (!onlyGet(request, response, callback)) {
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        String target = query.getValue("logout_uri") != null ? query.getValue("logout_uri")
                : query.getValue("post_logout_redirect_uri");
        if (target == null || !issuer.redirectUris().contains(target)) {
            page(request, response, callback, 400, errorPage(new LocalIssuer.Refusal("invalid_request",
                    "logout_uri is not registered for this client")));
            return;
        }
        redirect(request, response, callback, target);
    }

    // ---------------------------------------------------------------- pages

    private String signInPage(LocalIssuer.AuthorizationRequest auth, boolean failed) {
        StringBuilder hidden = new StringBuilder();
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("response_type", auth.responseType());
        keep.put("client_id", auth.clientId());
        keep.put("redirect_uri", auth.redirectUri());
        keep.put("scope", auth.scope());
        keep.put("state", auth.state());
        keep.put("nonce", auth.nonce());
        keep.put("code_challenge", auth.codeChallenge());
        keep.put("code_challenge_method", auth.codeChallengeMethod());
        keep.forEach((name, value) -> {
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Html.escape(value)).append("\">\n");
            }
        });
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Sign in | Broadsheet newsroom (local)</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>""" + STYLE + """
                </style></head>
                <body>
                <h1>Broadsheet newsroom</h1>
                <p>Local sign-in: the users of this machine's local stack.</p>
                """ + (failed ? "<p class=\"error\" role=\"alert\" id=\"error\">Wrong user name or password.</p>\n" : "")
                + "<form method=\"post\" action=\"" + PREFIX + "authorize\">\n" + hidden + """
                <label for="username">User name</label>
                <input type="text" id="username" name="username" autocomplete="username" required autofocus>
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>
                <button type="submit" id="sign-in">Sign in</button>
                </form>
                </body>
                </html>
                """;
    }

    private static String errorPage(LocalIssuer.Refusal refusal) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in refused</title></head>\n"
                + "<body><h1>Sign-in refused</h1><p>" + Html.escape(refusal.error()) + ": " + Html.escape(refusal.description())
                + "</p></body></html>\n";
    }

    // ---------------------------------------------------------------- helpers

    private static boolean onlyGet(Request request, Response response, Callback callback) {
        if (HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod())) {
            return true;
        }
        methodNotAllowed(request, response, callback, "GET, HEAD");
        return false;
    }

    private static boolean onlyPost(Request request, Response response, Callback callback) {
        if (HttpMethod.POST.is(request.getMethod())) {
            return true;
        }
        methodNotAllowed(request, response, callback, "POST");
        return false;
    }

    private static void methodNotAllowed(Request request, Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        HttpResponses.problem(request, response, callback, "method-not-allowed", 405, "Method Not Allowed",
                "Use " + allow + ".");
    }

    private static void json(Request request, Response response, Callback callback, int status, Object body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        HttpResponses.send(request, response, callback, status, MAPPER.writeValueAsBytes(body));
    }

    private static void page(Request request, Response response, Callback callback, int status, String html) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put("Content-Security-Policy", PAGE_POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        HttpResponses.send(request, response, callback, status, html.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(Request request, Response response, Callback callback, String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        HttpResponses.send(request, response, callback, 302, new byte[0]);
    }

    private static String withQuery(String uri, Map<String, String> params, String state) {
        StringBuilder out = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        String sep = "";
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
