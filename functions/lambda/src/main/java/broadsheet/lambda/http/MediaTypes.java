package broadsheet.lambda.http;

import java.util.Locale;
import java.util.Optional;

/** Which request bodies the API accepts: {@code application/json}, optionally with {@code charset=utf-8}. */
final class MediaTypes {

    private MediaTypes() {
    }

    static boolean isJson(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String[] parts = contentType.get().split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).strip().equals("charset")) {
                return false;
            }
            String value = parameter.substring(eq + 1).strip().replace("\"", "");
            if (!value.equals("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
