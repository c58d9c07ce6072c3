package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ArticleStore} on the single DynamoDB table ({@link TableDefinition}): a façade over the
 * parts that do the work, each with its own notes on how it uses the table:
 * <ul>
 *   <li>{@link ArticleWrites}: every write is one conditional single-item write (create on
 *       {@code attribute_not_exists(pk)}, update and delete on {@code version = :expected}); old
 *       and new item go to an {@link ArticleWriteListener};</li>
 *   <li>{@link IdempotentCreate}: create with an idempotency key, safe against a crash between
 *       claiming the key and writing the article;</li>
 *   <li>{@link ArticleRevisions}: the version an update or delete replaces is kept first;</li>
 *   <li>{@link ArticleQueries}: one article, the due scheduled articles, the editors' lists.</li>
 * </ul>
 */
public final class DynamoArticleStore implements ArticleStore {

    private final ArticleQueries reads;
    private final ArticleRevisions revisions;
    private final ArticleWrites writes;
    private final IdempotentCreate idempotent;

    public DynamoArticleStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, Clock.systemUTC(), ArticleWriteListener.NONE);
    }

    public DynamoArticleStore(DynamoDbClient dynamoDb, String table, Clock clock, ArticleWriteListener listener) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        this.reads = new ArticleQueries(dynamoDb, table);
        this.revisions = new ArticleRevisions(dynamoDb, table, reads);
        this.writes = new ArticleWrites(dynamoDb, table, clock, listener, reads, revisions);
        this.idempotent = new IdempotentCreate(dynamoDb, table, clock, writes);
    }

    @Override
    public Article create(Article article) {
        Article created = writes.firstVersion(article);
        writes.putNew(ArticleItems.toItem(created));
        return created;
    }

    @Override
    public Article create(Article article, String idempotencyKey, String requestHash) {
        return idempotent.create(article, idempotencyKey, requestHash);
    }

    @Override
    public Optional<Article> find(String slug) {
        return reads.find(slug);
    }

    @Override
    public Article update(Article article, long expectedVersion) {
        return writes.update(article, expectedVersion);
    }

    @Override
    public void delete(String slug, long expectedVersion) {
        writes.delete(slug, expectedVersion);
    }

    @Override
    public List<Revision> revisions(String slug) {
        return revisions.revisions(slug);
    }

    @Override
    public Optional<Article> revision(String slug, long version) {
        return revisions.revision(slug, version);
    }

    @Override
    public List<Article> due(Instant now, int limit) {
        return reads.due(now, limit);
    }

    @Override
    public ResultPage list(ArticleQuery query) {
        return reads.list(query);
    }
}
