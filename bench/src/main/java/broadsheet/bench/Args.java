package broadsheet.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the bench commands. */
record Args(Map<String, String> values) {

    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
        return new Args(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    int integer(String name) {
        return Integer.parseInt(value(name));
    }
}
