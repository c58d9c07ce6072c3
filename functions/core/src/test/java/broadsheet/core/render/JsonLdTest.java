package broadsheet.core.render;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The reference: each character on its own, through a table of the five escapes. */
    private static String oneByOne(String json) {
        Map<Character, String> escapes = Map.of('<', "\\u003c", '>', "\\u003e", '&', "\\u0026",
                '\u2028', "\\u2028", '\u2029', "\\u2029");
        StringBuilder out = new StringBuilder();
        json.chars().forEach(c -> out.append(escapes.getOrDefault((char) c, String.valueOf((char) c))));
        return out.toString();
    }
}
