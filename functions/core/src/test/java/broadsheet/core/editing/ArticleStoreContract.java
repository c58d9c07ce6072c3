package broadsheet.core.editing;

import broadsheet.core.TestArticles;

import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleNotFoundException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.IdempotencyConflictException;
import broadsheet.core.editing.StaleVersionException;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ArticleStore} must do. A subclass names the store under test; each test gets
 * a new, empty store.
 */
public abstract class ArticleStoreContract {

    /** A new, empty store. */
    protected abstract ArticleStore newStore();

    protected ArticleStore store;

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** When the articles of {@link #article} were created and last updated. */
    public static final Instant WRITTEN = Instant.parse("2026-11-29T09:00:00Z");

    /** An article as the editing use case hands it to a store: with its times, version 0. */
    public static Article article(String section, String slug, Status status) {
        return new Article(section, slug, "Headline of " + slug, "Standfirst of " + slug,
                "First paragraph of " + slug + ".\n\nSecond paragraph.",
                new LeadImage("media/" + slug + ".jpg", "Alt text", "A caption", "Photo: Agency"),
                List.of("Ann Smith", "Bo Jones"), List.of("nato", "defence"), "Reuters", status,
                status == Status.DRAFT ? null : Instant.parse("2026-11-29T10:15:30Z"), WRITTEN, WRITTEN, 0);
    }

    @Test
    void createStoresVersionOneWithTheGivenTimesAndFindReturnsIt() {
        Instant at = Instant.parse("2026-11-29T11:22:33.456Z");
        Article created = store.create(article("world", "nato-summit", Status.PUBLISHED).withTimes(at, at));

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(at);
        assertThat(created.updatedAt()).isEqualTo(at);
        assertThat(created.headline()).isEqualTo("Headline of nato-summit");
        assertThat(store.find("nato-summit")).contains(created);
    }

    @Test
    void findOfAnUnknownSlugIsEmpty() {
        assertThat(store.find("no-such-article")).isEmpty();
    }

    @Test
    void createRefusesATakenSlug() {
        store.create(article("world", "taken", Status.DRAFT));

        assertThatThrownBy(() -> store.create(article("business", "taken", Status.PUBLISHED)))
                .isInstanceOf(ArticleAlreadyExistsException.class);
        assertThat(store.find("taken")).get().extracting(Article::section).isEqualTo("world");
    }

    @Test
    void updateStoresTheNextVersionAndKeepsCreationTime() {
        Article created = store.create(article("world", "vote", Status.DRAFT));
        Instant later = WRITTEN.plusSeconds(90);
        Article changed = withHeadline(created, "Parliament votes").withTimes(created.createdAt(), later);

        Article updated = store.update(changed, 1);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.headline()).isEqualTo("Parliament votes");
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(store.find("vote")).contains(updated);
    }

    @Test
    void updateWithoutACreationTimeKeepsTheStoredOne() {
        Article created = store.create(article("world", "kept-time", Status.DRAFT));
        Instant later = WRITTEN.plusSeconds(90);

        Article updated = store.update(withHeadline(created, "Changed").withTimes(null, later), 1);

        assertThat(updated.createdAt()).isEqualTo(WRITTEN);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(store.find("kept-time")).contains(updated);
    }

