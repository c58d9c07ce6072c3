package broadsheet.aws;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.SiteListings;
import broadsheet.core.publish.ArticleChange;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Months far past what one DynamoDB item could hold, on dynalite: 5,000 articles in one section
 * month whose listed fields are at the validator's maximum lengths (7 KB an entry with one author
 * and tag, 14 KB with ten and twenty; about 36 MB of entries in the month, where one item stops at
 * 400 KB), and 5,000 articles in one tag month.
 * The first {@value #SEEDED} of each are stored as the publisher leaves them (entry items, heads,
 * fronts, home and their pages, like {@code SiteSeeder}: publishing them one by one would take
 * dynalite too long for the build); the last {@value #PUBLISHED} are then published into those
 * full months by eight publishers at once. Every publish must succeed (a failure would be retried
 * by the change feed and, in the end, dead-lettered), and every article must then be on exactly
 * one page of its day, which the month page links to with its count. Pages go to an in-memory
 * bucket: the listings are what this test is about.
 */
class ListingScaleIntegrationTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    private static final int ARTICLES = 5_000;
    private static final int PUBLISHED = 200;
    private static final int SEEDED = ARTICLES - PUBLISHED;
    private static final int PUBLISHERS = 8;
    /** The authors and tags besides author 0 and tag 0 that the published articles name, nine and nineteen each. */
    private static final int AUTHOR_POOL = 12;
    private static final int TAG_POOL = 24;
    private static final Instant FIRST = Instant.parse("2026-11-01T00:00:00Z");
    /** 5,000 articles over the 30 days of November: one every 8 minutes 38 seconds. */
    private static final Duration EVERY = Duration.ofSeconds(30L * 24 * 3600 / ARTICLES);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final SiteConfig SITE = SiteConfig.load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSectionMonthOfFiveThousandArticlesAtTheValidatorsMaximaListsEveryArticleOnItsDayPage() throws Exception {
        ArticleValidator validator = new ArticleValidator(SITE);
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            articles.add(atMaxima(validator, i));
        }
        assertThat(entryBytes(articles.get(0))).as("an entry at the maxima, one author and tag").isGreaterThan(6_000);
        Article last = articles.get(ARTICLES - 1);
        assertThat(last.authors()).hasSize(ArticleValidator.MAX_AUTHORS);
        assertThat(last.tags()).hasSize(ArticleValidator.MAX_TAGS);
        assertThat(entryBytes(last)).as("an entry at the maxima, ten authors and twenty tags").isGreaterThan(13_000);

        Published site = publish(articles);

        assertEveryArticleOnItsDayPage(site, ListingId.Collection.section("world"), articles);
        assertEveryArticleOnItsDayPage(site, ListingId.Collection.tag(tagSlug(0)), articles);
        assertEveryArticleOnItsDayPage(site, ListingId.Collection.author(authorSlug(0)), articles);
        // The collections only the published articles name: every one of them listed too.
        List<Article> published = articles.subList(SEEDED, ARTICLES);
        for (int a = 1; a <= AUTHOR_POOL; a++) {
            String name = authorName(a);
            assertEveryArticleOnItsDayPage(site, ListingId.Collection.author(authorSlug(a)),
                    published.stream().filter(article -> article.authors().contains(name)).toList());
        }
        for (int t = 1; t <= TAG_POOL; t++) {
            String name = tagName(t);
            assertEveryArticleOnItsDayPage(site, ListingId.Collection.tag(tagSlug(t)),
                    published.stream().filter(article -> article.tags().contains(name)).toList());
        }
    }

    private static int entryBytes(Article article) {
        return JSON.writeValueAsString(Listings.entryOf(article)).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aTagWithFiveThousandArticlesInAMonthListsEveryArticleOnItsDayPage() throws Exception {
        List<Article> articles = new ArrayList<>();
        List<String> sections = SITE.sectionSlugs();
        for (int i = 0; i < ARTICLES; i++) {
            Instant at = FIRST.plus(EVERY.multipliedBy(i));
            articles.add(new Article(sections.get(i % sections.size()), "tagged-" + i, "Tagged story " + i,
                    "Standfirst " + i, "Body " + i + ".", null, List.of("Desk " + i % 7), List.of("Elections"), null,
                    broadsheet.core.article.Status.PUBLISHED, at, at, at, 1));
        }

        Published site = publish(articles);

        assertEveryArticleOnItsDayPage(site, ListingId.Collection.tag("elections"), articles);
    }

    private record Published(ListingStore listings, InMemorySiteBucket bucket) {
    }

    /**
     * Stores the first {@link #SEEDED} articles' listings and pages as the publisher leaves them,
     * then publishes the rest, eight publishers at once, each in publish-time order; no publish may
     * fail.
     */
    private static Published publish(List<Article> articles) throws Exception {
        DynamoListingStore listings = new DynamoListingStore(AWS.dynamoDb(), AWS.tableName());
        InMemorySiteBucket bucket = new InMemorySiteBucket();
        MustachePages pages = new MustachePages(SITE);
        seed(listings, bucket, pages, articles.subList(0, SEEDED));
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                Publisher publisher = new Publisher(listings, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC),
                        SITE.sectionSlugs(), FrontSizes.of(SITE));
                int first = SEEDED + p;
                work.add(pool.submit(() -> {
                    for (int i = first; i < articles.size(); i += PUBLISHERS) {
                        try {
                            publisher.apply(ArticleChange.created(articles.get(i)));
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures.get()).as("publishes that failed (the change feed would retry, then dead-letter them)")
                .isZero();
        return new Published(listings, bucket);
    }

    /** The listings and pages of {@code articles} as the publisher leaves them (entry items written 25 a request). */
    private static void seed(DynamoListingStore listings, InMemorySiteBucket bucket, MustachePages pages,
                             List<Article> articles) {
        ListingCodec codec = new ListingCodec();
        Map<ListingId, Listing> all = SiteListings.of(articles.stream().map(SiteListings.Listed::of).toList(),
                SITE.sectionSlugs(), FrontSizes.of(SITE));
        all.forEach((id, listing) -> {
            if (id.kind().isMonth()) {
                List<WriteRequest> writes = new ArrayList<>();
                for (ListingEntry e : listing.entries()) {
                    Map<String, AttributeValue> item = new HashMap<>(DynamoListingStore.entryKey(id, e.publishAt(), e.slug()));
                    item.put("doc", AttributeValue.fromS(codec.encodeEntry(e)));
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                }
                for (int from = 0; from < writes.size(); from += 25) {
                    Map<String, List<WriteRequest>> pending =
                            Map.of(AWS.tableName(), writes.subList(from, Math.min(writes.size(), from + 25)));
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = AWS.dynamoDb().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                }
            }
            Listing item = id.kind().isMonth() ? new Listing(List.of(), listing.monthCounts())
                    : NewestEntries.stored(id, listing);
            assertThat(listings.put(id, item, 0)).isTrue();
            for (RenderedPage page : pages.allPages(id, listing)) {
                bucket.put(page, PageRevision.of(pages.generation(), 1));
            }
        });
    }

    /**
     * The month page links to every day with articles, with its count; the pages of each day hold
     * the day's articles, each once, at most a page size each, and the count of the head equals
     * the number of articles.
     */
    private static void assertEveryArticleOnItsDayPage(Published site, ListingId.Collection collection,
                                                       List<Article> articles) {
        YearMonth november = YearMonth.of(2026, 11);
        ListingId month = collection.month(november);
        assertThat(site.listings().get(month).orElseThrow().value().entries()).as("a head holds no entries").isEmpty();
        assertThat(Listings.total(site.listings().get(month).orElseThrow().value())).isEqualTo(articles.size());

        String monthPath = "/" + collection.type().prefix() + "/" + collection.slug() + "/archive/2026/11/";
        if (collection.type() == ListingId.Collection.Type.SECTION) {
            monthPath = "/" + collection.slug() + "/archive/2026/11/";
        }
        String monthPage = page(site.bucket(), monthPath.substring(1) + "index.html");
        Map<String, Integer> days = new HashMap<>();
        Matcher link = Pattern.compile("href=\"" + Pattern.quote(monthPath) + "(\\d{2})/\">[^<]*</a> "
                + "<span class=\"count\">\\((\\d+)\\)</span>").matcher(monthPage);
        while (link.find()) {
            days.put(link.group(1), Integer.parseInt(link.group(2)));
        }
        assertThat(days.keySet()).isEqualTo(articles.stream()
                .map(a -> String.format("%02d", a.publishAt().atZone(ZoneOffset.UTC).getDayOfMonth()))
                .collect(Collectors.toSet()));
        assertThat(days.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(articles.size());

        Set<String> listed = new TreeSet<>();
        Pattern article = Pattern.compile("<h2><a href=\"/[a-z-]+/([a-z0-9-]+)/\">");
        for (Map.Entry<String, Integer> day : days.entrySet()) {
            int pagesOfDay = Listings.pagesOf(day.getValue(), SITE.pageSize());
            int onDay = 0;
            for (int n = 1; n <= pagesOfDay; n++) {
                String key = monthPath.substring(1) + day.getKey() + "/" + (n > 1 ? n + "/" : "") + "index.html";
                Matcher m = article.matcher(page(site.bucket(), key));
                int onPage = 0;
                while (m.find()) {
                    assertThat(listed.add(m.group(1))).as("%s listed once", m.group(1)).isTrue();
                    onPage++;
                }
                assertThat(onPage).as(key).isBetween(1, SITE.pageSize());
                onDay += onPage;
            }
            assertThat(onDay).as("day %s", day.getKey()).isEqualTo(day.getValue());
            String past = monthPath.substring(1) + day.getKey() + "/" + (pagesOfDay + 1) + "/index.html";
            assertThat(site.bucket().get(past)).as("no page past the end of day %s", day.getKey()).isEmpty();
        }
        assertThat(listed).isEqualTo(new TreeSet<>(articles.stream().map(Article::slug).toList()));
        String someDay = new TreeSet<>(days.keySet()).first();
        assertThat(site.listings().day(month, november.atDay(Integer.parseInt(someDay)))).hasSize(days.get(someDay));
    }

    private static String page(InMemorySiteBucket bucket, String key) {
        return new String(bucket.get(key).orElseThrow(() -> new AssertionError("no page " + key)).body(),
                StandardCharsets.UTF_8);
    }

    /**
     * Article {@code i} with every field a listing keeps at the validator's maximum length in code
     * points, most of them four-byte characters: headline, standfirst, image source and alt text,
     * authors and tags. Every article names author 0 and tag 0, so their months hold all 5,000. The
     * {@value #PUBLISHED} published ones name as many authors and tags as the validator allows, the
     * others from pools of {@value #AUTHOR_POOL} and {@value #TAG_POOL} (a running story with many
     * desks on it), so each of those publishes is 31 collections' work, raced by eight publishers
     * on the same collections; the seeded ones name one each (31 × 4,800 entry items of 14 KB would
     * take dynalite too long to seed). Parsed by the validator, so the maxima are the validator's own.
     */
    private static Article atMaxima(ArticleValidator validator, int i) {
        String slug = ("story-" + i + "-").concat("x".repeat(80)).substring(0, 80);
        ObjectNode json = JSON.createObjectNode();
        json.put("section", "world");
        json.put("slug", slug);
        json.put("headline", Fixtures.text("Headline " + i + " ", ArticleValidator.MAX_HEADLINE));
        json.put("standfirst", Fixtures.text("Standfirst " + i + " ", ArticleValidator.MAX_STANDFIRST));
        json.put("body", "Body of story " + i + ".");
        ObjectNode image = json.putObject("image");
        image.put("src", ("media/2026/11/" + i + "-").concat("a".repeat(ArticleValidator.MAX_SRC))
                .substring(0, ArticleValidator.MAX_SRC));
        image.put("alt", Fixtures.text("Alt " + i + " ", ArticleValidator.MAX_ALT));
        var authors = json.putArray("authors").add(authorName(0));
        var tags = json.putArray("tags").add(tagName(0));
        if (i >= SEEDED) {
            for (int k = 0; k < ArticleValidator.MAX_AUTHORS - 1; k++) {
                authors.add(authorName(1 + (i + k) % AUTHOR_POOL));
            }
            for (int k = 0; k < ArticleValidator.MAX_TAGS - 1; k++) {
                tags.add(tagName(1 + (i + k) % TAG_POOL));
            }
        }
        json.put("status", "published");
        json.put("publishAt", FIRST.plus(EVERY.multipliedBy(i)).toString());
        Validated validated = validator.parse(JSON.writeValueAsBytes(json));
        assertThat(validated).as("article %d is valid", i).isInstanceOf(Validated.Valid.class);
        Article article = ((Validated.Valid) validated).article();
        Instant at = article.publishAt();
        return article.withTimes(at, at).withVersion(1);
    }

    private static String tagName(int t) {
        return Fixtures.text("Tag " + t + " ", ArticleValidator.MAX_TAG);
    }

    private static String authorName(int a) {
        return Fixtures.text("Author " + a + " ", ArticleValidator.MAX_AUTHOR);
    }

    private static String authorSlug(int a) {
        return broadsheet.core.text.Slugs.forName(authorName(a));
    }

    private static String tagSlug(int t) {
        return broadsheet.core.text.Slugs.forName(tagName(t));
    }
}
