package broadsheet.core.editing;

import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.editing.InMemoryArticleStore;
import broadsheet.core.editing.StaleVersionException;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static broadsheet.core.TestArticles.draft;
import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.retitled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryArticleStoreTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final Article talks = published("world", "talks", START.minusSeconds(3600)).withVersion(0)
            .withTimes(START, START);

    @Test
    void createStoresVersionOneAndKeepsTheGivenTimes() {
        Article stored = store.create(talks);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.createdAt()).isEqualTo(START);
        assertThat(stored.updatedAt()).isEqualTo(START);
        assertThat(store.find("talks")).contains(stored);
        assertThat(store.find("missing")).isEmpty();
    }

    @Test
    void createRefusesATakenSlug() {
        store.create(talks);

        assertThatThrownBy(() -> store.create(talks)).isInstanceOf(ArticleAlreadyExistsException.class);
    }

    @Test
    void updateNeedsTheCurrentVersionAndKeepsTheCreationTime() {
        Article v1 = store.create(talks);

        Article v2 = store.update(retitled(v1, "Talks resume").withTimes(null, START.plusSeconds(1)), 1);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.headline()).isEqualTo("Talks resume");
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v2.updatedAt()).isAfter(v1.updatedAt());
        assertThatThrownBy(() -> store.update(retitled(v1, "Stale"), 1)).isInstanceOf(StaleVersionException.class);
        assertThat(store.find("talks")).contains(v2);
        assertThatThrownBy(() -> store.update(draft("world", "missing"), 1)).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void deleteNeedsTheCurrentVersion() {
        store.create(talks);

        assertThatThrownBy(() -> store.delete("talks", 2)).isInstanceOf(StaleVersionException.class);
        assertThat(store.find("talks")).isPresent();
        store.delete("talks", 1);
        assertThat(store.find("talks")).isEmpty();
        assertThatThrownBy(() -> store.delete("talks", 1)).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstResultForTheSameRequest() {
        Article first = store.create(talks, "key-1", "hash-a");
        store.update(retitled(first, "Changed since"), 1);

        assertThat(store.create(talks, "key-1", "hash-a")).isEqualTo(first);
        assertThatThrownBy(() -> store.create(talks, "key-1", "hash-b")).isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> store.create(talks, "key-2", "hash-a")).isInstanceOf(ArticleAlreadyExistsException.class);
    }

    @Test
    void listFiltersBySectionAndStatusNewestFirst() {
        Article older = store.create(published("world", "older", START.minusSeconds(7200)));
        Article newer = store.create(published("world", "newer", START.minusSeconds(3600)));
        store.create(published("sport", "match", START.minusSeconds(60)));
        Article notes = store.create(draft("world", "notes").withTimes(START, START));

        ResultPage published = store.list(new ArticleQuery(Optional.of("world"), Optional.of(Status.PUBLISHED), Optional.empty(), 10));
        ResultPage world = store.list(new ArticleQuery(Optional.of("world"), Optional.empty(), Optional.empty(), 10));
        ResultPage drafts = store.list(new ArticleQuery(Optional.empty(), Optional.of(Status.DRAFT), Optional.empty(), 10));

        assertThat(published.articles()).containsExactly(newer, older);
        assertThat(published.nextCursor()).isEmpty();
        assertThat(world.articles()).as("by last update").containsExactly(notes, newer, older);
        assertThat(drafts.articles()).containsExactly(notes);
    }

    @Test
    void cursorsWalkEveryArticleOnceEvenWhenArticlesAreAddedBetweenPages() {
        for (int i = 0; i < 25; i++) {
            store.create(published("world", "story-" + i, START.minusSeconds(60L * i)));
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            ResultPage page = store.list(new ArticleQuery(Optional.of("world"), Optional.of(Status.PUBLISHED), cursor, 10));
            page.articles().forEach(a -> seen.add(a.slug()));
            cursor = page.nextCursor();
            pages++;
            if (pages == 1) {
                store.create(published("world", "newest", START.plusSeconds(60)));
            }
        } while (cursor.isPresent());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().startsWith("story-0", "story-1").endsWith("story-24");
    }

    @Test
    void rejectsAMalformedCursorAndANonPositiveLimit() {
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.of("%%%"), 10)))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentUpdatesOfOneVersionHaveOneWinner() throws Exception {
        Article v1 = store.create(talks);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String headline = "Writer " + w;
                writers.add(pool.submit(() -> {
                    try {
                        store.update(retitled(v1, headline), 1);
                        return true;
                    } catch (StaleVersionException e) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> writer : writers) {
                winners += writer.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.find("talks").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
