package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.Permissions.Allowed;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Create;
import broadsheet.core.editing.Permissions.Decision;
import broadsheet.core.editing.Permissions.Delete;
import broadsheet.core.editing.Permissions.Denied;
import broadsheet.core.editing.Permissions.ListArticles;
import broadsheet.core.editing.Permissions.Read;
import broadsheet.core.editing.Permissions.Replace;
import broadsheet.core.editing.Permissions.Restore;
import broadsheet.core.editing.Permissions.Role;
import broadsheet.core.editing.Permissions.UploadMedia;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static broadsheet.core.editing.Permissions.decide;
import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant PAST = NOW.minusSeconds(3600);
    private static final Instant FUTURE = NOW.plusSeconds(3600);

    private static final Caller EDITOR = new Caller("eve", Set.of(Role.EDITOR));
    private static final Caller ANN = new Caller("ann", Set.of(Role.CONTRIBUTOR));
    private static final Caller NOBODY = new Caller("nora", Set.of());

    private static Article article(Status status, Instant publishAt, String createdBy) {
        return ArticleStoreContract.article("world", "story", status).withPublishAt(publishAt)
                .withCreatedBy(createdBy).withVersion(3);
    }

    private static Article draftOf(String owner) {
        return article(Status.DRAFT, null, owner);
    }

    private static List<String> reasons(Decision decision) {
        assertThat(decision).isInstanceOf(Denied.class);
        return ((Denied) decision).reasons();
    }

    // ------------------------------------------------------------------ roles

    @Test
    void rolesComeFromTheirGroupsAndOtherGroupsGrantNothing() {
        assertThat(Role.ofGroups(List.of("editors"))).containsExactly(Role.EDITOR);
        assertThat(Role.ofGroups(List.of("contributors", "readers"))).containsExactly(Role.CONTRIBUTOR);
        assertThat(Role.ofGroups(List.of("editors", "contributors"))).containsExactlyInAnyOrder(Role.EDITOR, Role.CONTRIBUTOR);
        assertThat(Role.ofGroups(List.of("Editors", "admins"))).isEmpty();
    }

    @Test
    void theCallerComesFromTheClaimsApiGatewayHandsOver() {
        assertThat(Caller.fromClaims(Map.of("sub", "1f2e", "username", "ann", "cognito:groups", "[contributors readers]"),
                "cognito:groups")).isEqualTo(new Caller("ann", Set.of(Role.CONTRIBUTOR)));
        assertThat(Caller.fromClaims(Map.of("sub", "1f2e", "cognito:groups", "editors"), "cognito:groups"))
                .isEqualTo(new Caller("1f2e", Set.of(Role.EDITOR)));
        assertThat(Caller.fromClaims(Map.of("username", " ", "sub", "s", "groups", "[\"editors\",\"contributors\"]"), "groups"))
                .isEqualTo(new Caller("s", Set.of(Role.EDITOR, Role.CONTRIBUTOR)));
        assertThat(Caller.fromClaims(Map.of("username", "x", "cognito:groups", "editors,contributors"), "cognito:groups").roles())
                .containsExactlyInAnyOrder(Role.EDITOR, Role.CONTRIBUTOR);
        assertThat(Caller.fromClaims(Map.of(), "cognito:groups")).isEqualTo(new Caller(null, Set.of()));
    }

    @Test
    void theDeploymentNamesTheGroupsThatGrantEachRole() {
        Map<String, String> claims = Map.of("username", "ann", "groups", "[newsroom writers contributors]");
        assertThat(Caller.fromClaims(claims, "groups", "newsroom", "writers"))
                .isEqualTo(new Caller("ann", Set.of(Role.EDITOR, Role.CONTRIBUTOR)));
        assertThat(Caller.fromClaims(claims, "groups", "editors", "freelancers").roles()).isEmpty();
        assertThat(Caller.fromClaims(claims, "groups")).isEqualTo(new Caller("ann", Set.of(Role.CONTRIBUTOR)));
    }

    @Test
    void editorsMayDoEverything() {
        Article live = article(Status.PUBLISHED, PAST, "ann");
        Article scheduled = article(Status.SCHEDULED, FUTURE, "ann");
        List<Permissions.Action> actions = List.of(
                new Create(live), new Replace(live, live.withStatus(Status.DRAFT)),
                new Replace(scheduled, scheduled.withStatus(Status.PUBLISHED)), new Delete(live),
                new Restore(live, draftOf("ann")), new Read(draftOf("ann"), NOW), new ListArticles(), new UploadMedia());
        for (Permissions.Action action : actions) {
            assertThat(decide(EDITOR, action)).as(action.toString()).isEqualTo(new Allowed());
        }
        assertThat(Permissions.listScope(EDITOR)).isEqualTo(new Permissions.AllArticles());
    }

    @Test
    void aCallerInBothGroupsIsAnEditor() {
        Caller both = new Caller("bo", Set.of(Role.EDITOR, Role.CONTRIBUTOR));
        assertThat(decide(both, new Delete(article(Status.PUBLISHED, PAST, "ann"))).allowed()).isTrue();
    }

    @Test
    void aCallerWithoutARoleMayDoNothing() {
        assertThat(reasons(decide(NOBODY, new Create(draftOf(null))))).containsExactly(Permissions.NO_ROLE);
        assertThat(reasons(decide(NOBODY, new ListArticles()))).containsExactly(Permissions.NO_ROLE);
        assertThat(reasons(decide(NOBODY, new UploadMedia()))).containsExactly(Permissions.NO_ROLE);
        assertThat(reasons(decide(NOBODY, new Read(article(Status.PUBLISHED, PAST, null), NOW))))
                .containsExactly(Permissions.NO_ROLE);
        assertThat(Permissions.listScope(NOBODY)).isEqualTo(new Permissions.NoArticles());
    }

    // ------------------------------------------------------------------ contributors: create

    @Test
    void contributorsCreateDraftsAndArticlesForReview() {
        assertThat(decide(ANN, new Create(draftOf(null))).allowed()).isTrue();
        assertThat(decide(ANN, new Create(article(Status.REVIEW, null, null))).allowed()).isTrue();
    }

    @Test
    void contributorsCannotCreatePublishedOrScheduledArticles() {
        assertThat(reasons(decide(ANN, new Create(article(Status.PUBLISHED, PAST, null)))))
                .containsExactly(Permissions.REQUESTED_NOT_DRAFT, Permissions.PUBLISH_AT);
        assertThat(reasons(decide(ANN, new Create(article(Status.SCHEDULED, FUTURE, null)))))
                .containsExactly(Permissions.REQUESTED_NOT_DRAFT, Permissions.PUBLISH_AT);
    }

    @Test
    void contributorsCannotSetAPublicationTimeEvenOnADraft() {
        assertThat(reasons(decide(ANN, new Create(article(Status.DRAFT, FUTURE, null)))))
                .containsExactly(Permissions.PUBLISH_AT);
    }

    @Test
    void aContributorTokenWithoutAUserNameIsRefused() {
        Caller anonymous = new Caller(" ", Set.of(Role.CONTRIBUTOR));
        assertThat(reasons(decide(anonymous, new Create(draftOf(null))))).containsExactly(Permissions.NO_ID);
        assertThat(Permissions.listScope(anonymous)).isEqualTo(new Permissions.NoArticles());
    }

    // ------------------------------------------------------------------ contributors: change

    @Test
    void contributorsEditTheirOwnDraftsAndSubmitThemForReview() {
        Article draft = draftOf("ann");
        assertThat(decide(ANN, new Replace(draft, draft.withStatus(Status.DRAFT))).allowed()).isTrue();
        assertThat(decide(ANN, new Replace(draft, draft.withStatus(Status.REVIEW))).allowed()).as("submit").isTrue();
        Article inReview = draft.withStatus(Status.REVIEW);
        assertThat(decide(ANN, new Replace(inReview, inReview)).allowed()).as("edit while in review").isTrue();
        assertThat(decide(ANN, new Replace(inReview, draft)).allowed()).as("withdraw").isTrue();
    }

    @Test
    void contributorsMayMoveTheirOwnDraftToAnotherSection() {
        Article draft = draftOf("ann");
        Article moved = new Article("sport", draft.slug(), draft.headline(), draft.standfirst(), draft.body(),
                draft.image(), draft.authors(), draft.tags(), draft.source(), Status.DRAFT, null, null, null, 3, "ann");
        assertThat(decide(ANN, new Replace(draft, moved)).allowed()).isTrue();
    }

    @Test
    void contributorsMayKeepAPublicationTimeTheyDidNotSet() {
        Article unpublished = article(Status.DRAFT, PAST, "ann");
        assertThat(decide(ANN, new Replace(unpublished, unpublished)).allowed()).isTrue();
        assertThat(reasons(decide(ANN, new Replace(unpublished, unpublished.withPublishAt(FUTURE)))))
                .containsExactly(Permissions.PUBLISH_AT);
    }

    @Test
    void contributorsCannotPublishOrScheduleTheirOwnDraft() {
        Article draft = draftOf("ann");
        assertThat(reasons(decide(ANN, new Replace(draft, draft.withStatus(Status.PUBLISHED).withPublishAt(PAST)))))
                .containsExactly(Permissions.REQUESTED_NOT_DRAFT, Permissions.PUBLISH_AT);
        assertThat(reasons(decide(ANN, new Replace(draft, draft.withStatus(Status.SCHEDULED).withPublishAt(FUTURE)))))
                .containsExactly(Permissions.REQUESTED_NOT_DRAFT, Permissions.PUBLISH_AT);
        assertThat(reasons(decide(ANN, new Replace(draft, draft.withStatus(Status.PUBLISHED)))))
                .containsExactly(Permissions.REQUESTED_NOT_DRAFT);
    }

    @Test
    void contributorsCannotEditUnpublishOrMoveTheirOwnLiveOrScheduledArticles() {
        Article live = article(Status.PUBLISHED, PAST, "ann");
        assertThat(reasons(decide(ANN, new Replace(live, live))))
                .containsExactly(Permissions.STORED_NOT_DRAFT, Permissions.REQUESTED_NOT_DRAFT);
        assertThat(reasons(decide(ANN, new Replace(live, live.withStatus(Status.DRAFT)))))
                .as("unpublish").containsExactly(Permissions.STORED_NOT_DRAFT);
        Article moved = new Article("sport", live.slug(), live.headline(), live.standfirst(), live.body(),
                live.image(), live.authors(), live.tags(), live.source(), live.status(), live.publishAt(),
                null, null, 3, "ann");
        assertThat(reasons(decide(ANN, new Replace(live, moved)))).as("move").contains(Permissions.STORED_NOT_DRAFT);
        Article scheduled = article(Status.SCHEDULED, FUTURE, "ann");
        assertThat(reasons(decide(ANN, new Replace(scheduled, scheduled.withStatus(Status.DRAFT)))))
                .as("unschedule").containsExactly(Permissions.STORED_NOT_DRAFT);
        assertThat(reasons(decide(ANN, new Replace(scheduled, scheduled))))
                .containsExactly(Permissions.STORED_NOT_DRAFT, Permissions.REQUESTED_NOT_DRAFT);
    }

    @Test
    void contributorsCannotEditAnotherWritersDraftOrAnArticleWithoutOwner() {
        Article bos = draftOf("bo");
        assertThat(reasons(decide(ANN, new Replace(bos, bos.withStatus(Status.REVIEW))))).containsExactly(Permissions.NOT_OWN);
        Article legacy = draftOf(null);
        assertThat(reasons(decide(ANN, new Replace(legacy, legacy)))).containsExactly(Permissions.NOT_OWN);
    }

    @Test
    void everyReasonIsGivenAtOnce() {
        Article bosLive = article(Status.PUBLISHED, PAST, "bo");
        assertThat(reasons(decide(ANN, new Replace(bosLive, bosLive.withPublishAt(FUTURE)))))
                .containsExactly(Permissions.NOT_OWN, Permissions.STORED_NOT_DRAFT, Permissions.REQUESTED_NOT_DRAFT,
                        Permissions.PUBLISH_AT);
    }

    @Test
    void contributorsCannotDeleteEvenTheirOwnDraft() {
        assertThat(reasons(decide(ANN, new Delete(draftOf("ann"))))).containsExactly(Permissions.DELETE);
        assertThat(reasons(decide(ANN, new Delete(article(Status.PUBLISHED, PAST, "ann"))))).containsExactly(Permissions.DELETE);
    }

    @Test
    void contributorsRestoreOnlyDraftRevisionsOfTheirOwnDrafts() {
        Article draft = draftOf("ann");
        assertThat(decide(ANN, new Restore(draft, draft.withVersion(1))).allowed()).isTrue();
        assertThat(reasons(decide(ANN, new Restore(draft, article(Status.PUBLISHED, PAST, "ann").withVersion(1)))))
                .as("restoring a published revision would publish").contains(Permissions.REQUESTED_NOT_DRAFT);
        Article live = article(Status.PUBLISHED, PAST, "ann");
        assertThat(reasons(decide(ANN, new Restore(live, draft.withVersion(1)))))
                .as("restoring a draft over a live article would unpublish").containsExactly(Permissions.STORED_NOT_DRAFT);
        Article bos = draftOf("bo");
        assertThat(reasons(decide(ANN, new Restore(bos, bos.withVersion(1))))).containsExactly(Permissions.NOT_OWN);
    }

    // ------------------------------------------------------------------ contributors: read, list, media

    @Test
    void contributorsReadTheirOwnArticlesAndLiveOnes() {
        assertThat(decide(ANN, new Read(draftOf("ann"), NOW)).allowed()).isTrue();
        assertThat(decide(ANN, new Read(article(Status.SCHEDULED, FUTURE, "ann"), NOW)).allowed()).isTrue();
        assertThat(decide(ANN, new Read(article(Status.PUBLISHED, PAST, "bo"), NOW)).allowed()).isTrue();
    }

    @Test
    void contributorsCannotReadOrPreviewOthersUnpublishedOrEmbargoedArticles() {
        for (Article other : List.of(draftOf("bo"), article(Status.REVIEW, null, "bo"),
                article(Status.SCHEDULED, FUTURE, "bo"), article(Status.PUBLISHED, FUTURE, "bo"), draftOf(null))) {
            assertThat(reasons(decide(ANN, new Read(other, NOW)))).as(other.status() + " " + other.publishAt())
                    .containsExactly(Permissions.NOT_OWN_READ);
        }
    }

    @Test
    void contributorsListTheirOwnArticlesAndLiveOnes() {
        assertThat(decide(ANN, new ListArticles()).allowed()).isTrue();
        Permissions.ListScope scope = Permissions.listScope(ANN);
        assertThat(scope).isEqualTo(new Permissions.OwnAndLive("ann"));
        Permissions.OwnAndLive own = (Permissions.OwnAndLive) scope;
        assertThat(own.includes(draftOf("ann"), NOW)).isTrue();
        assertThat(own.includes(article(Status.PUBLISHED, PAST, "bo"), NOW)).isTrue();
        assertThat(own.includes(draftOf("bo"), NOW)).isFalse();
        assertThat(own.includes(article(Status.PUBLISHED, FUTURE, "bo"), NOW)).isFalse();
    }

    @Test
    void contributorsUploadMedia() {
        assertThat(decide(ANN, new UploadMedia())).isEqualTo(new Allowed());
    }
}
