package broadsheet.core.editing;

import broadsheet.core.MovableClock;
import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static broadsheet.core.TestArticles.draft;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The editing use case over the in-memory store, with a clock the tests move. */
class EditingTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00.123456Z");
    private static final Instant START_MILLIS = Instant.parse("2026-11-29T12:00:00.123Z");

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final Editing editing = new Editing(store, clock);

    /** An article as an editor sends it: no times, no version. */
    private static Article sent(Status status, Instant publishAt) {
        Article a = draft("world", "summit");
        return new Article(a.section(), a.slug(), "Summit opens", null, "Body", null, a.authors(), a.tags(), null,
                status, publishAt, null, null, 0);
    }

    @Test
    void createSetsBothTimesToNowInMillisecondsAndPublishesAtNowWhenNoTimeWasGiven() {
        Article created = editing.create(sent(Status.PUBLISHED, null));

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(START_MILLIS);
        assertThat(created.updatedAt()).isEqualTo(START_MILLIS);
        assertThat(created.publishAt()).isEqualTo(START_MILLIS);
        assertThat(store.find("summit")).contains(created);
    }

    @Test
    void createKeepsAGivenPublishTimeAndGivesADraftNone() {
        Instant later = Instant.parse("2026-12-01T09:00:00Z");

        assertThat(editing.create(sent(Status.SCHEDULED, later)).publishAt()).isEqualTo(later);
        assertThat(editing.create(new Article("world", "notes", "Notes", null, "Body", null,
                List.of(), List.of(), null, Status.DRAFT, null, null, null, 0)).publishAt())
                .isNull();
    }

    @Test
    void createStoresTheOwnerItIsGivenAndReplaceKeepsIt() {
        Article created = editing.create(sent(Status.DRAFT, null).withCreatedBy("ann"));
        assertThat(created.createdBy()).isEqualTo("ann");
        Article notes = new Article("world", "notes", "Notes", null, "Body", null, List.of(), List.of(), null,
                Status.DRAFT, null, null, null, 0, "bob");
        assertThat(editing.create(notes, "key-1", "hash-1").createdBy()).as("the idempotent path as well")
                .isEqualTo("bob");

        Article replaced = editing.replace("summit", sent(Status.REVIEW, null), v -> true);
        assertThat(replaced.createdBy()).isEqualTo("ann");
    }

    @Test
    void asCreatedIsWhatCreateWouldStoreWithoutWritingIt() {
        Article would = editing.asCreated(sent(Status.PUBLISHED, null));

        assertThat(would.createdAt()).isEqualTo(START_MILLIS);
        assertThat(would.publishAt()).isEqualTo(START_MILLIS);
        assertThat(store.find("summit")).isEmpty();
    }

    @Test
    void anIdempotentRetryAnswersTheFirstResultWithItsTimes() {
        Article first = editing.create(sent(Status.DRAFT, null), "key-1", "hash-1");
        clock.advance(Duration.ofMinutes(5));

        assertThat(editing.create(sent(Status.DRAFT, null), "key-1", "hash-1")).isEqualTo(first);
        assertThatThrownBy(() -> editing.create(sent(Status.DRAFT, null), "key-1", "hash-2"))
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void replaceKeepsTheSlugCreationTimeAndFirstPublicationTimeAndSetsTheUpdateTime() {
        Article created = editing.create(sent(Status.PUBLISHED, null));
        Instant edit = clock.advance(Duration.ofHours(1));

        Article replaced = editing.replace("summit", retitled(sent(Status.PUBLISHED, null), "Summit closes"),
                v -> v == 1);

        assertThat(replaced.version()).isEqualTo(2);
        assertThat(replaced.headline()).isEqualTo("Summit closes");
        assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
        assertThat(replaced.updatedAt()).isEqualTo(edit.truncatedTo(ChronoUnit.MILLIS));
        assertThat(replaced.publishAt()).as("first publication").isEqualTo(created.publishAt());
    }

    @Test
    void replaceOfAVersionThePreconditionRefusesIsStaleAndWritesNothing() {
        Article created = editing.create(sent(Status.DRAFT, null));

        assertThatThrownBy(() -> editing.replace("summit", retitled(created, "Lost edit"), Set.of(7L)::contains))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> editing.replace("missing", retitled(created, "Nowhere"), v -> true))
                .isInstanceOf(ArticleNotFoundException.class);
        assertThat(store.find("summit")).contains(created);
    }

    @Test
    void deleteNeedsAVersionThePreconditionAccepts() {
        editing.create(sent(Status.DRAFT, null));

        assertThatThrownBy(() -> editing.delete("summit", v -> v == 2)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> editing.delete("summit", 2)).isInstanceOf(StaleVersionException.class);
        editing.delete("summit", Set.of(1L, 3L)::contains);
        assertThat(store.find("summit")).isEmpty();
        assertThatThrownBy(() -> editing.delete("summit", 1)).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void restoreWritesAKeptVersionAsTheNextOneWithNewUpdateTime() {
        Article v1 = editing.create(sent(Status.DRAFT, null));
        clock.advance(Duration.ofMinutes(1));
        editing.replace("summit", retitled(v1, "Second thoughts"), v -> v == 1);
        Instant restoreTime = clock.advance(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);

        Article restored = editing.restore("summit", 1, v -> v == 2);

        assertThat(restored.version()).isEqualTo(3);
        assertThat(restored.headline()).isEqualTo(v1.headline());
        assertThat(restored.createdAt()).isEqualTo(v1.createdAt());
        assertThat(restored.updatedAt()).isEqualTo(restoreTime);
        assertThat(editing.revisions("summit")).extracting(ArticleStore.Revision::version).containsExactly(2L, 1L);
    }

    @Test
    void restoreChecksThePreconditionBeforeTheRevision() {
        editing.create(sent(Status.DRAFT, null));

        assertThatThrownBy(() -> editing.restore("summit", 9, v -> v == 5)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> editing.restore("summit", 9, v -> v == 1))
                .isInstanceOf(RevisionNotFoundException.class);
        assertThatThrownBy(() -> editing.restore("missing", 1, v -> true))
                .isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void revisionsOfAnUnknownArticleAreNotFoundButAnArticleWithoutEditsHasNone() {
        editing.create(sent(Status.DRAFT, null));

        assertThat(editing.revisions("summit")).isEmpty();
        assertThatThrownBy(() -> editing.revisions("missing")).isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> editing.revision("summit", 1)).isInstanceOf(RevisionNotFoundException.class);
    }
}
