package broadsheet.core.text;

import java.nio.charset.StandardCharsets;

/**
 * Scanning page text fast where pages are rendered: with the JIT's first tier only (C1, as a
 * rebuild and the Lambdas run), a loop over {@link String#charAt} costs about twice as much per
 * character as copying the string's Latin-1 bytes (one array copy) and looping over the bytes
 * with a few comparisons. Page text is Latin-1 almost always.
 */
public final class CharScan {

    private CharScan() {
    }

    /**
     * The Latin-1 bytes of {@code s}, one per character at the same index, or null when a
     * surrogate pair makes the indexes differ (then scan the characters). A character above
     * U+00FF reads as {@code '?'}, so a scan may only look for characters below U+0100 other than {@code '?'}.
     */
    public static byte[] latin1(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length == s.length() ? bytes : null;
    }
}
