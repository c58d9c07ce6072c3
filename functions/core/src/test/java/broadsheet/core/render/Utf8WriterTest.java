package broadsheet.core.render;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8WriterTest {

    /** Every way a template writes, and pieces of every kind: ASCII, Latin-1, other BMP, pairs, lone surrogates. */
    @Test
    void givesTheBytesOfTheWholeTextEncodedAtOnceWhateverThePiecesAndTheirBoundaries() {
        List<String> alphabet = List.of("a", "<p>", " \u00b7 ", "\u00e9", "\u201c", "\u201d", "\ud83d\ude00",
                "\ud83d", "\ude00", "\u0000", "&amp;", "x".repeat(5000), "\u00ff\u0100");
        Random random = new Random(5);
        for (int round = 0; round < 2000; round++) {
            StringBuilder whole = new StringBuilder();
            Utf8Writer out = new Utf8Writer(random.nextInt(64));
            int pieces = random.nextInt(12);
            for (int i = 0; i < pieces; i++) {
                String piece = alphabet.get(random.nextInt(alphabet.size()))
                        + (random.nextBoolean() ? "" : alphabet.get(random.nextInt(alphabet.size())));
                whole.append(piece);
                switch (random.nextInt(5)) {
                    case 0 -> out.write(piece);
                    case 1 -> {
                        String padded = "[" + piece + "]";
                        out.write(padded, 1, piece.length());
                    }
                    case 2 -> out.write(("{" + piece).toCharArray(), 1, piece.length());
                    case 3 -> piece.chars().forEach(out::write);
                    default -> out.append(new StringBuilder(piece));
                }
            }
            assertThat(out.toBytes()).as(whole.toString())
                    .isEqualTo(whole.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPairSplitBetweenWritesIsOneCharacterAndALoneSurrogateAQuestionMark() {
        Utf8Writer pair = new Utf8Writer(0);
        pair.write("smile \ud83d");
        pair.write("\ude00!");
        assertThat(new String(pair.toBytes(), StandardCharsets.UTF_8)).isEqualTo("smile \ud83d\ude00!");

        Utf8Writer lone = new Utf8Writer(0);
        lone.write("end \ud83d");
        assertThat(lone.toBytes()).isEqualTo("end ?".getBytes(StandardCharsets.UTF_8));
    }
}
