package broadsheet.core.render;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link Writer} that encodes to UTF-8 as it is written, for rendering one page on one thread:
 * {@link #toBytes()} gives exactly the bytes of {@code text.getBytes(UTF_8)} of everything written.
 *
 * <p>Why not a {@link StringBuilder} and one {@code getBytes} at the end: a page with one
 * character outside ASCII (the {@code ·} of a teaser's byline, the quotes of a tag's title) sends
 * the whole page through the JDK's character-by-character encoding loop, which the first JIT tier
 * runs slowly, and one character outside Latin-1 turns the whole builder into UTF-16 besides.
 * Here each written piece is encoded by itself, so only the pieces that hold such characters take
 * the slow path. A surrogate pair split between two writes is encoded as the pair, as it would be
 * in one string.
 */
final class Utf8Writer extends Writer {

    private byte[] bytes;
    private int size;
    /** A high surrogate that ended the last write, encoded with the next one. */
    private char pendingHigh;

    Utf8Writer(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(String s) {
        append(s);
    }

    @Override
    public void write(String s, int offset, int length) {
        append(offset == 0 && length == s.length() ? s : s.substring(offset, offset + length));
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        append(new String(chars, offset, length));
    }

    @Override
    public void write(int c) {
        append(String.valueOf((char) c));
    }

    @Override
    public Writer append(CharSequence s) {
        append(String.valueOf(s));
        return this;
    }

    /**
     * Writes {@code text} given its UTF-8 bytes, encoded once beforehand (the templates' own
     * text); false, writing nothing, when a surrogate left by the last write must be joined to it.
     */
    boolean writeEncoded(String text, byte[] utf8) {
        if (pendingHigh != 0) {
            return false;
        }
        put(utf8);
        return true;
    }

    private void append(String s) {
        if (pendingHigh != 0) {
            s = pendingHigh + s;
            pendingHigh = 0;
        }
        int length = s.length();
        if (length == 0) {
            return;
        }
        char last = s.charAt(length - 1);
        if (Character.isHighSurrogate(last)) {
            pendingHigh = last;
            s = s.substring(0, length - 1);
        }
        put(s.getBytes(StandardCharsets.UTF_8));
    }

    private void put(byte[] utf8) {
        if (size + utf8.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + utf8.length));
        }
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    /** The UTF-8 bytes of everything written (a lone high surrogate at the end as {@code ?}, as {@code getBytes} has it). */
    byte[] toBytes() {
        if (pendingHigh != 0) {
            put(String.valueOf(pendingHigh).getBytes(StandardCharsets.UTF_8));
            pendingHigh = 0;
        }
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