    @Test
    void updateFromAStaleVersionIsRefusedAndChangesNothing() {
        Article created = store.create(article("world", "stale", Status.DRAFT));
        Article first = store.update(withHeadline(created, "First edit"), 1);

        assertThatThrownBy(() -> store.update(withHeadline(created, "Second edit"), 1))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.find("stale")).contains(first);
    }

    @Test
    void twoUpdatesFromOneVersionHaveExactlyOneWinner() throws Exception {
        Article created = store.create(article("world", "race", Status.DRAFT));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Article>> results = new ArrayList<>();
            for (String headline : List.of("Edit A", "Edit B")) {
                Callable<Article> edit = () -> {
                    start.await();
                    return store.update(withHeadline(created, headline), 1);
                };
                results.add(pool.submit(edit));
            }
            start.countDown();
            List<Article> winners = new ArrayList<>();
            List<Throwable> losers = new ArrayList<>();
            for (Future<Article> result : results) {
                try {
                    winners.add(result.get());
                } catch (ExecutionException e) {
                    losers.add(e.getCause());
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(losers).singleElement().isInstanceOf(StaleVersionException.class);
            assertThat(store.find("race")).contains(winners.get(0));
            assertThat(winners.get(0).version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updateAndDeleteOfAMissingArticleAreNotFound() {
        assertThatThrownBy(() -> store.update(article("world", "ghost", Status.DRAFT), 1))
                .isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> store.delete("ghost", 1))
                .isInstanceOf(ArticleNotFoundException.class);
        assertThat(store.find("ghost")).isEmpty();
    }

    @Test
    void deleteNeedsTheCurrentVersion() {
        Article created = store.create(article("world", "removed", Status.PUBLISHED));
        store.update(withHeadline(created, "Edited"), 1);

        assertThatThrownBy(() -> store.delete("removed", 1)).isInstanceOf(StaleVersionException.class);
        assertThat(store.find("removed")).isPresent();

        store.delete("removed", 2);
        assertThat(store.find("removed")).isEmpty();
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstResultEvenAfterAnUpdate() {
        Article first = store.create(article("world", "once", Status.DRAFT), "key-1", "hash-a");
        Article again = store.create(article("world", "once", Status.DRAFT), "key-1", "hash-a");

        assertThat(again).isEqualTo(first);
        assertThat(first.version()).isEqualTo(1);

        store.update(withHeadline(first, "Edited later"), 1);
        assertThat(store.create(article("world", "once", Status.DRAFT), "key-1", "hash-a")).isEqualTo(first);
        assertThat(store.find("once")).get().extracting(Article::version).isEqualTo(2L);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneArticleAndGetOneAnswer() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Article>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.create(article("world", "retried", Status.DRAFT), "key-r", "hash-r");
                }));
            }
            start.countDown();
            List<Article> answers = new ArrayList<>();
            for (Future<Article> result : results) {
                answers.add(result.get());
            }
            assertThat(answers).hasSize(3).containsOnly(answers.get(0));
            assertThat(store.find("retried")).contains(answers.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        store.create(article("world", "keyed", Status.DRAFT), "key-2", "hash-a");

        assertThatThrownBy(() -> store.create(article("world", "other", Status.DRAFT), "key-2", "hash-b"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(store.find("other")).isEmpty();
    }

    @Test
    void anotherIdempotencyKeyForATakenSlugIsAlreadyExists() {
        store.create(article("world", "claimed", Status.DRAFT), "key-3", "hash-a");

        assertThatThrownBy(() -> store.create(article("world", "claimed", Status.DRAFT), "key-4", "hash-a"))
                .isInstanceOf(ArticleAlreadyExistsException.class);
    }

    @Test
    void listsASectionNewestFirstAcrossPages() {
        List<String> slugs = List.of("s1", "s2", "s3", "s4", "s5");
        for (int i = 0; i < slugs.size(); i++) {
            Instant at = WRITTEN.plusSeconds(i);
            store.create(article("world", slugs.get(i), Status.PUBLISHED).withTimes(at, at));
        }
        store.create(article("business", "elsewhere", Status.PUBLISHED));

        List<ResultPage> pages = allPages(Optional.of("world"), Optional.empty(), 2);
        List<Article> listed = pages.stream().flatMap(p -> p.articles().stream()).toList();

        assertThat(pages).allSatisfy(p -> assertThat(p.articles().size()).isLessThanOrEqualTo(2));
        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        assertThat(listed).extracting(Article::slug).containsExactlyInAnyOrderElementsOf(slugs);
        assertThat(listed).isSortedAccordingTo(Comparator.comparing(Article::updatedAt).reversed());
        assertThat(listed.get(0).slug()).isEqualTo("s5");
    }

    @Test
    void listFiltersByStatusWithAndWithoutSection() {
        store.create(article("world", "w-draft", Status.DRAFT));
        store.create(article("world", "w-live", Status.PUBLISHED));
        store.create(article("science", "s-live", Status.PUBLISHED));
        store.create(article("science", "s-later", Status.SCHEDULED));

        assertThat(allArticles(Optional.of("world"), Optional.of(Status.PUBLISHED), 10))
                .extracting(Article::slug).containsExactly("w-live");
        assertThat(allArticles(Optional.empty(), Optional.of(Status.PUBLISHED), 1))
                .extracting(Article::slug).containsExactlyInAnyOrder("w-live", "s-live");
        assertThat(allArticles(Optional.empty(), Optional.empty(), 3))
                .extracting(Article::slug).containsExactlyInAnyOrder("w-draft", "w-live", "s-live", "s-later");
        assertThat(allArticles(Optional.of("culture"), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void searchesHeadlinesCaseInsensitivelyWithTheFiltersAndPagesOverEveryMatchOnce() {
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant at = WRITTEN.plusSeconds(i);
            String slug = "w" + i;
            String headline = switch (i % 3) {
                case 0 -> "BUDGET talks resume " + i;
                case 1 -> "Harbour reopens " + i;
                default -> "The budget, line by line " + i;
            };
            store.create(withHeadline(article("world", slug, i == 11 ? Status.DRAFT : Status.PUBLISHED), headline)
                    .withTimes(at, at));
            if (i % 3 != 1) {
                matching.add(slug);
            }
        }
        store.create(withHeadline(article("business", "b-budget", Status.PUBLISHED), "Budget day"));
        store.create(withHeadline(article("business", "b-other", Status.PUBLISHED), "Markets calm"));

        List<ResultPage> pages = allPages(Optional.of("world"), Optional.empty(), Optional.of("Budget"), 2);
        List<Article> listed = pages.stream().flatMap(p -> p.articles().stream()).toList();
        assertThat(pages).allSatisfy(p -> assertThat(p.articles().size()).isLessThanOrEqualTo(2));
        assertThat(listed).extracting(Article::slug).containsExactlyInAnyOrderElementsOf(matching);
        assertThat(listed).isSortedAccordingTo(Comparator.comparing(Article::updatedAt).reversed());

        assertThat(allArticles(Optional.of("world"), Optional.of(Status.DRAFT), Optional.of("budget"), 3))
                .extracting(Article::slug).containsExactly("w11");
        List<String> everywhere = new ArrayList<>(matching);
        everywhere.add("b-budget");
        assertThat(allArticles(Optional.empty(), Optional.empty(), Optional.of("bUdGeT"), 3))
                .extracting(Article::slug).containsExactlyInAnyOrderElementsOf(everywhere);
        assertThat(allArticles(Optional.empty(), Optional.of(Status.PUBLISHED), Optional.of("nothing like it"), 2))
                .isEmpty();
    }

    @Test
    void searchIgnoresCaseAndAccentsByUnicodeRules() {
        store.create(withHeadline(article("world", "ete", Status.PUBLISHED), "ÉTÉ INDIEN À ISTANBUL"));
        store.create(withHeadline(article("world", "dotted", Status.PUBLISHED), "İzmir votes"));
        store.create(withHeadline(article("world", "plain", Status.PUBLISHED), "Summer in Paris"));

        assertThat(allArticles(Optional.empty(), Optional.empty(), Optional.of("été indien"), 10))
                .extracting(Article::slug).containsExactly("ete");
        assertThat(allArticles(Optional.of("world"), Optional.empty(), Optional.of("À istanbul"), 10))
                .extracting(Article::slug).containsExactly("ete");
        assertThat(allArticles(Optional.empty(), Optional.empty(), Optional.of("ete"), 10))
                .extracting(Article::slug).containsExactly("ete");
        // not Turkish rules: a dotted capital I and a plain I both find i
        assertThat(allArticles(Optional.of("world"), Optional.empty(), Optional.of("İZMIR"), 10))
                .extracting(Article::slug).containsExactly("dotted");
        assertThat(allArticles(Optional.of("world"), Optional.empty(), Optional.of("IZMIR"), 10))
                .extracting(Article::slug).containsExactly("dotted");
        // a search of only an accent has an empty search form: it matches every headline
        assertThat(allArticles(Optional.of("world"), Optional.empty(), Optional.of("\u0301"), 10))
                .extracting(Article::slug).containsExactlyInAnyOrder("ete", "dotted", "plain");
    }

    @Test
    void keepsTheCreatorAndFindsArticlesInReviewByStatus() {
        Article created = store.create(article("world", "pitch", Status.REVIEW).withCreatedBy("ann"));
        store.create(article("world", "other", Status.DRAFT));

        Article updated = store.update(withHeadline(created, "Pitch, revised"), 1);

        assertThat(created.createdBy()).isEqualTo("ann");
        assertThat(updated.createdBy()).isEqualTo("ann");
        assertThat(store.find("pitch")).get().extracting(Article::createdBy, Article::status)
                .containsExactly("ann", Status.REVIEW);
        assertThat(store.find("other")).get().extracting(Article::createdBy).isNull();
        assertThat(allArticles(Optional.of("world"), Optional.of(Status.REVIEW), 10))
                .extracting(Article::slug).containsExactly("pitch");
    }

    @Test
    void anUpdateNeitherDropsNorChangesTheCreator() {
        Article created = store.create(article("world", "owned", Status.DRAFT).withCreatedBy("ann"));

        Article withoutOwner = store.update(withHeadline(created, "Edited").withCreatedBy(null), 1);
        Article claimed = store.update(withHeadline(withoutOwner, "Claimed").withCreatedBy("bo"), 2);

        assertThat(withoutOwner.createdBy()).isEqualTo("ann");
        assertThat(claimed.createdBy()).isEqualTo("ann");
        assertThat(store.find("owned")).get().extracting(Article::createdBy, Article::headline)
                .containsExactly("ann", "Claimed");
    }

    @Test
    void listRefusesALimitBelowOne() {
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.of("world"), Optional.empty(), Optional.empty(), -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsUnicodeAndMissingOptionalFields() {
        Article unicode = new Article("world", "kyiv-talks", "Київ: talks resume — 東京 🚀 «quotes» & <tags>",
                null, "Ελληνικά, עברית, 中文 and emoji 👩‍💻.", null, List.of("Zoë Ångström"), List.of(),
                null, Status.DRAFT, null, null, null, 0);

        Article created = store.create(unicode);

        Article found = store.find("kyiv-talks").orElseThrow();
        assertThat(found).isEqualTo(created);
        assertThat(found.headline()).isEqualTo(unicode.headline());
        assertThat(found.body()).isEqualTo(unicode.body());
        assertThat(found.authors()).containsExactly("Zoë Ångström");
        assertThat(found.standfirst()).isNull();
        assertThat(found.image()).isNull();
        assertThat(found.source()).isNull();
        assertThat(found.publishAt()).isNull();
    }

    protected static Article withHeadline(Article article, String headline) {
        return new Article(article.section(), article.slug(), headline, article.standfirst(), article.body(),
                article.image(), article.authors(), article.tags(), article.source(), article.status(),
                article.publishAt(), article.createdAt(), article.updatedAt(), article.version(), article.createdBy());
    }

    private List<Article> allArticles(Optional<String> section, Optional<Status> status, int limit) {
        return allArticles(section, status, Optional.empty(), limit);
    }

    protected List<Article> allArticles(Optional<String> section, Optional<Status> status, Optional<String> headline,
                                        int limit) {
        return allPages(section, status, headline, limit).stream().flatMap(p -> p.articles().stream()).toList();
    }

    private List<ResultPage> allPages(Optional<String> section, Optional<Status> status, int limit) {
        return allPages(section, status, Optional.empty(), limit);
    }

    protected List<ResultPage> allPages(Optional<String> section, Optional<Status> status, Optional<String> headline,
                                        int limit) {
        List<ResultPage> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ResultPage page = store.list(new ArticleQuery(section, status, headline, cursor, limit));
            pages.add(page);
            cursor = page.nextCursor();
            assertThat(pages.size()).as("pages before the cursor runs out").isLessThan(100);
        } while (cursor.isPresent());
        return pages;
    }

    public static Article scheduled(String section, String slug, Instant publishAt) {
        return article(section, slug, Status.SCHEDULED).withPublishAt(publishAt);
    }

    @Test
    void everyUpdateAndDeleteKeepsThePreviousVersionAsARevision() {
        Article v1 = store.create(article("world", "kept", Status.DRAFT));
        Article v2 = store.update(TestArticles.retitled(v1, "Second headline"), 1);
        store.update(TestArticles.retitled(v2, "Third headline"), 2);

        assertThat(store.revisions("kept")).extracting(ArticleStore.Revision::version, ArticleStore.Revision::headline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "Second headline"),
                        org.assertj.core.groups.Tuple.tuple(1L, "Headline of kept"));
        assertThat(store.revision("kept", 1)).hasValueSatisfying(r -> {
            assertThat(r.headline()).isEqualTo("Headline of kept");
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.body()).isEqualTo(v1.body());
        });
        assertThat(store.revision("kept", 3)).as("the current version is not a revision").isEmpty();
        assertThat(store.revision("kept", 7)).isEmpty();
        assertThat(store.revisions("unknown")).isEmpty();

        store.delete("kept", 3);
        assertThat(store.revisions("kept")).extracting(ArticleStore.Revision::version).containsExactly(3L, 2L, 1L);
        assertThat(store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 10)).articles())
                .as("revisions are not articles").isEmpty();
    }

    @Test
    void aRefusedUpdateKeepsNoRevisionBeyondTheCurrentVersion() {
        store.create(article("world", "refused", Status.DRAFT));
        assertThatThrownBy(() -> store.update(article("world", "refused", Status.DRAFT), 5))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.revisions("refused")).isEmpty();
    }

    @Test
    void dueListsScheduledArticlesWhoseTimeHasComeOldestFirst() {
        Instant t = Instant.parse("2026-12-01T09:00:00Z");
        store.create(scheduled("world", "later", t.plusSeconds(60)));
        store.create(scheduled("world", "second", t));
        store.create(scheduled("business", "first", t.minusSeconds(60)));
        store.create(article("world", "live", Status.PUBLISHED));
        store.create(article("world", "draft", Status.DRAFT));

        assertThat(store.due(t, 10)).extracting(Article::slug).containsExactly("first", "second");
        assertThat(store.due(t, 1)).extracting(Article::slug).containsExactly("first");
        assertThat(store.due(t.minusSeconds(61), 10)).isEmpty();
        assertThat(store.list(new ArticleQuery(Optional.of("world"), Optional.of(Status.SCHEDULED), Optional.empty(), 10))
                .articles()).extracting(Article::slug).containsExactlyInAnyOrder("later", "second");
    }

    @Test
    void aPublishedOrUnscheduledArticleIsNoLongerDue() {
        Instant t = Instant.parse("2026-12-01T09:00:00Z");
        Article a = store.create(scheduled("world", "went-live", t));
        Article b = store.create(scheduled("world", "unscheduled", t));
        store.update(a.withStatus(Status.PUBLISHED), a.version());
        store.update(b.withStatus(Status.DRAFT), b.version());

        assertThat(store.due(t.plusSeconds(3600), 10)).isEmpty();
    }
}
