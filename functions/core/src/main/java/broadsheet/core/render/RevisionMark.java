package broadsheet.core.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The comment the S3 site bucket ({@code broadsheet.aws.S3SiteBucket}) ends every stored page with,
 * naming its revision, so that two revisions of a page never have the same bytes and S3's ETag (a
 * hash of the bytes alone) names one revision. Written in the comment syntax of the page's type, after the page's last byte, where each
 * type allows a comment: HTML and XML {@code <!-- revision N -->} (after the root element, where both
 * allow comments), CSS {@code /* revision N *}{@code /}, plain text (robots.txt) {@code # revision N}.
 */
public final class RevisionMark {

    private RevisionMark() {
    }

    /**
     * The mark of {@code revision} for a page of {@code contentType}.
     *
     * @throws IllegalArgumentException for a type with no comment syntax known here
     */
    public static byte[] of(String contentType, long revision) {
        String mark = comment(contentType, revision);
        if (mark == null) {
            throw new IllegalArgumentException("no comment syntax to mark a page of type " + contentType);
        }
        return mark.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The page without its mark: {@code stored} less the mark of {@code revision} at its end; as it
     * is when it does not end with that mark (an object stored before pages were marked, or of
     * another type).
     */
    public static byte[] strip(byte[] stored, String contentType, long revision) {
        String comment = comment(contentType == null ? "" : contentType, revision);
        if (comment == null) {
            return stored;
        }
        byte[] mark = comment.getBytes(StandardCharsets.US_ASCII);
        int start = stored.length - mark.length;
        if (start < 0 || !Arrays.equals(stored, start, stored.length, mark, 0, mark.length)) {
            return stored;
        }
        return Arrays.copyOf(stored, start);
    }

    /** The comment naming {@code revision} in the syntax of {@code contentType}; null when it has none known here. */
    private static String comment(String contentType, long revision) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html") || type.contains("xml")) {
            return "\n<!-- revision " + revision + " -->\n";
        }
        if (type.startsWith("text/css")) {
            return "\n/* revision " + revision + " */\n";
        }
        if (type.startsWith("text/plain")) {
            return "\n# revision " + revision + "\n";
        }
        return null;
    }
}
