package broadsheet.core.render;

import com.github.mustachejava.util.HtmlEscaper;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateFactoryTest {

    private final TemplateFactory factory = new TemplateFactory("broadsheet");

    @Test
    void escapesEveryCharacterAsMustacheHtmlEscaperDoes() {
        List<String> differences = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String alone = String.valueOf((char) c);
            String inText = "a" + (char) c + "b" + (char) c;
            for (String value : List.of(alone, inText)) {
                if (!ours(value).equals(mustache(value))) {
                    differences.add(Integer.toHexString(c) + ": " + ours(value) + " vs " + mustache(value));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void escapesMixedValuesAsMustacheHtmlEscaperDoes() {
        List<String> values = new ArrayList<>(List.of("", "plain headline", "Tom & Jerry <b>\"quoted\" 'single'</b>",
                "`tick` a=b\u0000\r\n\t", "&&&", "caf\u00e9 \u201cquotes\u201d \ud83d\ude00", "trailing &"));
        values.addAll(XssVectors.VECTORS);
        values.addAll(XssVectors.MARKDOWN);
        for (String value : values) {
            assertThat(ours(value)).as(value).isEqualTo(mustache(value));
        }
    }

    @Test
    void writesTheValueUnchangedWhenNothingNeedsEscaping() {
        assertThat(ours("/world/some-slug/")).isEqualTo("/world/some-slug/");
        assertThat(ours("a < b")).isEqualTo("a &lt; b");
    }

    private String ours(String value) {
        TextWriter out = new TextWriter(16);
        factory.encode(value, out);
        return out.toString();
    }

    private static String mustache(String value) {
        StringWriter out = new StringWriter();
        HtmlEscaper.escape(value, out);
        return out.toString();
    }
}
