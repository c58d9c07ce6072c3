package broadsheet.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds every IAM policy document anywhere in a template (role inline policies, managed and
 * default policies, bucket, queue and topic policies, trust policies) and reports the Allow
 * statements that grant too much: any action with a wildcard, NotAction/NotResource, and any
 * DynamoDB or S3 action on the resource {@code *}. Deny statements only take rights away (the
 * TLS-only {@code s3:*} denies, for one), so they are not findings.
 */
final class PolicyWalker {

    private PolicyWalker() {
    }

    static List<String> violations(Map<String, Object> template) {
        List<String> found = new ArrayList<>();
        walk("", template, found);
        return found;
    }

    /** How many Allow statements the template holds (so an empty walk cannot pass unnoticed). */
    static int countAllowStatements(Map<String, Object> template) {
        List<Map<?, ?>> statements = new ArrayList<>();
        collect(template, statements);
        return (int) statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).count();
    }

    private static void collect(Object node, List<Map<?, ?>> statements) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("Statement") instanceof List<?> list) {
                list.forEach(s -> statements.add((Map<?, ?>) s));
            }
            map.values().forEach(child -> collect(child, statements));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> collect(child, statements));
        }
    }

    private static void walk(String path, Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("Statement") instanceof List<?> statements) {
                for (int i = 0; i < statements.size(); i++) {
                    check(path + "/Statement/" + i, (Map<?, ?>) statements.get(i), found);
                }
            }
            map.forEach((key, child) -> walk(path + "/" + key, child, found));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "/" + i, list.get(i), found);
            }
        }
    }

    private static void check(String path, Map<?, ?> statement, List<String> found) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return;
        }
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            found.add(path + ": NotAction/NotResource in an Allow statement");
        }
        List<Object> actions = TemplateJson.list(statement.get("Action"));
        List<Object> resources = statement.containsKey("Resource") ? TemplateJson.list(statement.get("Resource")) : List.of();
        for (Object action : actions) {
            String name = String.valueOf(action);
            if (name.contains("*")) {
                found.add(path + ": wildcard action " + name);
            }
            boolean data = name.startsWith("dynamodb:") || name.startsWith("s3:");
            if (data && resources.contains("*")) {
                found.add(path + ": " + name + " on resource *");
            }
        }
    }
}
