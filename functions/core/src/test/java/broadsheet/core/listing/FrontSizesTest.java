package broadsheet.core.listing;

import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontSizesTest {

    @Test
    void sectionFrontsAndHomeKeepTheirFeedsEntriesAuthorAndTagFrontsTheirPages() {
        SiteConfig site = SiteConfig.load();
        FrontSizes sizes = FrontSizes.of(site);

        assertThat(sizes.of(ListingId.home())).isEqualTo(site.frontSize()).isEqualTo(50);
        assertThat(sizes.of(ListingId.sectionFront("world"))).isEqualTo(site.frontSize());
        assertThat(sizes.of(ListingId.authorFront("ann-smith"))).isEqualTo(site.pageSize()).isEqualTo(20);
        assertThat(sizes.of(ListingId.tagFront("news"))).isEqualTo(site.pageSize());
    }

    @Test
    void aMonthListingKeepsNoFrontSizeAndSizesArePositive() {
        assertThatThrownBy(() -> FrontSizes.of(5).of(ListingId.sectionMonth("world", YearMonth.of(2026, 12))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a front");
        assertThatThrownBy(() -> new FrontSizes(50, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
