package broadsheet.core.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SiteConfigTest {

    @Test
    void loadsThePackagedSiteConfig() {
        SiteConfig site = SiteConfig.load();
        assertThat(site.name()).isEqualTo("Broadsheet");
        assertThat(site.baseUrl()).isEqualTo("https://broadsheet.example");
        assertThat(site.language()).isEqualTo("en");
        assertThat(site.pageSize()).isEqualTo(20);
        assertThat(site.feedEntries()).isEqualTo(50);
        assertThat(site.frontSize()).isEqualTo(50);
        assertThat(site.generation()).isPositive();
        assertThat(site.sectionSlugs()).containsExactly("world", "politics", "business", "technology", "science",
                "culture", "sport", "opinion");
        assertThat(site.section("world")).contains(new Section("world", "World"));
        assertThat(site.hasSection("weather")).isFalse();
    }

    @Test
    void overridesTheBaseUrlAndDropsTrailingSlashes() {
        SiteConfig local = SiteConfig.load().withBaseUrl("http://localhost:8080/");
        assertThat(local.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(new SiteLayout(local).articleUrl("world", "a")).isEqualTo("http://localhost:8080/world/a/");
        assertThatThrownBy(() -> SiteConfig.load().withBaseUrl("ftp://x.example"))
                .isInstanceOf(SiteConfigException.class).hasMessageContaining("baseUrl");
    }

    @Test
    void listsEveryProblemOfAnInvalidConfig() {
        SiteConfigException e = catchThrowableOfType(SiteConfigException.class, () -> SiteConfig.fromJson("""
                {"name": "", "baseUrl": "broadsheet.example", "language": "English", "pageSize": 0, "feedSize": 5,
                 "generation": 1,
                 "sections": [{"slug": "World", "title": "World"}, {"slug": "sport", "title": ""},
                              {"slug": "sport", "title": "Sport"}]}
                """));
        assertThat(e.problems()).hasSize(7).anySatisfy(p -> assertThat(p).contains("name"))
                .anySatisfy(p -> assertThat(p).contains("baseUrl"))
                .anySatisfy(p -> assertThat(p).contains("language"))
                .anySatisfy(p -> assertThat(p).contains("pageSize"))
                .anySatisfy(p -> assertThat(p).contains("World"))
                .anySatisfy(p -> assertThat(p).contains("needs a title"))
                .anySatisfy(p -> assertThat(p).contains("listed twice"));
    }

    @Test
    void rejectsSectionSlugsThatWouldShadowAuthorTagOrFeedPaths() {
        for (String slug : java.util.List.of("author", "tag", "sitemaps", "static")) {
            SiteConfigException e = catchThrowableOfType(SiteConfigException.class, () -> SiteConfig.fromJson(
                    "{\"name\": \"B\", \"description\": \"d\", \"baseUrl\": \"https://b.example\", "
                            + "\"language\": \"en\", \"pageSize\": 20, \"feedSize\": 50, \"generation\": 3, "
                            + "\"sections\": [{\"slug\": \"" + slug + "\", \"title\": \"X\"}]}"));
            assertThat(e).as(slug).isNotNull();
            assertThat(e.problems()).as(slug).singleElement().asString().contains("reserved");
        }
    }

    @Test
    void requiresAPositiveRenderGeneration() {
        String config = "{\"name\": \"B\", \"baseUrl\": \"https://b.example\", \"language\": \"en\", "
                + "\"pageSize\": 20, \"feedSize\": 50, \"sections\": [{\"slug\": \"world\", \"title\": \"World\"}]";
        assertThat(SiteConfig.fromJson(config + ", \"generation\": 7}").generation()).isEqualTo(7);
        assertThat(catchThrowableOfType(SiteConfigException.class, () -> SiteConfig.fromJson(config + "}")).problems())
                .containsExactly("generation must be an integer");
        assertThat(catchThrowableOfType(SiteConfigException.class,
                () -> SiteConfig.fromJson(config + ", \"generation\": 0}")).problems())
                .containsExactly("generation must be at least 1, got 0");
        assertThat(catchThrowableOfType(SiteConfigException.class,
                () -> SiteConfig.fromJson(config + ", \"generation\": 2147483648}")).problems())
                .containsExactly("generation must be an integer");
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndBrokenJson() {
        SiteConfigException e = catchThrowableOfType(SiteConfigException.class, () -> SiteConfig.fromJson("""
                {"name": 1, "baseUrl": "https://b.example", "language": "en", "pageSize": "20", "feedSize": 500,
                 "generation": 1, "sections": [{"slug": "world", "title": "World"}], "colour": "red"}
                """));
        assertThat(e.problems()).containsExactlyInAnyOrder("unknown field 'colour'", "name must be a string",
                "pageSize must be an integer", "feedSize must be 1..200, got 500");
        assertThatThrownBy(() -> SiteConfig.fromJson("{")).isInstanceOf(SiteConfigException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void frontsKeepEnoughEntriesForTheirPageAndTheirFeed() {
        SiteConfig site = SiteConfig.load();
        SiteConfig longPages = new SiteConfig(site.name(), site.description(), site.baseUrl(), site.language(),
                site.sections(), 80, 30, site.generation());

        assertThat(longPages.frontSize()).isEqualTo(80);
        assertThat(site.frontSize()).isEqualTo(Math.max(site.pageSize(), site.feedEntries()));
    }
}
