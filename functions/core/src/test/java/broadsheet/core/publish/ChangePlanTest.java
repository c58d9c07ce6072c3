package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.publish.ChangePlan.ArticleRef;
import broadsheet.core.publish.ChangePlan.Remove;
import broadsheet.core.publish.ChangePlan.Upsert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;

import static broadsheet.core.publish.TestArticles.draft;
import static broadsheet.core.publish.TestArticles.next;
import static broadsheet.core.publish.TestArticles.published;
import static broadsheet.core.publish.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;

class ChangePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2026-10-31T23:59:59Z");
    private static final ListingId WORLD_NOV = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
    private static final ListingId WORLD_OCT = ListingId.sectionMonth("world", YearMonth.of(2026, 10));
    private static final ListingId SPORT_NOV = ListingId.sectionMonth("sport", YearMonth.of(2026, 11));

    private final Article talks = published("world", "talks", NOVEMBER);

    @Test
    void createdArticleIsRenderedAndUpsertedIntoItsMonth() {
        ChangePlan plan = ChangePlan.of(ArticleChange.created(talks), NOW);

        assertThat(plan.pageToRender()).contains(talks);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(new Upsert(WORLD_NOV, Listings.entryOf(talks)));
        assertThat(plan.fronts()).isEqualTo(Map.of("world", Set.of(YearMonth.of(2026, 11))));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void updateInTheSameMonthOnlyUpsertsTheNewEntry() {
        Article after = retitled(talks, "Talks resume");

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(new Upsert(WORLD_NOV, Listings.entryOf(after)));
        assertThat(plan.fronts()).containsOnlyKeys("world");
    }

    @Test
    void moveToAnotherSectionLeavesARedirectAtTheOldKeyAndTouchesBothSections() {
        Article after = next(talks, "sport", NOVEMBER, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.redirect()).contains(new ChangePlan.Redirect(new ArticleRef("world", "talks"), after));
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, "talks"), new Upsert(SPORT_NOV, Listings.entryOf(after)));
        assertThat(plan.fronts()).isEqualTo(Map.of(
                "sport", Set.of(YearMonth.of(2026, 11)), "world", Set.of(YearMonth.of(2026, 11))));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void publishTimeMovedAcrossMonthsRemovesFromTheOldMonthKeepingThePage() {
        Article after = next(talks, "world", OCTOBER, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, "talks"), new Upsert(WORLD_OCT, Listings.entryOf(after)));
        assertThat(plan.fronts()).isEqualTo(Map.of("world", Set.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11))));
    }

    @Test
    void unpublishDeletesThePageAndRemovesTheEntry() {
        Article after = next(talks, "world", NOVEMBER, Status.DRAFT);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, "talks"));
        assertThat(plan.fronts()).containsOnlyKeys("world");
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void deleteOfALiveArticleDeletesThePageAndRemovesTheEntry() {
        ChangePlan plan = ChangePlan.of(ArticleChange.deleted(talks), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, "talks"));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void rescheduleIntoTheFutureTakesTheArticleOffline() {
        Article after = next(talks, "world", NOW.plusSeconds(3600), Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, "talks"));
    }

    @Test
    void changesOfArticlesThatAreNotLiveTouchNothing() {
        Article draft = draft("world", "notes");
        Article scheduled = next(draft, "world", NOW.plusSeconds(60), Status.PUBLISHED);

        assertThat(ChangePlan.of(ArticleChange.created(draft), NOW).isEmpty()).isTrue();
        assertThat(ChangePlan.of(ArticleChange.updated(draft, retitled(draft, "Notes")), NOW).isEmpty()).isTrue();
        ChangePlan plan = ChangePlan.of(ArticleChange.updated(draft, scheduled), NOW);
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.fronts()).isEmpty();
        assertThat(plan.recomputeHome()).isFalse();
        assertThat(ChangePlan.of(ArticleChange.deleted(draft), NOW).isEmpty()).isTrue();
    }

    @Test
    void scheduledArticleIsPublishedOnceItsTimeHasCome() {
        Article scheduled = published("world", "later", NOW.plusSeconds(60));

        assertThat(ChangePlan.of(ArticleChange.created(scheduled), NOW).isEmpty()).isTrue();
        assertThat(ChangePlan.of(ArticleChange.created(scheduled), NOW.plusSeconds(60)).pageToRender()).contains(scheduled);
    }

    @Test
    void movingBackRendersThePageOverTheRedirectAndRedirectsTheOtherKey() {
        Article moved = next(talks, "sport", NOVEMBER, Status.PUBLISHED);
        Article back = next(moved, "world", NOVEMBER, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(moved, back), NOW);

        assertThat(plan.pageToRender()).contains(back);
        assertThat(back.version()).as("the page outranks the redirect it replaces").isGreaterThan(moved.version());
        assertThat(plan.redirect()).contains(new ChangePlan.Redirect(new ArticleRef("sport", "talks"), back));
        assertThat(plan.pageToDelete()).isEmpty();
    }

    @Test
    void movedAndUnpublishedAtOnceDeletesTheOldPageWithoutRedirect() {
        Article movedOffline = next(talks, "sport", NOVEMBER, Status.DRAFT);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, movedOffline), NOW);

        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.redirect()).isEmpty();
        assertThat(plan.pageToRender()).isEmpty();
    }

    @Test
    void renamedArticleLeavesItsOldKeyAndEntry() {
        Article after = new Article("world", "talks-resume", talks.headline(), talks.standfirst(), talks.body(),
                talks.image(), talks.authors(), talks.tags(), talks.source(), Status.PUBLISHED, NOVEMBER,
                talks.createdAt(), talks.updatedAt(), 2);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.redirect()).contains(new ChangePlan.Redirect(new ArticleRef("world", "talks"), after));
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, "talks"), new Upsert(WORLD_NOV, Listings.entryOf(after)));
    }

    @Test
    void everyPlanIsBounded() {
        Article[] variants = {
                talks, next(talks, "sport", NOVEMBER, Status.PUBLISHED), next(talks, "world", OCTOBER, Status.PUBLISHED),
                next(talks, "sport", OCTOBER, Status.PUBLISHED), next(talks, "world", NOVEMBER, Status.DRAFT),
                next(talks, "world", NOW.plusSeconds(10), Status.PUBLISHED)};
        for (Article before : variants) {
            for (Article after : variants) {
                ChangePlan plan = ChangePlan.of(ArticleChange.updated(before, after), NOW);
                assertThat(plan.monthEdits()).hasSizeLessThanOrEqualTo(2);
                assertThat(plan.fronts()).hasSizeLessThanOrEqualTo(2);
                assertThat(plan.fronts().values().stream().mapToInt(Set::size).sum()).isLessThanOrEqualTo(2);
                assertThat(plan.recomputeHome()).isEqualTo(!plan.monthEdits().isEmpty());
            }
        }
    }
}
