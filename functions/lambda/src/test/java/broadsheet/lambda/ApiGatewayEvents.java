package broadsheet.lambda;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events for tests: a fixture in the exact shape API Gateway
 * sends ({@code src/test/resources/events/api}), edited as JSON and handed to the handler as the
 * bytes Lambda would deliver ({@link Invocations}).
 */
public final class ApiGatewayEvents {

    public static final String WORLD_SLUG = "alliance-chief-russia-is-not-the-main-threat-to-the-alliance";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ObjectNode root;

    private ApiGatewayEvents(ObjectNode root) {
        this.root = root;
    }

    public static ApiGatewayEvents fixture(String name) {
        return new ApiGatewayEvents((ObjectNode) MAPPER.readTree(resource("/events/api/" + name)));
    }

    public static String resource(String path) {
        try (InputStream in = ApiGatewayEvents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference World article: a captioned lead image and paragraphs quoting a source. */
    public static String worldArticle() {
        return resource("/articles/world-alliance.json");
    }

    /** The reference World article with some members replaced or added. */
    public static String worldArticle(Map<String, Object> changes) {
        Map<String, Object> article = MAPPER.readValue(worldArticle(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        article.putAll(changes);
        return MAPPER.writeValueAsString(article);
    }

    public ApiGatewayEvents method(String method) {
        http().put("method", method);
        return this;
    }

    public ApiGatewayEvents path(String path) {
        root.put("rawPath", path);
        http().put("path", path);
        return this;
    }

    /** As API Gateway sends requests on a named stage: the raw path starts with the stage. */
    public ApiGatewayEvents stage(String stage) {
        ObjectNode context = (ObjectNode) root.get("requestContext");
        context.put("stage", stage);
        path("/" + stage + root.get("rawPath").asString());
        return this;
    }

    public ApiGatewayEvents header(String name, String value) {
        headers().put(name, value);
        return this;
    }

    public ApiGatewayEvents withoutHeader(String name) {
        headers().remove(name);
        return this;
    }

    public ApiGatewayEvents body(String body) {
        root.put("body", body);
        root.put("isBase64Encoded", false);
        headers().put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return this;
    }

    public ApiGatewayEvents base64Body(byte[] body) {
        root.put("body", Base64.getEncoder().encodeToString(body));
        root.put("isBase64Encoded", true);
        headers().put("content-length", String.valueOf(body.length));
        return this;
    }

    /** A body flagged as base64 whose text is taken as it is, valid or not. */
    public ApiGatewayEvents rawBase64Body(String text) {
        root.put("body", text);
        root.put("isBase64Encoded", true);
        return this;
    }

    public ApiGatewayEvents query(Map<String, String> parameters) {
        ObjectNode query = root.putObject("queryStringParameters");
        StringBuilder raw = new StringBuilder();
        parameters.forEach((k, v) -> {
            query.put(k, v);
            raw.append(raw.length() == 0 ? "" : "&").append(k).append('=').append(v);
        });
        root.put("rawQueryString", raw.toString());
        return this;
    }

    public ApiGatewayEvents claim(String name, String value) {
        claims().put(name, value);
        return this;
    }

    public ApiGatewayEvents withoutClaim(String name) {
        claims().remove(name);
        return this;
    }

    /** As API Gateway sends a request that carried no token: no authorizer member at all. */
    public ApiGatewayEvents withoutAuthorizer() {
        ((ObjectNode) root.get("requestContext")).remove("authorizer");
        headers().remove("authorization");
        return this;
    }

    public String json() {
        return MAPPER.writeValueAsString(root);
    }

    private ObjectNode claims() {
        return (ObjectNode) root.get("requestContext").get("authorizer").get("jwt").get("claims");
    }

    private ObjectNode http() {
        return (ObjectNode) root.get("requestContext").get("http");
    }

    private ObjectNode headers() {
        return (ObjectNode) root.get("headers");
    }
}
