package broadsheet.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Maps a reader's request path to a bucket key, as the CloudFront viewer-request function does in
 * production: {@code /} is {@code index.html}, {@code /world/x/} is {@code world/x/index.html}, a
 * path whose last segment has no dot gets a 301 to the same path with a slash, any other path is
 * its own key. Paths that try to leave the site ({@code ..}, encoded dots, slashes or backslashes,
 * control characters) are refused.
 */
public final class SitePaths {

    public sealed interface Route {
    }

    /** Serve the object stored under this key. */
    public record Page(String key) implements Route {
    }

    /** Answer 301 with this location. */
    public record Redirect(String location) implements Route {
    }

    /** Answer 400: the path is not one a page could have. */
    public record Invalid(String reason) implements Route {
    }

    public static final String INDEX = "index.html";
    public static final String NOT_FOUND_KEY = "404.html";

    private SitePaths() {
    }

    public static Route resolve(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return new Invalid("path must start with /");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            return new Invalid("encoded dot, slash or backslash");
        }
        String path;
        try {
            path = percentDecode(rawPath);
        } catch (IllegalArgumentException e) {
            return new Invalid("bad percent-encoding");
        }
        if (path.indexOf('\\') >= 0 || path.contains("//") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Invalid("backslash, empty segment or control character");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return new Invalid("dot segment");
            }
        }
        if (path.equals("/")) {
            return new Page(INDEX);
        }
        if (path.endsWith("/")) {
            return new Page(path.substring(1) + INDEX);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return new Page(path.substring(1));
        }
        String query = rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery;
        return new Redirect(rawPath + "/" + query);
    }

    /** Decodes %XX escapes as UTF-8 (a '+' stays a '+': this is a path, not a form). */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }
}
