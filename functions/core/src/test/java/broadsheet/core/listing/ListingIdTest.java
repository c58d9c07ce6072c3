package broadsheet.core.listing;

import broadsheet.core.listing.ListingId;

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
    void namesAuthorAndTagListingsLikeSectionListings() {
        ListingId authorFront = ListingId.authorFront("ann-smith");
        assertThat(authorFront.value()).isEqualTo("author/ann-smith/front");
        assertThat(authorFront.kind()).isEqualTo(ListingId.Kind.AUTHOR_FRONT);
        assertThat(authorFront.collection()).contains(ListingId.Collection.author("ann-smith"));
        assertThat(authorFront.section()).as("only section listings have a section").isEmpty();

        ListingId tagMonth = ListingId.tagMonth("nato", YearMonth.of(2026, 11));
        assertThat(tagMonth.value()).isEqualTo("tag/nato/2026-11");
        assertThat(tagMonth.kind()).isEqualTo(ListingId.Kind.TAG_MONTH);
        assertThat(tagMonth.kind().isMonth()).isTrue();
        assertThat(tagMonth.month()).contains(YearMonth.of(2026, 11));
        assertThat(tagMonth.front()).contains(ListingId.tagFront("nato"));
        assertThat(new ListingId("tag/nato/2026-11")).isEqualTo(tagMonth);

        assertThat(ListingId.sectionMonth("world", YearMonth.of(2026, 11)).collection())
                .contains(ListingId.Collection.section("world"));
        assertThat(ListingId.home().collection()).isEmpty();
        assertThat(ListingId.home().front()).isEmpty();
    }

    @Test
    void rejectsMalformedIds() {
        assertThatThrownBy(() -> new ListingId("author/Ann Smith/front")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("person/ann/front")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("tag/nato/2026-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("section/../front")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("section/world/2026-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingId("")).isInstanceOf(IllegalArgumentException.class);
    }
}
