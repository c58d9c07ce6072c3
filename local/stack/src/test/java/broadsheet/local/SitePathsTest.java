package broadsheet.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SitePathsTest {

    @Test
    void servesTheHomePageForTheRoot() {
        assertThat(SitePaths.resolve("/", null)).isEqualTo(new SitePaths.Page("index.html"));
    }

    @Test
    void mapsADirectoryPathToItsIndexPage() {
        assertThat(SitePaths.resolve("/world/nato-summit/", null))
                .isEqualTo(new SitePaths.Page("world/nato-summit/index.html"));
        assertThat(SitePaths.resolve("/world/", null)).isEqualTo(new SitePaths.Page("world/index.html"));
    }

    @Test
    void redirectsAPathWithoutSlashKeepingTheQuery() {
        assertThat(SitePaths.resolve("/world/nato-summit", null))
                .isEqualTo(new SitePaths.Redirect("/world/nato-summit/"));
        assertThat(SitePaths.resolve("/world", "page=2"))
                .isEqualTo(new SitePaths.Redirect("/world/?page=2"));
    }

    @Test
    void servesFilesByTheirOwnKey() {
        assertThat(SitePaths.resolve("/feed.xml", null)).isEqualTo(new SitePaths.Page("feed.xml"));
        assertThat(SitePaths.resolve("/static/site.css", null)).isEqualTo(new SitePaths.Page("static/site.css"));
    }

    @Test
    void decodesPercentEncodedLetters() {
        assertThat(SitePaths.resolve("/world/caf%C3%A9/", null)).isEqualTo(new SitePaths.Page("world/café/index.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../etc/passwd", "/world/../../x/", "/%2e%2e/x/", "/%2E%2E/x", "/world%2f..%2fx",
            "/a\\b/", "/world//x/", "/./index.html", "/x%00.html", "/bad%zz/", "/%C3/", "relative"})
    void refusesPathsThatCouldLeaveTheSite(String path) {
        assertThat(SitePaths.resolve(path, null)).isInstanceOf(SitePaths.Invalid.class);
    }
}
