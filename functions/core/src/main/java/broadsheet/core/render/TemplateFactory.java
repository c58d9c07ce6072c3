package broadsheet.core.render;

import broadsheet.core.text.CharScan;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.WriteCode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Mustache.java's factory with the same HTML escaping as its {@code HtmlEscaper}, written for
 * the common case: a value with nothing to escape (most headlines, names, paths and URLs) is
 * found so with {@link CharScan} and written as one string, not copied into a char array and
 * written piecewise. Escaped, as there:
 * {@code & < > " ' ` =} as entities and the control characters U+0000 to U+000D as
 * {@code &#n;}. {@code TemplateFactoryTest} holds it to {@code HtmlEscaper} character by character.
 *
 * <p>The templates' own text is encoded to UTF-8 once, when they are compiled: into a
 * {@link Utf8Writer} it is copied as bytes, not encoded again on every page (most of a listing
 * page is the templates' text). Mustache.java appends text that follows a tag to that tag's code;
 * here every run of text is a code of its own, which writes the same characters.
 */
final class TemplateFactory extends DefaultMustacheFactory {

    private static final String[] ESCAPES = new String['`' + 1];

    static {
        for (char c = 0; c <= 13; c++) {
            ESCAPES[c] = "&#" + (int) c + ";";
        }
        ESCAPES['&'] = "&amp;";
        ESCAPES['<'] = "&lt;";
        ESCAPES['>'] = "&gt;";
        ESCAPES['"'] = "&quot;";
        ESCAPES['\''] = "&#39;";
        ESCAPES['`'] = "&#96;";
        ESCAPES['='] = "&#61;";
    }

    TemplateFactory(String resourceRoot) {
        super(resourceRoot);
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void write(TemplateContext context, String text) {
                if (!text.isEmpty()) {
                    list.add(new EncodedText(context, TemplateFactory.this, text));
                }
            }
        };
    }

    /** A run of template text with its UTF-8 bytes. */
    private static final class EncodedText extends WriteCode {

        private final String text;
        /** Null when the text ends with a high surrogate, which the next characters written may complete. */
        private final byte[] utf8;

        EncodedText(TemplateContext context, DefaultMustacheFactory factory, String text) {
            super(context, factory, text);
            this.text = text;
            this.utf8 = Character.isHighSurrogate(text.charAt(text.length() - 1)) ? null
                    : text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            if (utf8 != null && writer instanceof Utf8Writer out && out.writeEncoded(text, utf8)) {
                return writer;
            }
            return super.execute(writer, scopes);
        }
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            int first = firstEscaped(value);
            if (first < 0) {
                writer.write(value);
                return;
            }
            int length = value.length();
            int written = 0;
            for (int i = first; i < length; i++) {
                char c = value.charAt(i);
                if (c <= '`') {
                    String escape = ESCAPES[c];
                    if (escape != null) {
                        writer.write(value, written, i - written);
                        writer.write(escape);
                        written = i + 1;
                    }
                }
            }
            writer.write(value, written, length - written);
        } catch (IOException e) {
            throw new MustacheException("Failed to encode value: " + value, e);
        }
    }

    private static int firstEscaped(String value) {
        byte[] latin1 = CharScan.latin1(value);
        if (latin1 == null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= '`' && ESCAPES[c] != null) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < latin1.length; i++) {
            int c = latin1[i] & 0xff;
            if (c <= '`' && (c <= 13 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' || c == '=')) {
                return i;
            }
        }
        return -1;
    }
}
