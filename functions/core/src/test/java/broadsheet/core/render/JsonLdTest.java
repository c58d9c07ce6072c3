package broadsheet.core.render;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLdTest {

    @Test
    void escapesOnlyWhatCouldEndOrBreakAScriptElement() {
        assertThat(JsonLd.forScript("{\"a\":\"</script><!-- & \u2028\u2029 ? caf\u00e9 \ud83d\ude00\"}"))
                .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 ? caf\u00e9 \ud83d\ude00\"}");
        String plain = "{\"headline\":\"Baltic ports reopen?\"}";
        assertThat(JsonLd.forScript(plain)).isSameAs(plain);
    }

    @Test
    void treatsEveryCharacterAsOneByOneEscapingWould() {
        List<String> differences = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            for (String json : List.of("\"" + (char) c + "\"", "\"a?" + (char) c + "\ud83d\ude00" + (char) c + "\"")) {
                if (!JsonLd.forScript(json).equals(oneByOne(json))) {
                    differences.add(Integer.toHexString(c));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    private static String oneByOne(String json) {
        StringBuilder out = new StringBuilder();
        for (char c : json.toCharArray()) {
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
