package broadsheet.core.publish;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingIdTest {

    @Test
    void namesTheThreeKindsOfListing() {
        assertThat(ListingId.home().kind()).isEqualTo(ListingId.Kind.HOME);
        assertThat(ListingId.home().section()).isEmpty();

        ListingId front = ListingId.sectionFront("world");
        assertThat(front.value()).isEqualTo("section/world/front");
        assertThat(front.kind()).isEqualTo(ListingId.Kind.SECTION_FRONT);
        assertThat(front.section()).contains("world");
        assertThat(front.month()).isEmpty();

        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        assertThat(month.value()).isEqualTo("section/world/2026-11");
        assertThat(month.kind()).isEqualTo(ListingId.Kind.SECTION_MONTH);
        assertThat(month.month()).contains(YearMonth.of(2026, 11));
    }

    @Test
    void rejectsMalformedIds() {
        assertThatThrownBy(() -> new ListingId("section/../front")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("section/world/2026-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("")).isInstanceOf(IllegalArgumentException.class);
    }
}
