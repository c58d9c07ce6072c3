package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleAlreadyExistsException;
import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import broadsheet.core.editing.ArticleStore.ResultPage;
import broadsheet.core.editing.InvalidCursorException;
import broadsheet.core.editing.ArticleStoreContract;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoArticleStoreTest extends ArticleStoreContract {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Override
    protected ArticleStore newStore() {
        return new DynamoArticleStore(aws.dynamoDb(), aws.tableName());
    }

    private Map<String, AttributeValue> storedItem(String pk, String sk) {
        return aws.dynamoDb().getItem(b -> b.tableName(aws.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void writesNoPublishedIndexKeysAndAnUpdateRemovesThoseOfItemsWrittenWhenTheIndexExisted() {
        Article draft = store.create(article("world", "gsi", Status.DRAFT));

        Map<String, AttributeValue> asDraft = storedItem("article#gsi", "article");
        assertThat(asDraft).doesNotContainKeys("gsi1pk", "gsi1sk");
        assertThat(asDraft.get("gsi2pk").s()).isEqualTo("world");
        assertThat(asDraft.get("gsi2sk").s()).endsWith("#gsi");
        assertThat(asDraft.get("version").n()).isEqualTo("1");
        assertThat(asDraft.get("status").s()).isEqualTo("draft");

        Article live = new Article(draft.section(), draft.slug(), draft.headline(), draft.standfirst(), draft.body(),
                draft.image(), draft.authors(), draft.tags(), draft.source(), Status.PUBLISHED,
                Instant.parse("2026-11-29T10:15:30Z"), draft.createdAt(), draft.updatedAt(), draft.version());
        store.update(live, 1);
        Map<String, AttributeValue> published = storedItem("article#gsi", "article");
        assertThat(published).doesNotContainKeys("gsi1pk", "gsi1sk");
        assertThat(published.get("publishAt").s()).isEqualTo("2026-11-29T10:15:30Z");

        // an item as the store wrote it while the table had a published index
        Map<String, AttributeValue> former = new java.util.HashMap<>(published);
        former.put("gsi1pk", AttributeValue.fromS("world"));
        former.put("gsi1sk", AttributeValue.fromS("2026-11-29T10:15:30.000000000Z#gsi"));
        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(former));
        store.update(draft, 2);
        assertThat(storedItem("article#gsi", "article")).doesNotContainKeys("gsi1pk", "gsi1sk", "publishAt");
        assertThat(store.revision("gsi", 2).orElseThrow().status()).isEqualTo(Status.PUBLISHED);
        assertThat(storedItem("article#gsi", "revision#0000000002")).doesNotContainKeys("gsi1pk", "gsi1sk");
    }

    @Test
    void handsOldAndNewItemsOfEveryWriteToTheListener() {
        List<Map<String, AttributeValue>[]> writes = new ArrayList<>();
        @SuppressWarnings("unchecked")
        ArticleWriteListener listener = (oldItem, newItem) -> writes.add(new Map[] {oldItem, newItem});
        DynamoArticleStore listened = new DynamoArticleStore(aws.dynamoDb(), aws.tableName(), Clock.systemUTC(),
                listener);

        Article created = listened.create(article("world", "fed", Status.PUBLISHED));
        Article updated = listened.update(withHeadline(created, "Changed"), 1);
        listened.delete("fed", 2);

        assertThat(writes).hasSize(3);
        assertThat(writes.get(0)[0]).isEmpty();
        assertThat(ArticleItems.fromItem(writes.get(0)[1])).isEqualTo(created);
        assertThat(ArticleItems.fromItem(writes.get(1)[0])).isEqualTo(created);
        assertThat(ArticleItems.fromItem(writes.get(1)[1])).isEqualTo(updated);
        assertThat(ArticleItems.fromItem(writes.get(2)[0])).isEqualTo(updated);
        assertThat(writes.get(2)[1]).isEmpty();
    }

    @Test
    void keepsTheIdempotencyRecordWithHashSlugAndFirstResult() {
        Article first = store.create(article("world", "recorded", Status.DRAFT), "k-1", "h-1");

        Map<String, AttributeValue> claim = storedItem("idempotency#k-1", "idempotency");
        assertThat(claim.get("requestHash").s()).isEqualTo("h-1");
        assertThat(claim.get("slug").s()).isEqualTo("recorded");
        assertThat(claim.get("state").s()).isEqualTo("done");
        assertThat(ArticleItems.fromItem(claim.get("result").m())).isEqualTo(first);
    }

    @Test
    void aRetryCompletesACreateThatCrashedAfterTheClaim() {
        Article intended = store.create(article("world", "crashed", Status.DRAFT), "k-2", "h-2");
        // simulate the crash window: the claim is pending and the article was never written
        aws.dynamoDb().deleteItem(b -> b.tableName(aws.tableName()).key(ArticleItems.key("crashed")));
        setClaimState("k-2", "pending");

        Article retried = store.create(article("world", "crashed", Status.DRAFT), "k-2", "h-2");

        assertThat(retried).isEqualTo(intended);
        assertThat(store.find("crashed")).contains(intended);
        assertThat(storedItem("idempotency#k-2", "idempotency").get("state").s()).isEqualTo("done");
    }

    @Test
    void aRetryAfterACrashBetweenArticleWriteAndMarkingDoneReturnsTheFirstResult() {
        Article intended = store.create(article("world", "half-done", Status.DRAFT), "k-3", "h-3");
        setClaimState("k-3", "pending");

        assertThat(store.create(article("world", "half-done", Status.DRAFT), "k-3", "h-3")).isEqualTo(intended);
        assertThat(store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 10))
                .articles()).hasSize(1);
    }

    @Test
    void aPendingClaimWhoseSlugWasTakenByAnotherWriterIsReleased() {
        store.create(article("world", "contested", Status.DRAFT), "k-4", "h-4");
        // another writer holds the slug, the keyed write never happened
        aws.dynamoDb().deleteItem(b -> b.tableName(aws.tableName()).key(ArticleItems.key("contested")));
        store.create(article("business", "contested", Status.DRAFT));
        setClaimState("k-4", "pending");

        assertThatThrownBy(() -> store.create(article("world", "contested", Status.DRAFT), "k-4", "h-4"))
                .isInstanceOf(ArticleAlreadyExistsException.class);
        assertThat(storedItem("idempotency#k-4", "idempotency")).isEmpty();
        assertThat(store.find("contested")).get().extracting(Article::section).isEqualTo("business");
    }

    @Test
    void cursorsAreOpaqueBase64UrlAndGarbageIsRefused() {
        for (int i = 0; i < 3; i++) {
            store.create(article("world", "c" + i, Status.PUBLISHED));
        }
        String cursor = store.list(new ArticleQuery(Optional.of("world"), Optional.empty(), Optional.empty(), 1))
                .nextCursor().orElseThrow();

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(store.list(new ArticleQuery(Optional.of("world"), Optional.empty(), Optional.of(cursor), 1))
                .articles()).hasSize(1);
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.of("world"), Optional.empty(),
                Optional.of("not a cursor!"), 1))).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.of("science"), Optional.empty(),
                Optional.of(cursor), 1))).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.empty(), Optional.empty(),
                Optional.of(cursor), 1))).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void refusesPagesOfMoreThanAHundred() {
        assertThat(store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100))
                .articles()).isEmpty();
        assertThatThrownBy(() -> store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 101)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingAndIdempotencyItemsNeverShowUpAsArticles() {
        store.create(article("world", "only-one", Status.PUBLISHED), "k-5", "h-5");
        new DynamoListingStore(aws.dynamoDb(), aws.tableName())
                .put(broadsheet.core.listing.ListingId.home(), broadsheet.core.listing.Listing.EMPTY, 0);

        assertThat(store.list(new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100))
                .articles()).extracting(Article::slug).containsExactly("only-one");
    }

    @Test
    void everyWriteStoresTheHeadlineInItsSearchForm() {
        Article created = store.create(withHeadline(article("world", "lower", Status.DRAFT), "ÉTÉ in İzmir"));
        assertThat(storedItem("article#lower", "article").get("headlineLower").s()).isEqualTo("ete in izmir");

        store.update(withHeadline(created, "Winter In OSLO"), 1);
        assertThat(storedItem("article#lower", "article").get("headlineLower").s()).isEqualTo("winter in oslo");
    }

    @Test
    void theSearchFindsArticlesWrittenBeforeTheLowerCasedHeadlineUntilAnUpdateAddsIt() {
        store.create(withHeadline(article("world", "new", Status.PUBLISHED), "Budget vote tonight"));
        Map<String, AttributeValue> older = new LinkedHashMap<>(ArticleItems.toItem(
                withHeadline(article("world", "older", Status.PUBLISHED), "Budget talks resume").withVersion(1)));
        older.remove("headlineLower");
        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(older));

        // as typed, or lower-cased, against the headline as stored
        assertThat(allArticles(Optional.of("world"), Optional.empty(), Optional.of("Budget"), 10))
                .extracting(Article::slug).containsExactlyInAnyOrder("new", "older");
        assertThat(allArticles(Optional.empty(), Optional.of(Status.PUBLISHED), Optional.of("talks"), 10))
                .extracting(Article::slug).containsExactly("older");
        assertThat(allArticles(Optional.empty(), Optional.empty(), Optional.of("budget"), 10))
                .extracting(Article::slug).containsExactly("new");

        store.update(store.find("older").orElseThrow(), 1);
        assertThat(allArticles(Optional.empty(), Optional.empty(), Optional.of("budget"), 10))
                .extracting(Article::slug).containsExactlyInAnyOrder("new", "older");
    }

    @Test
    void aSearchReadsABoundedNumberOfTimesPerPageAndTheCursorLeadsOnToEveryMatch() {
        for (int i = 0; i < 24; i++) {
            Instant at = WRITTEN.plusSeconds(i);
            String headline = i == 0 || i == 1 ? "Needle " + i : "Haystack " + i;
            store.create(withHeadline(article("world", "h" + i, Status.PUBLISHED), headline).withTimes(at, at));
        }
        // three items evaluated per read, two reads per page: the two oldest match, the newest 22 do not
        ArticleQueries queries = new ArticleQueries(aws.dynamoDb(), aws.tableName(), 3, 2);
        for (Optional<String> section : List.of(Optional.of("world"), Optional.<String>empty())) {
            List<ResultPage> pages = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                ResultPage page = queries.list(new ArticleQuery(section, Optional.empty(), Optional.of("needle"),
                        cursor, 1));
                pages.add(page);
                cursor = page.nextCursor();
                assertThat(pages.size()).isLessThan(30);
            } while (cursor.isPresent());

            assertThat(pages).allSatisfy(p -> assertThat(p.articles().size()).isLessThanOrEqualTo(1));
            assertThat(pages.subList(0, pages.size() - 1)).anySatisfy(p -> {
                assertThat(p.articles()).isEmpty();
                assertThat(p.nextCursor()).isPresent();
            });
            assertThat(pages.stream().flatMap(p -> p.articles().stream()).map(Article::slug))
                    .as(section.toString()).containsExactlyInAnyOrder("h0", "h1");
        }
    }

    @Test
    void createIfMissingLeavesAnExistingTableAlone() {
        assertThat(TableDefinition.createIfMissing(aws.dynamoDb(), aws.tableName())).isFalse();
        String fresh = aws.tableName() + "-fresh";
        try {
            assertThat(TableDefinition.createIfMissing(aws.dynamoDb(), fresh)).isTrue();
            var indexes = aws.dynamoDb().describeTable(b -> b.tableName(fresh)).table().globalSecondaryIndexes();
            assertThat(indexes).extracting(i -> i.indexName()).containsExactlyInAnyOrder("by-section", "scheduled");
        } finally {
            aws.dynamoDb().deleteTable(b -> b.tableName(fresh));
        }
    }

    private void setClaimState(String key, String state) {
        Map<String, AttributeValue> claim = new LinkedHashMap<>(storedItem("idempotency#" + key, "idempotency"));
        claim.put("state", AttributeValue.fromS(state));
        aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(claim));
    }
}
