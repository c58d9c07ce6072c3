package broadsheet.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.json.JsonMapper;

/** Reads parts of a synthesized template as plain Java maps and lists. */
final class TemplateJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TemplateJson() {
    }

    /** The only resource of {@code type}. */
    static Map<String, Object> only(Template template, String type) {
        return single(template, type).getValue();
    }

    static String logicalId(Template template, String type) {
        return single(template, type).getKey();
    }

    private static Map.Entry<String, Map<String, Object>> single(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.entrySet().iterator().next();
    }

    /** The one resource of this type whose logical id contains {@code part}. */
    static String logicalId(Template template, String type, String part) {
        List<String> found = template.findResources(type).keySet().stream().filter(id -> id.contains(part)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named like " + part + ", found " + found);
        }
        return found.get(0);
    }

    /** Properties of the one resource of this type whose logical id contains {@code part}. */
    static Map<String, Object> properties(Template template, String type, String part) {
        return properties(template.findResources(type).get(logicalId(template, type, part)));
    }

    /** Logical id of the one Lambda function running {@code handler}. */
    static String functionId(Template template, String handler) {
        Map<String, Map<String, Object>> found = template.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", handler)));
        if (found.size() != 1) {
            throw new AssertionError("expected one function running " + handler + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    /** Properties of the one Lambda function running {@code handler}. */
    static Map<String, Object> functionProperties(Template template, String handler) {
        return properties(template.findResources("AWS::Lambda::Function").get(functionId(template, handler)));
    }

    /** Logical id of the alias whose function runs {@code handler}. */
    static String aliasOf(Template template, String handler) {
        Map<String, Object> function = Map.of("Ref", functionId(template, handler));
        return template.findResources("AWS::Lambda::Alias").entrySet().stream()
                .filter(alias -> function.equals(properties(alias.getValue()).get("FunctionName")))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no alias for " + handler));
    }

    /** Logical id of the log group the function running {@code handler} logs to. */
    @SuppressWarnings("unchecked")
    static String logGroupOf(Template template, String handler) {
        Map<String, Object> logging = (Map<String, Object>) functionProperties(template, handler).get("LoggingConfig");
        return (String) ((Map<String, Object>) logging.get("LogGroup")).get("Ref");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** Every statement of every policy document of resources of {@code type}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template, String type) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> resource : template.findResources(type).values()) {
            Map<String, Object> document = (Map<String, Object>) properties(resource).get("PolicyDocument");
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        }
        return statements;
    }

    /** A policy's Action or Resource: one value or a list of them. */
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
