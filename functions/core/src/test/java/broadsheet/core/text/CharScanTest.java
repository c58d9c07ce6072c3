package broadsheet.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CharScanTest {

    @Test
    void givesLatin1BytesOnlyWhenTheyLineUpWithTheCharacters() {
        assertThat(CharScan.latin1("caf\u00e9")).containsExactly('c', 'a', 'f', 0xe9);
        assertThat(CharScan.latin1("\ud83d\ude00")).isNull();
    }
}
