package broadsheet.core.render;

import broadsheet.core.render.PageRevision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRevisionTest {

    @Test
    void keepsTheVersionAboveTheGeneration() {
        long revision = PageRevision.of(3, 17);
        assertThat(revision).isEqualTo(17L * (1L << 31) + 3);
        assertThat(PageRevision.generation(revision)).isEqualTo(3);
        assertThat(PageRevision.version(revision)).isEqualTo(17);
    }

    @Test
    void ordersByVersionThenByGeneration() {
        assertThat(PageRevision.of(2, 5)).as("same version, newer templates").isGreaterThan(PageRevision.of(1, 5));
        assertThat(PageRevision.of(1, 5)).as("newer version, older templates")
                .isGreaterThan(PageRevision.of(Integer.MAX_VALUE, 4));
        assertThat(PageRevision.of(1, 1)).as("a bare version stored before generations").isGreaterThan(1L << 30);
        assertThat(PageRevision.of(Integer.MAX_VALUE, PageRevision.MAX_VERSION)).isPositive();
    }

    @Test
    void rejectsValuesOutsideTheBounds() {
        assertThatThrownBy(() -> PageRevision.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generation");
        assertThatThrownBy(() -> PageRevision.of(1, 1L << 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> PageRevision.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
