package broadsheet.core.rebuild;

import broadsheet.core.rebuild.RebuildUnitCodec;
import broadsheet.core.rebuild.SiteRebuild;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildUnitCodecTest {

    private final RebuildUnitCodec codec = new RebuildUnitCodec();

    @Test
    void everyKindOfUnitSurvivesTheRoundTrip() {
        List<SiteRebuild.Unit> units = List.of(
                new SiteRebuild.SectionArticles("world", Optional.empty()),
                new SiteRebuild.SectionArticles("world", Optional.of("eyJwayI6ImFydGljbGUjYSJ9")),
                new SiteRebuild.ListingSegment(2, 4, Optional.empty()),
                new SiteRebuild.ListingSegment(0, 1, Optional.of("bGlzdGluZyNob21l")),
                new SiteRebuild.Finish());

        assertThat(units).allSatisfy(unit -> assertThat(codec.decode(codec.encode(unit))).isEqualTo(unit));
    }

    @Test
    void writesSmallReadableJson() {
        assertThat(codec.encode(new SiteRebuild.ListingSegment(2, 4, Optional.empty())))
                .isEqualTo("{\"unit\":\"listings\",\"segment\":2,\"segments\":4}");
        assertThat(codec.encode(new SiteRebuild.Finish())).isEqualTo("{\"unit\":\"finish\"}");
    }

    @Test
    void refusesWhatIsNotAUnit() {
        for (String bad : List.of("", "[]", "{}", "{\"unit\":\"pages\"}", "{\"unit\":\"articles\"}",
                "{\"unit\":\"listings\",\"segment\":4,\"segments\":4}", "{\"unit\":\"listings\",\"segment\":1}", "not json")) {
            assertThatThrownBy(() -> codec.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
