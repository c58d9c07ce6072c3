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
        Map<String, Map<String, Object>> found = template.findResources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.values().iterator().next();
    }

    static String logicalId(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
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
