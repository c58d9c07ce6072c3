package broadsheet.core.media;

import broadsheet.core.article.Violation;

import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Checks an editor's request to upload an image and names the object it goes to. The key is
 * {@code media/<yyyy>/<mm>/<random>-<safe name>.<ext>}: the month from the clock, a random part
 * so no upload replaces another, and a name made of the filename's last path segment reduced to
 * {@code [a-z0-9-]}; the extension comes from the content type, never from the filename. Nothing
 * of a path the editor sends survives into the key.
 */
public final class MediaUploads {

    /** Allowed image types and the extension each is stored with. */
    public static final Map<String, String> TYPES = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "image/webp", "webp",
            "image/gif", "gif",
            "image/avif", "avif");
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final String PREFIX = "media/";
    private static final int MAX_NAME = 60;
    private static final int MAX_FILENAME = 255;

    /** An upload as the editor asks for it. */
    public record Request(String filename, String contentType, Long size) {
    }

    /** An upload the editor may make: the object key, its content type and exact size. */
    public record Upload(String key, String contentType, long size) {
    }

    /** The result of checking a request. */
    public sealed interface Checked {
        record Allowed(Upload upload) implements Checked {
        }

        record Refused(List<Violation> violations) implements Checked {
        }
    }

    private final Clock clock;
    private final Supplier<String> random;

    /** @param random a fresh random token per call, {@code [a-z0-9]} */
    public MediaUploads(Clock clock, Supplier<String> random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Checked check(Request request) {
        List<Violation> violations = new ArrayList<>();
        String filename = request.filename();
        if (filename == null || filename.isBlank()) {
            violations.add(new Violation("/filename", "is required"));
        } else if (filename.length() > MAX_FILENAME) {
            violations.add(new Violation("/filename", "must be at most " + MAX_FILENAME + " characters"));
        }
        String type = request.contentType() == null ? null : request.contentType().strip().toLowerCase(Locale.ROOT);
        if (type == null || !TYPES.containsKey(type)) {
            violations.add(new Violation("/contentType", "must be one of " + String.join(", ",
                    TYPES.keySet().stream().sorted().toList())));
        }
        if (request.size() == null || request.size() < 1 || request.size() > MAX_BYTES) {
            violations.add(new Violation("/size", "must be a number of bytes from 1 to " + MAX_BYTES));
        }
        if (!violations.isEmpty()) {
            return new Checked.Refused(violations);
        }
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        String key = String.format(Locale.ROOT, "%s%04d/%02d/%s-%s.%s", PREFIX, now.getYear(), now.getMonthValue(),
                random.get(), safeName(filename), TYPES.get(type));
        return new Checked.Allowed(new Upload(key, type, request.size()));
    }

    /** The last path segment of the filename without its extension, as {@code [a-z0-9-]}; {@code image} if nothing is left. */
    static String safeName(String filename) {
        String last = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        String stem = dot > 0 ? last.substring(0, dot) : last;
        String ascii = Normalizer.normalize(stem, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_NAME) {
            ascii = ascii.substring(0, MAX_NAME).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "image" : ascii;
    }
}
