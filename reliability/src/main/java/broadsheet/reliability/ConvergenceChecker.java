package broadsheet.reliability;

import broadsheet.aws.ArticleItems;
import broadsheet.aws.DynamoListingStore;
import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.listing.NewestKeys;
import broadsheet.core.listing.SiteListings;
import broadsheet.core.render.Pages;
import broadsheet.core.publish.SiteBucket;
import broadsheet.core.render.RenderedPage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the article table and lists the site bucket, computes what the site must be from the
 * live articles alone (with the core's own {@link Listings} functions and {@link Pages}), and
 * reports every way the stored listings and pages differ from it:
 * <ul>
 *   <li>each month listing (its entry items and its head's day counts) and front (its counts, and the
 *       keys of the entries its pages show) of
 *       every collection (section, author, tag) and home in the table equals the one computed from
 *       the live articles (listings that no live article needs any more must be empty); no month
 *       is left in the single-item form of an earlier release;</li>
 *   <li>every listing's pages, and the news sitemap, are in the bucket with exactly the bytes
 *       rendered from the computed listings;</li>
 *   <li>every live article has exactly its page (the bytes rendered from the stored article),
 *       and the bucket holds no other page except the fixed pages, {@code media/} objects and
 *       redirects left at the old keys of moved articles, which must lead to the live page
 *       (directly, or through the redirect at a later old key of an article moved twice).</li>
 * </ul>
 * A redirect left behind for an article that is no longer live (moved, then unpublished or
 * deleted) leads nowhere: the publisher removes those with the page, so one that is left is a
 * divergence (and is listed in {@link Report#danglingRedirects()} too). The table is read with a
 * strongly consistent scan; nothing is written.
 */
public final class ConvergenceChecker {

    /** What one check found: the articles of the table and every divergence, described in words. */
    public record Report(List<Article> articles, List<String> divergences, int pagesChecked,
                         List<String> danglingRedirects) {

        public List<Article> live(Instant now) {
            return articles.stream().filter(a -> a.isLive(now)).toList();
        }

        public boolean converged() {
            return divergences.isEmpty();
        }

        @Override
        public String toString() {
            return articles.size() + " articles, " + pagesChecked + " pages checked, " + danglingRedirects.size()
                    + " redirects of articles no longer live, " + divergences.size() + " divergences" + (divergences.isEmpty() ? "" : ":\n  " + String.join("\n  ",
                    divergences.subList(0, Math.min(40, divergences.size()))));
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SiteBucket bucket;
    private final Pages pages;
    private final List<String> sections;
    private final FrontSizes frontSizes;
    private final ListingCodec codec = new ListingCodec();

    /** Stands for the head of a month whose entry items exist without one. */
    private static final Listing MISSING_HEAD = new Listing(List.of(), Map.of("missing", 0));
    private static final java.util.regex.Pattern EMPTY_DAY_PAGE =
            java.util.regex.Pattern.compile(".*archive/\\d{4}/\\d{2}/\\d{2}/(\\d+/)?index\\.html");
    private static final String EMPTY_MARK = "<p class=\"empty\">";
    private static final java.util.regex.Pattern TAIL_SITEMAP =
            java.util.regex.Pattern.compile("sitemaps/[a-z0-9-]+/\\d{4}-\\d{2}-\\d{2}-\\d+\\.xml");

    /** A day page past the end of its day, or its sitemap: no entries, only the page itself. */
    private static boolean isEmptyTailPage(String key, String body) {
        if (EMPTY_DAY_PAGE.matcher(key).matches()) {
            return body.contains(EMPTY_MARK);
        }
        return TAIL_SITEMAP.matcher(key).matches() && body.split("<url>", -1).length == 2;
    }

    public ConvergenceChecker(DynamoDbClient dynamoDb, String table, SiteBucket bucket, Pages pages,
                              List<String> sections) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.bucket = bucket;
        this.pages = pages;
        this.sections = List.copyOf(sections);
        this.frontSizes = pages.frontSizes();
    }

    public Report check(Instant now) {
        List<Article> articles = new ArrayList<>();
        Map<ListingId, Listing> stored = new TreeMap<>();
        Map<ListingId, List<ListingEntry>> entryItems = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan()) {
            String pk = item.get("pk").s();
            if (ArticleItems.isArticle(item)) {
                articles.add(ArticleItems.fromItem(item));
            } else if (pk.startsWith(DynamoListingStore.PK_PREFIX)) {
                ListingId id = new ListingId(pk.substring(DynamoListingStore.PK_PREFIX.length()));
                if (item.get("sk").s().startsWith(DynamoListingStore.ENTRY_PREFIX)) {
                    entryItems.computeIfAbsent(id, k -> new ArrayList<>()).add(codec.decodeEntry(item.get("doc").s()));
                } else {
                    stored.put(id, codec.decode(item.get("doc").s()));
                }
            }
        }
        entryItems.keySet().forEach(id -> stored.putIfAbsent(id, MISSING_HEAD));
        List<Article> live = articles.stream().filter(a -> a.isLive(now)).toList();
        Map<ListingId, Listing> expected = SiteListings.of(live.stream().map(SiteListings.Listed::of).toList(),
                sections, frontSizes);
        List<String> divergences = new ArrayList<>();

        Set<ListingId> ids = new TreeSet<>(expected.keySet());
        ids.addAll(stored.keySet());
        Set<String> expectedKeys = new HashSet<>();
        pages.fixedPages().forEach(p -> expectedKeys.add(p.key()));
        if (!stored.containsKey(ListingId.home()) && !expected.containsKey(ListingId.home())) {
            // a site that never had a live article keeps the pages of an empty home (robots.txt among them)
            pages.listingPages(ListingId.home(), Listing.EMPTY).forEach(p -> expectedKeys.add(p.key()));
        }
        int checked = 0;
        for (ListingId id : ids) {
            Listing want = expected.getOrDefault(id, Listing.EMPTY);
            Listing item = stored.get(id);
            if (item == MISSING_HEAD) {
                divergences.add("month listing " + id + " has entry items but no head");
            } else if (item != null && !item.entries().isEmpty()) {
                divergences.add("listing " + id + " still holds entries itself (a month of an earlier release not "
                        + "converted, or a front or home storing entries)");
            }
            // How the table's items read as the listing in full: a month's entry items with its head's
            // days that hold entries; a front's counts (its entries are read from entry items); home's
            // counts are its section fronts' (it stores only the versions it read of them).
            Listing have = item == null ? null : id.kind().isMonth()
                    ? new Listing(Listings.monthView(entryItems.getOrDefault(id, List.of())).entries(),
                            Listings.nonEmptyHours(item))
                    : id.kind() == ListingId.Kind.HOME
                    ? new Listing(want.entries(), Listings.home(SiteListings.sectionFronts(stored, sections),
                            frontSizes.sectionFront()).monthCounts())
                    : new Listing(want.entries(), Listings.counts(item));
            if (item != null && id.kind().isFront() && !item.newest().equals(NewestKeys.stored(want.entries()))) {
                divergences.add("front " + id + " names other entries than its pages show: " + item.newest()
                        + ", live articles say " + NewestKeys.stored(want.entries()));
            }
            if (item != null && id.kind() == ListingId.Kind.HOME && !Listings.counts(item).isEmpty()) {
                divergences.add("home stores counts of its own (it should store only the section front versions it read)");
            }
            if (have == null) {
                if (!want.entries().isEmpty() || !want.monthCounts().isEmpty()) {
                    divergences.add("listing " + id + " is missing from the table");
                }
                if (!expected.containsKey(id)) {
                    continue;
                }
            } else if (!have.equals(want)) {
                divergences.add("listing " + id + " differs: table has " + describe(have) + ", live articles say "
                        + describe(want));
            }
            if (have == null && want.entries().isEmpty() && want.monthCounts().isEmpty()) {
                continue;
            }
            List<RenderedPage> wanted = new ArrayList<>(pages.allPages(id, want));
            if (item != null && id.kind().isMonth()) {
                // days emptied by removals keep a zero count in the head and an empty first page
                Listings.dayCounts(item).forEach((day, count) -> {
                    if (count == 0) {
                        wanted.addAll(pages.dayPages(id, day, List.of(), 0, 0, 1, 1));
                    }
                });
            }
            for (RenderedPage page : wanted) {
                expectedKeys.add(page.key());
                checked++;
                comparePage(page, "page of listing " + id, divergences);
            }
        }
        if (stored.containsKey(ListingId.home()) || expected.containsKey(ListingId.home())) {
            RenderedPage news = pages.newsSitemap(Listings.recent(SiteListings.sectionFronts(expected, sections).values(), now));
            expectedKeys.add(news.key());
            checked++;
            comparePage(news, "news sitemap", divergences);
        }
        Map<String, Article> liveBySlug = new TreeMap<>();
        live.forEach(a -> liveBySlug.put(a.slug(), a));
        for (Article article : live) {
            RenderedPage page = pages.articlePage(article);
            expectedKeys.add(page.key());
            checked++;
            comparePage(page, "page of article " + article.slug() + " v" + article.version(), divergences);
        }
        List<String> dangling = new ArrayList<>();
        for (String key : bucket.keys("")) {
            if (expectedKeys.contains(key) || key.startsWith("media/")) {
                continue;
            }
            var page = bucket.get(key);
            Optional<String> location = page.flatMap(SiteBucket.StoredPage::redirectLocation);
            if (location.isEmpty() && page.isPresent() && isEmptyTailPage(key,
                    new String(page.get().body(), java.nio.charset.StandardCharsets.UTF_8))) {
                continue; // a page past the end of a day that shrank (or its sitemap): left holding no entries
            }
            if (location.isEmpty()) {
                divergences.add("page " + key + " is in the bucket but no live article or listing needs it");
                continue;
            }
            // A redirect left at the old key of a moved article: it must lead to that article's live page.
            String[] parts = key.split("/");
            Article target = parts.length == 3 ? liveBySlug.get(parts[1]) : null;
            if (target == null) {
                dangling.add(key + " -> " + location.get());
                divergences.add("redirect " + key + " -> " + location.get() + " is left for an article that is no longer live");
            } else if (!leadsTo(location.get(), pages.articlePageKey(target.section(), target.slug()))) {
                divergences.add("redirect " + key + " leads to " + location.get() + ", not to the live page of " + target.slug());
            }
        }
        return new Report(List.copyOf(articles), List.copyOf(divergences), checked, List.copyOf(dangling));
    }

    /**
     * True when following redirects from {@code location} (a site path such as {@code /world/x/})
     * through the bucket reaches the page at {@code key}: an article moved twice leaves a redirect
     * to its second key, which itself redirects to the third.
     */
    private boolean leadsTo(String location, String key) {
        String at = location;
        for (int hop = 0; hop < 10; hop++) {
            String atKey = at.substring(1) + "index.html";
            if (atKey.equals(key)) {
                return true;
            }
            Optional<String> next = bucket.get(atKey).flatMap(SiteBucket.StoredPage::redirectLocation);
            if (next.isEmpty()) {
                return false;
            }
            at = next.get();
        }
        return false;
    }

    private void comparePage(RenderedPage want, String what, List<String> divergences) {
        var have = bucket.get(want.key());
        if (have.isEmpty()) {
            divergences.add(what + " (" + want.key() + ") is missing from the bucket");
        } else if (!Arrays.equals(have.get().body(), want.body())) {
            divergences.add(what + " (" + want.key() + ") is stale: the bucket's bytes differ from the rendering");
        }
    }

    private static String describe(Listing listing) {
        return listing.entries().stream().map(e -> e.slug()).toList() + " " + listing.monthCounts();
    }

    private Iterable<Map<String, AttributeValue>> scan() {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items();
    }

    /** Every item of the table, rendered as text in key order: for "nothing changed" comparisons. */
    public Map<String, String> tableSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan()) {
            snapshot.put(item.get("pk").s() + "|" + item.get("sk").s(), new TreeMap<>(item).toString());
        }
        return snapshot;
    }

    /** Every key of the bucket with its revision and content hash. */
    public Map<String, String> bucketSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        for (String key : bucket.keys("")) {
            bucket.get(key).ifPresent(p -> snapshot.put(key, p.revision() + " " + p.contentHash()));
        }
        return snapshot;
    }
}
