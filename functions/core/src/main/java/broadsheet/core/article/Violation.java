package broadsheet.core.article;

import java.util.Objects;

/**
 * One problem with an editor's input.
 *
 * @param path    JSON Pointer of the offending value ({@code /image/alt}, {@code /tags/3});
 *                {@code ""} for the whole body
 * @param message a short sentence for the editor; never library text
 */
public record Violation(String path, String message) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
