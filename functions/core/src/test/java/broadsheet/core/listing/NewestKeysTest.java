package broadsheet.core.listing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewestKeysTest {

    @Test
    void aKeyInShortGivesBackTheEntryKeyOfItsPublishTimeAndSlug() {
        assertThat(NewestKeys.shortKey(Instant.parse("2026-08-01T00:00:00Z"), "a")).isEqualTo("tj2dc0#a");
        assertThat(NewestKeys.shortKey(Instant.parse("2026-12-05T21:05:30.949Z"), "harbour-letter"))
                .isEqualTo("tplbx6.949#harbour-letter");
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            String slug = "story-" + i;
            String shortKey = NewestKeys.shortKey(at, slug);

            assertThat(NewestKeys.entryKey(shortKey)).as(shortKey).isEqualTo(Listings.entryKey(at, slug));
            assertThat(shortKey.length()).as(shortKey).isLessThanOrEqualTo(Listings.entryKey(at, slug).length() - 13);
        }
    }

    @Test
    void aKeyThatIsNotOneIsRefused() {
        for (String bad : new String[] {"#slug", "tj2dc0", "tj2dc0.#a", "tj2dc0.1234567890#a", "tj2dc0.9x#a", "tj2d!0#a"}) {
            assertThatThrownBy(() -> NewestKeys.entryKey(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theFirstKeysAreThoseOfTheNewestEntries() {
        NewestKeys keys = new NewestKeys(YearMonth.of(2026, 12), 2, List.of("k3", "k4", "k5"));

        assertThat(keys.first(4)).isEqualTo(new NewestKeys(YearMonth.of(2026, 12), 2, List.of("k3", "k4")));
        assertThat(keys.first(2)).isEqualTo(new NewestKeys(YearMonth.of(2026, 12), 2, List.of()));
        assertThat(keys.first(1)).isEqualTo(new NewestKeys(YearMonth.of(2026, 12), 1, List.of()));
        assertThat(keys.first(5)).isSameAs(keys);
        assertThat(keys.first(50)).isSameAs(keys);
    }
}
