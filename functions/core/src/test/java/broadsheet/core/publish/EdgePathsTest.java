package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static broadsheet.core.TestArticles.draft;
import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;

class EdgePathsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-20T09:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "sport", "culture");

    private final TextPages pages = new TextPages();
    private final Article live = published("world", "talks", EARLIER);

    private Set<String> stale(ArticleChange change) {
        return EdgePaths.stale(change, NOW, pages, SECTIONS);
    }

    @Test
    void aNewArticleMakesNothingStaleItsPageIsANewKey() {
        assertThat(stale(ArticleChange.created(live))).isEmpty();
    }

    @Test
    void aCorrectionOfALiveArticleMakesItsPageStale() {
        assertThat(stale(ArticleChange.updated(live, retitled(live, "Corrected headline"))))
                .containsExactly("/world/talks/index.html");
    }

    @Test
    void anUnchangedArticleMakesNothingStale() {
        assertThat(stale(ArticleChange.updated(live, live))).as("redelivery, scheduler's no-op write").isEmpty();
    }

    @Test
    void unpublishDeleteAndRescheduleMakeEveryFormerAddressStale() {
        Set<String> everyAddress = Set.of("/world/talks/index.html", "/sport/talks/index.html",
                "/culture/talks/index.html");

        assertThat(stale(ArticleChange.updated(live, next(live, "world", EARLIER, Status.DRAFT))))
                .containsExactlyInAnyOrderElementsOf(everyAddress);
        assertThat(stale(ArticleChange.deleted(live))).containsExactlyInAnyOrderElementsOf(everyAddress);
        assertThat(stale(ArticleChange.updated(live, next(live, "world", NOW.plusSeconds(3600), Status.PUBLISHED))))
                .as("rescheduled into the future").containsExactlyInAnyOrderElementsOf(everyAddress);
    }

    @Test
    void aMoveMakesTheOldKeyAndTheNewKeyStale() {
        Article moved = next(live, "sport", EARLIER, Status.PUBLISHED);

        assertThat(stale(ArticleChange.updated(live, moved)))
                .as("old key now a redirect; new key may hold a redirect from a move the other way")
                .containsExactly("/sport/talks/index.html", "/world/talks/index.html");
    }

    @Test
    void articlesThatWereNeverLiveMakeNothingStale() {
        Article draft = draft("world", "plans");
        Article scheduled = published("world", "later", NOW.plusSeconds(3600));

        assertThat(stale(ArticleChange.updated(draft, retitled(draft, "New plans")))).isEmpty();
        assertThat(stale(ArticleChange.deleted(draft))).isEmpty();
        assertThat(stale(ArticleChange.updated(scheduled, retitled(scheduled, "Later still")))).isEmpty();
        assertThat(stale(ArticleChange.created(next(draft, "world", EARLIER, Status.PUBLISHED))))
                .as("first publication").isEmpty();
    }

    @Test
    void listingPagesAreNeverInvalidated() {
        Article corrected = retitled(live, "Corrected headline");

        assertThat(stale(ArticleChange.updated(live, corrected)))
                .noneMatch(path -> path.equals("/index.html") || path.equals("/world/index.html")
                        || path.contains("/archive/") || path.endsWith(".xml"));
    }

    @Test
    void everyChangeMakesAtMostOnePathPerSectionPlusOneStale() {
        Article elsewhere = published("opinion", "talks", EARLIER);

        assertThat(stale(ArticleChange.deleted(elsewhere))).as("its own section is not one of the site's")
                .hasSize(SECTIONS.size() + 1);
    }

    @Test
    void theReferenceNamesTheChangesAndThePaths() {
        String correction = EdgePaths.identity(ArticleChange.updated(live, retitled(live, "One")));
        String secondCorrection = EdgePaths.identity(ArticleChange.updated(retitled(live, "One"),
                retitled(retitled(live, "One"), "Two")));
        List<String> paths = List.of("/world/talks/index.html");

        assertThat(EdgePaths.reference(List.of(correction), paths))
                .as("the same batch again").isEqualTo(EdgePaths.reference(List.of(correction), paths))
                .as("a later correction of the same page").isNotEqualTo(EdgePaths.reference(List.of(secondCorrection), paths))
                .as("the same changes judged to other paths")
                .isNotEqualTo(EdgePaths.reference(List.of(correction), List.of("/sport/talks/index.html")))
                .hasSize(64);
    }
}
