package broadsheet.core.publish;

import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.ChangePlan;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.publish.ChangePlan.ArticleRef;
import broadsheet.core.publish.ChangePlan.Remove;
import broadsheet.core.publish.ChangePlan.Upsert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static broadsheet.core.TestArticles.draft;
import static broadsheet.core.TestArticles.next;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static broadsheet.core.TestArticles.withPeople;
import static org.assertj.core.api.Assertions.assertThat;

class ChangePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2026-10-31T23:59:59Z");
    private static final ListingId WORLD_NOV = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
    private static final ListingId WORLD_OCT = ListingId.sectionMonth("world", YearMonth.of(2026, 10));
    private static final ListingId SPORT_NOV = ListingId.sectionMonth("sport", YearMonth.of(2026, 11));

    private static final ListingId WORLD_FRONT = ListingId.sectionFront("world");
    private static final ListingId SPORT_FRONT = ListingId.sectionFront("sport");

    /** No authors or tags: the section-only plans; author and tag listings are tested below. */
    private final Article talks = withPeople(published("world", "talks", NOVEMBER), List.of(), List.of());

    @Test
    void createdArticleIsRenderedAndUpsertedIntoItsMonth() {
        ChangePlan plan = ChangePlan.of(ArticleChange.created(talks), NOW);

        assertThat(plan.pageToRender()).contains(talks);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(new Upsert(WORLD_NOV, Listings.entryOf(talks)));
        assertThat(plan.fronts()).isEqualTo(Map.of(WORLD_FRONT, Set.of(YearMonth.of(2026, 11))));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void updateInTheSameMonthOnlyUpsertsTheNewEntry() {
        Article after = retitled(talks, "Talks resume");

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(new Upsert(WORLD_NOV, Listings.entryOf(after)));
        assertThat(plan.fronts()).containsOnlyKeys(WORLD_FRONT);
    }

    @Test
    void moveToAnotherSectionLeavesARedirectAtTheOldKeyAndTouchesBothSections() {
        Article after = next(talks, "sport", NOVEMBER, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.redirect()).contains(new ChangePlan.Redirect(new ArticleRef("world", "talks"), after));
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, NOVEMBER, "talks"), new Upsert(SPORT_NOV, Listings.entryOf(after)));
        assertThat(plan.fronts()).isEqualTo(Map.of(
                SPORT_FRONT, Set.of(YearMonth.of(2026, 11)), WORLD_FRONT, Set.of(YearMonth.of(2026, 11))));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void publishTimeMovedWithinTheMonthRemovesTheEntryItemOfTheOldTime() {
        Instant earlier = NOVEMBER.minusSeconds(86_400 * 3);
        Article after = next(talks, "world", earlier, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, NOVEMBER, "talks"), new Upsert(WORLD_NOV, Listings.entryOf(after)));
        assertThat(plan.monthEdits()).extracting(ChangePlan.MonthEdit::day)
                .containsExactly(java.time.LocalDate.of(2026, 11, 20), java.time.LocalDate.of(2026, 11, 17));
        assertThat(plan.fronts()).isEqualTo(Map.of(WORLD_FRONT, Set.of(YearMonth.of(2026, 11))));
    }

    @Test
    void publishTimeMovedAcrossMonthsRemovesFromTheOldMonthKeepingThePage() {
        Article after = next(talks, "world", OCTOBER, Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).contains(after);
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(WORLD_NOV, NOVEMBER, "talks"), new Upsert(WORLD_OCT, Listings.entryOf(after)));
        assertThat(plan.fronts()).isEqualTo(Map.of(WORLD_FRONT, Set.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11))));
    }

    @Test
    void unpublishDeletesThePageAndRemovesTheEntry() {
        Article after = next(talks, "world", NOVEMBER, Status.DRAFT);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, NOVEMBER, "talks"));
        assertThat(plan.fronts()).containsOnlyKeys(WORLD_FRONT);
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void deleteOfALiveArticleDeletesThePageAndRemovesTheEntry() {
        ChangePlan plan = ChangePlan.of(ArticleChange.deleted(talks), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, NOVEMBER, "talks"));
        assertThat(plan.recomputeHome()).isTrue();
    }

    @Test
    void rescheduleIntoTheFutureTakesTheArticleOffline() {
        Article after = next(talks, "world", NOW.plusSeconds(3600), Status.PUBLISHED);

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(talks, after), NOW);

        assertThat(plan.pageToRender()).isEmpty();
        assertThat(plan.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(plan.monthEdits()).containsExactly(new Remove(WORLD_NOV, NOVEMBER, "talks"));
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
    void anArticleInReviewIsTreatedExactlyAsADraft() {
        Article draft = draft("world", "notes");
        Article review = next(draft, "world", null, Status.REVIEW);
        Article reviewWithPastTime = next(talks, "world", NOVEMBER, Status.REVIEW);

        assertThat(ChangePlan.of(ArticleChange.created(review), NOW).isEmpty()).isTrue();
        assertThat(ChangePlan.of(ArticleChange.updated(draft, review), NOW).isEmpty()).isTrue();
        assertThat(ChangePlan.of(ArticleChange.created(reviewWithPastTime), NOW).isEmpty()).isTrue();
        assertThat(ChangePlan.of(ArticleChange.deleted(review), NOW).isEmpty()).isTrue();

        ChangePlan backToReview = ChangePlan.of(ArticleChange.updated(talks, reviewWithPastTime), NOW);
        ChangePlan backToDraft = ChangePlan.of(ArticleChange.updated(talks, next(talks, "world", NOVEMBER, Status.DRAFT)), NOW);
        assertThat(backToReview).isEqualTo(backToDraft);
        assertThat(backToReview.pageToDelete()).contains(new ArticleRef("world", "talks"));
        assertThat(backToReview.monthEdits()).containsExactly(new Remove(WORLD_NOV, NOVEMBER, "talks"));
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
                new Remove(WORLD_NOV, NOVEMBER, "talks"), new Upsert(WORLD_NOV, Listings.entryOf(after)));
    }

    @Test
    void anArticleIsListedInItsSectionAndUnderEachAuthorAndTag() {
        Article tagged = withPeople(talks, List.of("Ann Smith", "Bo Li"), List.of("NATO", "Défense"));

        ChangePlan plan = ChangePlan.of(ArticleChange.created(tagged), NOW);

        YearMonth november = YearMonth.of(2026, 11);
        assertThat(plan.monthEdits()).extracting(ChangePlan.MonthEdit::listing).containsExactly(
                ListingId.authorMonth("ann-smith", november), ListingId.authorMonth("bo-li", november),
                WORLD_NOV, ListingId.tagMonth("defense", november), ListingId.tagMonth("nato", november));
        assertThat(plan.monthEdits()).allMatch(e -> e.equals(new Upsert(e.listing(), Listings.entryOf(tagged))));
        assertThat(plan.fronts()).containsOnlyKeys(ListingId.authorFront("ann-smith"), ListingId.authorFront("bo-li"),
                WORLD_FRONT, ListingId.tagFront("defense"), ListingId.tagFront("nato"));
    }

    @Test
    void droppingATagOrAnAuthorRemovesTheEntryFromTheirListingsOnly() {
        Article before = withPeople(talks, List.of("Ann Smith", "Bo Li"), List.of("nato", "defence"));
        Article after = withPeople(retitled(before, "Talks resume"), List.of("Ann Smith"), List.of("nato", "summit"));

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(before, after), NOW);

        YearMonth november = YearMonth.of(2026, 11);
        assertThat(plan.monthEdits()).containsExactly(
                new Remove(ListingId.authorMonth("bo-li", november), NOVEMBER, "talks"),
                new Remove(ListingId.tagMonth("defence", november), NOVEMBER, "talks"),
                new Upsert(ListingId.authorMonth("ann-smith", november), Listings.entryOf(after)),
                new Upsert(WORLD_NOV, Listings.entryOf(after)),
                new Upsert(ListingId.tagMonth("nato", november), Listings.entryOf(after)),
                new Upsert(ListingId.tagMonth("summit", november), Listings.entryOf(after)));
        assertThat(plan.pageToDelete()).isEmpty();
        assertThat(plan.redirect()).isEmpty();
    }

    @Test
    void unpublishRemovesTheEntryFromEveryAuthorAndTagListing() {
        Article tagged = withPeople(talks, List.of("Ann Smith"), List.of("nato"));

        ChangePlan plan = ChangePlan.of(ArticleChange.updated(tagged, next(tagged, "world", NOVEMBER, Status.DRAFT)), NOW);

        assertThat(plan.monthEdits()).extracting(ChangePlan.MonthEdit::listing).containsExactlyInAnyOrder(
                ListingId.authorMonth("ann-smith", YearMonth.of(2026, 11)), WORLD_NOV,
                ListingId.tagMonth("nato", YearMonth.of(2026, 11)));
        assertThat(plan.monthEdits()).allMatch(e -> e instanceof Remove);
    }

    /**
     * Bounded whatever the size of the site: one removal per collection of the article before and
     * one upsert per collection after, each collection's front recomputed once for at most two of
     * its months; with the validator's limits (10 authors, 20 tags) at most 62 month listings and
     * 62 fronts.
     */
    @Test
    void everyPlanIsBoundedByTheCollectionsOfTheArticleBeforeAndAfter() {
        List<String> tenAuthors = new ArrayList<>();
        List<String> twentyTags = new ArrayList<>();
        List<String> otherTags = new ArrayList<>();
        List<String> otherAuthors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i < 10) {
                tenAuthors.add("Author " + i);
                otherAuthors.add("Other author " + i);
            }
            twentyTags.add("tag " + i);
            otherTags.add("other " + i);
        }
        Article full = withPeople(talks, tenAuthors, twentyTags);
        Article[] variants = {
                talks, full, withPeople(next(talks, "sport", OCTOBER, Status.PUBLISHED), List.of("Author 99"), otherTags),
                next(full, "sport", NOVEMBER, Status.PUBLISHED), next(full, "world", OCTOBER, Status.PUBLISHED),
                next(full, "sport", OCTOBER, Status.PUBLISHED), next(full, "world", NOVEMBER, Status.DRAFT),
                next(full, "world", NOW.plusSeconds(10), Status.PUBLISHED),
                withPeople(next(talks, "sport", OCTOBER, Status.PUBLISHED), otherAuthors, otherTags)};
        int largest = 0;
        for (Article before : variants) {
            for (Article after : variants) {
                ChangePlan plan = ChangePlan.of(ArticleChange.updated(before, after), NOW);
                int collections = (before.isLive(NOW) ? Listings.collectionsOf(before).size() : 0)
                        + (after.isLive(NOW) ? Listings.collectionsOf(after).size() : 0);
                assertThat(plan.monthEdits()).hasSizeLessThanOrEqualTo(collections)
                        .hasSizeLessThanOrEqualTo(ChangePlan.MAX_MONTH_EDITS);
                assertThat(plan.fronts()).hasSizeLessThanOrEqualTo(plan.monthEdits().size());
                assertThat(plan.fronts().values()).allMatch(months -> months.size() <= 2);
                assertThat(plan.recomputeHome()).isEqualTo(!plan.monthEdits().isEmpty());
                largest = Math.max(largest, plan.monthEdits().size());
            }
        }
        assertThat(ChangePlan.MAX_MONTH_EDITS).isEqualTo(62);
        assertThat(largest).as("a move of a fully tagged article to other authors and tags").isEqualTo(62);
    }
}
