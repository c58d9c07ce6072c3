package broadsheet.core.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

    @Test
    void lowercasesAndFoldsPunctuationToSingleHyphens() {
        assertThat(Slugs.fromHeadline("  NATO chief: Russia is 'not a major threat' -- to the Alliance!  "))
                .isEqualTo("nato-chief-russia-is-not-a-major-threat-to-the-alliance");
    }

    @Test
    void transliteratesAccentsAndSpecialLetters() {
        assertThat(Slugs.fromHeadline("Café crème à Zürich")).isEqualTo("cafe-creme-a-zurich");
        assertThat(Slugs.fromHeadline("Straße in Łódź, Ørsted & Þórr")).isEqualTo("strasse-in-lodz-orsted-and-thorr");
        assertThat(Slugs.fromHeadline("Æsir, Œuvre, Đakovo, São Tomé")).isEqualTo("aesir-oeuvre-dakovo-sao-tome");
    }

    @Test
    void fallsBackToAStableHashSlugWhenNoLatinLettersRemain() {
        String slug = Slugs.fromHeadline("東京で会議が再開");
        assertThat(slug).matches("article-[0-9a-f]{8}");
        assertThat(Slugs.fromHeadline("東京で会議が再開")).isEqualTo(slug);
        assertThat(Slugs.fromHeadline("北京の会議")).isNotEqualTo(slug).matches("article-[0-9a-f]{8}");
        assertThat(Slugs.fromHeadline("🚀🚀")).matches("article-[0-9a-f]{8}");
    }

    @Test
    void keepsLatinPartsOfMixedScriptHeadlines() {
        assertThat(Slugs.fromHeadline("Київ talks resume in 東京 2026")).isEqualTo("talks-resume-in-2026");
    }

    @Test
    void capsLengthAtEightyCharactersCutAtAHyphen() {
        String headline = "Parliament debates the long awaited reform of regional transport funding across every northern county";
        String slug = Slugs.fromHeadline(headline);
        assertThat(slug).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-");
        assertThat(slug).isEqualTo("parliament-debates-the-long-awaited-reform-of-regional-transport-funding-across");
        assertThat(Slugs.fromHeadline("x".repeat(120))).hasSize(80);
    }

    @Test
    void neverProducesAReservedName() {
        assertThat(Slugs.fromHeadline("Archive")).isEqualTo("archive-article");
        assertThat(Slugs.fromHeadline("API")).isEqualTo("api-article");
    }

    @Test
    void everyDerivedSlugIsWellFormed() {
        for (String headline : new String[] {"A", "--a--", "Ünïcödé ✓ 100%", "a  b", "2026: the year"}) {
            assertThat(Slugs.isWellFormed(Slugs.fromHeadline(headline))).as(headline).isTrue();
        }
    }

    @Test
    void namesOfAuthorsAndTagsFoldLikeHeadlinesWithoutTheReservedSuffix() {
        assertThat(Slugs.forName("Tomás Ruiz")).isEqualTo("tomas-ruiz");
        assertThat(Slugs.forName("  Maritime security ")).isEqualTo("maritime-security");
        assertThat(Slugs.forName("NATO")).isEqualTo(Slugs.forName("nato"));
        assertThat(Slugs.forName("feed")).as("below /tag/ a reserved word is harmless").isEqualTo("feed");
        assertThat(Slugs.forName("東京")).matches("n-[0-9a-f]{8}").isEqualTo(Slugs.forName("東京"));
        assertThat(Slugs.forName("東京")).isNotEqualTo(Slugs.forName("大阪"));
        assertThat(Slugs.fromHeadline("feed")).as("headlines keep their rules").isEqualTo("feed-article");
    }

    @Test
    void foldsPlainAsciiExactlyAsTheGeneralPathDoes() {
        List<String> texts = new ArrayList<>();
        for (char a = 0; a < 0x80; a++) {
            for (char b = 0; b < 0x80; b++) {
                texts.add("" + a + b + "x" + a);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(120); n > 0; n--) {
                text.append((char) random.nextInt(0x80));
            }
            texts.add(text.toString());
        }
        int plain = 0;
        for (String text : texts) {
            if (Slugs.isPlainAscii(text)) {
                plain++;
                assertThat(Slugs.hyphenatePlainAscii(text)).as(text).isEqualTo(Slugs.hyphenateAnyText(text));
            }
        }
        assertThat(plain).isGreaterThan(texts.size() / 2);
        assertThat(Slugs.isPlainAscii("Tom & Jerry")).isFalse();
        assertThat(Slugs.isPlainAscii("Caf\u00e9")).isFalse();
    }
}
