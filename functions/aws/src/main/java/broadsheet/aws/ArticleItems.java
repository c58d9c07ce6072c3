package broadsheet.aws;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import broadsheet.core.editing.ArticleStore.ArticleQuery;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Article &lt;-&gt; DynamoDB item. The item holds every article field under its own name
 * ({@code version} as a number, times as ISO-8601 strings), the key {@code pk = article#<slug>},
 * {@code sk = article}, the {@code by-section} index keys for every article and the
 * {@code scheduled} index keys only while the article is scheduled. Items written while the
 * table had a {@code published} index (never queried, since dropped) may still carry its keys
 * ({@link #FORMER_INDEX_KEYS}): the next update removes them. Every write also stores the
 * headline lower-cased and without accents ({@link #HEADLINE_LOWER}) for the headline search; items written before
 * that attribute existed lack it until their next update ({@link ArticleQueries} matches them on
 * {@code headline}).
 *
 * <p>Index sort keys use a fixed-width UTC time ({@code 2026-11-29T10:15:30.000000000Z}) so that
 * string order is time order; the article fields keep {@link Instant#toString()}.
 */
public final class ArticleItems {

    public static final String PK_PREFIX = TableDefinition.ARTICLE_KEY_PREFIX;
    public static final String SK_VALUE = TableDefinition.ARTICLE_SORT_KEY;
    /** Sort key prefix of a kept earlier version: {@code revision#<version, 10 digits>}. */
    public static final String REVISION_PREFIX = "revision#";
    /** The one partition of the {@code scheduled} index. */
    public static final String SCHEDULED_PARTITION = "scheduled";

    static final String SECTION = "section";
    static final String SLUG = "slug";
    static final String HEADLINE = "headline";
    /** The headline in {@link ArticleQuery#searchForm} (lower-cased, without accents), for the headline search. */
    static final String HEADLINE_LOWER = "headlineLower";
    static final String STANDFIRST = "standfirst";
    static final String BODY = "body";
    static final String IMAGE = "image";
    static final String AUTHORS = "authors";
    static final String TAGS = "tags";
    static final String SOURCE = "source";
    static final String STATUS = "status";
    static final String PUBLISH_AT = "publishAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String CREATED_BY = "createdBy";
    static final String VERSION = "version";

    /** The keys of the dropped {@code published} index, on items written before it went. */
    static final Set<String> FORMER_INDEX_KEYS = Set.of("gsi1pk", "gsi1sk");

    /** Attributes an article item may lack; an update removes those the new article lacks. */
    static final Set<String> OPTIONAL = Set.of(STANDFIRST, IMAGE, SOURCE, PUBLISH_AT, CREATED_AT, UPDATED_AT, CREATED_BY,
            "gsi1pk", "gsi1sk", TableDefinition.GSI2_PK, TableDefinition.GSI2_SK,
            TableDefinition.GSI3_PK, TableDefinition.GSI3_SK);

    private static final Set<String> INDEX_KEYS = Set.of("gsi1pk", "gsi1sk",
            TableDefinition.GSI2_PK, TableDefinition.GSI2_SK, TableDefinition.GSI3_PK, TableDefinition.GSI3_SK);

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ArticleItems() {
    }

    public static String partitionKey(String slug) {
        return PK_PREFIX + slug;
    }

    /** The primary key of the article with this slug. */
    public static Map<String, AttributeValue> key(String slug) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(partitionKey(slug)),
                TableDefinition.SK, AttributeValue.fromS(SK_VALUE));
    }

    /** True for items of articles (not listings, idempotency records or kept revisions). */
    public static boolean isArticle(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(TableDefinition.PK);
        AttributeValue sk = item.get(TableDefinition.SK);
        return pk != null && pk.s() != null && pk.s().startsWith(PK_PREFIX)
                && (sk == null || SK_VALUE.equals(sk.s()));
    }

    /** {@code revision#0000000007}: fixed width, so string order is version order. */
    public static String revisionSortKey(long version) {
        return REVISION_PREFIX + String.format(java.util.Locale.ROOT, "%010d", version);
    }

    /** The item keeping an earlier version: the article's attributes under its revision key, in no index. */
    public static Map<String, AttributeValue> toRevisionItem(Article article) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(toItem(article));
        item.keySet().removeAll(INDEX_KEYS);
        item.put(TableDefinition.SK, AttributeValue.fromS(revisionSortKey(article.version())));
        return item;
    }

    public static Map<String, AttributeValue> toItem(Article article) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(article.slug()));
        item.put(SECTION, AttributeValue.fromS(article.section()));
        item.put(SLUG, AttributeValue.fromS(article.slug()));
        item.put(HEADLINE, AttributeValue.fromS(article.headline()));
        item.put(HEADLINE_LOWER, AttributeValue.fromS(ArticleQuery.searchForm(article.headline())));
        putIfPresent(item, STANDFIRST, article.standfirst());
        item.put(BODY, AttributeValue.fromS(article.body()));
        if (article.image() != null) {
            item.put(IMAGE, AttributeValue.fromM(image(article.image())));
        }
        item.put(AUTHORS, strings(article.authors()));
        item.put(TAGS, strings(article.tags()));
        putIfPresent(item, SOURCE, article.source());
        item.put(STATUS, AttributeValue.fromS(article.status().wireName()));
        putIfPresent(item, PUBLISH_AT, article.publishAt());
        putIfPresent(item, CREATED_AT, article.createdAt());
        putIfPresent(item, UPDATED_AT, article.updatedAt());
        putIfPresent(item, CREATED_BY, article.createdBy());
        item.put(VERSION, AttributeValue.fromN(Long.toString(article.version())));
        if (article.status() == Status.SCHEDULED && article.publishAt() != null) {
            item.put(TableDefinition.GSI3_PK, AttributeValue.fromS(SCHEDULED_PARTITION));
            item.put(TableDefinition.GSI3_SK, AttributeValue.fromS(sortKey(article.publishAt(), article.slug())));
        }
        Instant changed = article.updatedAt() != null ? article.updatedAt() : article.createdAt();
        if (changed != null) {
            item.put(TableDefinition.GSI2_PK, AttributeValue.fromS(article.section()));
            item.put(TableDefinition.GSI2_SK, AttributeValue.fromS(sortKey(changed, article.slug())));
        }
        return item;
    }

    /** The article of an item; optional attributes may be missing, unknown attributes are ignored. */
    public static Article fromItem(Map<String, AttributeValue> item) {
        return new Article(
                string(item, SECTION),
                string(item, SLUG),
                string(item, HEADLINE),
                string(item, STANDFIRST),
                string(item, BODY),
                image(item.get(IMAGE)),
                strings(item.get(AUTHORS)),
                strings(item.get(TAGS)),
                string(item, SOURCE),
                status(string(item, STATUS)),
                instant(string(item, PUBLISH_AT)),
                instant(string(item, CREATED_AT)),
                instant(string(item, UPDATED_AT)),
                item.containsKey(VERSION) && item.get(VERSION).n() != null ? Long.parseLong(item.get(VERSION).n()) : 0,
                string(item, CREATED_BY));
    }

    /** Above every {@link #sortKey} of this time and below those of any later time. */
    public static String sortKeyAfter(Instant time) {
        return SORTABLE.format(time) + "$";
    }

    /** {@code <time as fixed-width UTC>#<slug>}: sorts by time, then slug. */
    public static String sortKey(Instant time, String slug) {
        return SORTABLE.format(time) + "#" + slug;
    }

    private static Map<String, AttributeValue> image(LeadImage image) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        putIfPresent(map, "src", image.src());
        putIfPresent(map, "alt", image.alt());
        putIfPresent(map, "caption", image.caption());
        putIfPresent(map, "credit", image.credit());
        return map;
    }

    private static LeadImage image(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> map = value.m();
        return new LeadImage(string(map, "src"), string(map, "alt"), string(map, "caption"), string(map, "credit"));
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static List<String> strings(AttributeValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        if (value.hasSs()) {
            return value.ss();
        }
        return List.of();
    }

    private static Status status(String wireName) {
        return wireName == null ? Status.DRAFT : Status.fromWireName(wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown article status in item: " + wireName));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** A string attribute of an item, or null. */
    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value.toString()));
        }
    }
}
