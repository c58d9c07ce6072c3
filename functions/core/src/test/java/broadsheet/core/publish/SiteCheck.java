package broadsheet.core.publish;

import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.NewestKeys;
import broadsheet.core.render.Pages;

import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a published site against what it must show for a set of live articles, computed here
 * from the articles alone: month listings, section fronts, home, and the pages in the bucket.
 */
final class SiteCheck {

    private static final Comparator<Article> NEWEST_FIRST =
            Comparator.comparing(Article::publishAt).thenComparing(Article::slug).reversed();

    private SiteCheck() {
    }

    static void assertConverged(InMemoryListingStore store, InMemorySiteBucket bucket, Pages pages,
                                Collection<Article> live, List<String> sections, int feedSize) {
        assertConverged(store, bucket, pages, live, sections, FrontSizes.of(feedSize));
    }

    static void assertConverged(InMemoryListingStore store, InMemorySiteBucket bucket, Pages pages,
                                Collection<Article> live, List<String> sections, FrontSizes frontSizes) {
        // what the live articles alone say: every collection (section, author, tag) and its months
        Map<ListingId, List<Article>> byMonth = new HashMap<>();
        Map<ListingId, List<Article>> byFront = new HashMap<>();
        for (Article a : live) {
            for (ListingId.Collection c : Listings.collectionsOf(a)) {
                byMonth.computeIfAbsent(c.month(monthOf(a)), k -> new ArrayList<>()).add(a);
                byFront.computeIfAbsent(c.front(), k -> new ArrayList<>()).add(a);
            }
        }

        Map<String, Integer> timesInSectionMonths = new HashMap<>();
        for (ListingId id : store.ids()) {
            if (!id.kind().isMonth()) {
                continue;
            }
            Listing head = store.get(id).orElseThrow().value();
            List<ListingEntry> stored = new ArrayList<>(store.allEntries().getOrDefault(id, List.of()));
            java.util.Collections.reverse(stored);
            Listing listing = new Listing(stored, Map.of());
            List<ListingEntry> expected = entries(byMonth.getOrDefault(id, List.of()), Integer.MAX_VALUE);
            assertThat(listing.entries()).as("month listing %s", id).isEqualTo(expected);
            assertThat(Listings.nonEmptyHours(head)).as("hour counts of %s", id)
                    .isEqualTo(Listings.monthView(expected).monthCounts());
            if (id.kind() == ListingId.Kind.SECTION_MONTH) {
                listing.entries().forEach(e -> timesInSectionMonths.merge(e.slug(), 1, Integer::sum));
            }
        }
        assertThat(store.ids()).as("every month listing a live article belongs to").containsAll(byMonth.keySet());
        assertThat(store.ids()).as("every month listing holding entry items has a head")
                .containsAll(store.allEntries().keySet());
        assertThat(timesInSectionMonths).as("every live article is in exactly one section month listing")
                .isEqualTo(live.stream().collect(Collectors.toMap(Article::slug, a -> 1)));

        Set<ListingId> fronts = new TreeSet<>(byFront.keySet());
        store.ids().stream().filter(id -> id.kind().isFront()).forEach(fronts::add);
        for (ListingId id : fronts) {
            List<Article> members = byFront.getOrDefault(id, List.of());
            Listing stored = store.get(id).orElseThrow(() -> new AssertionError("no front " + id)).value();
            assertThat(stored.entries()).as("a front stores no entries: %s", id).isEmpty();
            int keeps = frontSizes.of(id);
            Listing listing = NewestEntries.front(store, id, stored, keeps);
            assertThat(listing.entries()).as("front %s", id).isEqualTo(entries(members, keeps));
            assertThat(stored.newest()).as("the keys front %s names", id)
                    .isEqualTo(NewestKeys.stored(entries(members, keeps)));
            Map<String, Integer> counts = new TreeMap<>();
            members.forEach(a -> counts.merge(monthOf(a).toString(), 1, Integer::sum));
            assertThat(Listings.counts(listing)).as("month counts of %s", id).isEqualTo(counts);
        }

        Listing storedHome = store.get(ListingId.home()).orElseThrow().value();
        assertThat(storedHome.entries()).as("home stores no entries").isEmpty();
        Listing home = NewestEntries.view(store, ListingId.home(), storedHome, sections, frontSizes);
        assertThat(home.entries()).as("home").isEqualTo(entries(live, frontSizes.sectionFront()));
        Map<String, Integer> homeCounts = new TreeMap<>();
        live.forEach(a -> homeCounts.merge(a.section() + "/" + monthOf(a).toString(), 1, Integer::sum));
        assertThat(Listings.counts(home)).as("home month counts").isEqualTo(homeCounts);

        assertPagesMatch(store, bucket, pages, live, sections, frontSizes);
    }

    /** Every listing's pages are in the bucket as rendered from the stored listing; article pages are exactly the live ones. */
    static void assertPagesMatch(InMemoryListingStore store, InMemorySiteBucket bucket, Pages pages,
                                 Collection<Article> live, List<String> sections, FrontSizes frontSizes) {
        Set<String> listingKeys = new HashSet<>();
        for (ListingId id : store.ids()) {
            Listing listing = store.get(id).orElseThrow().value();
            List<RenderedPage> rendered = new ArrayList<>(pages.listingPages(id,
                    NewestEntries.view(store, id, listing, sections, frontSizes)));
            if (id.kind().isMonth()) {
                Listings.dayCounts(listing).forEach((day, count) -> {
                    List<ListingEntry> entries = store.day(id, day);
                    assertThat(entries).as("day %s of %s", day, id).hasSize(count);
                    rendered.addAll(pages.dayPages(id, day, entries, 0, count, 1,
                            Listings.pagesOf(count, pages.dayPageSize())));
                });
            }
            for (RenderedPage page : rendered) {
                listingKeys.add(page.key());
                assertThat(bucket.get(page.key())).as("page %s of %s", page.key(), id).isPresent();
                assertThat(new String(bucket.get(page.key()).orElseThrow().body(), StandardCharsets.UTF_8))
                        .as("page %s of %s", page.key(), id).isEqualTo(page.text());
            }
        }
        Set<String> articleKeys = new HashSet<>(bucket.keys(""));
        articleKeys.removeAll(listingKeys);
        // pages past the end of a day that shrank: left holding no entries
        articleKeys.removeIf(key -> key.contains("archive/") && bucket.get(key).orElseThrow().body().length == 0);
        articleKeys.remove(pages.newsSitemap(List.of()).key());
        Map<String, Article> liveBySlug = live.stream().collect(Collectors.toMap(Article::slug, a -> a));
        for (String key : List.copyOf(articleKeys)) {
            var redirect = bucket.get(key).orElseThrow().redirectLocation();
            if (redirect.isEmpty()) {
                continue;
            }
            articleKeys.remove(key);
            String slug = key.split("/")[1];
            assertThat(redirect.get()).as("redirect at %s", key).endsWith("/" + slug + "/");
            Article target = liveBySlug.get(slug);
            if (target != null) {
                assertThat(redirect.get()).as("redirect at %s leads to the live page", key)
                        .isEqualTo("/" + target.section() + "/" + slug + "/");
            }
        }
        assertThat(articleKeys).as("article pages")
                .isEqualTo(live.stream().map(a -> pages.articlePageKey(a.section(), a.slug())).collect(Collectors.toSet()));
        for (Article article : live) {
            RenderedPage page = pages.articlePage(article);
            assertThat(new String(bucket.get(page.key()).orElseThrow().body(), StandardCharsets.UTF_8))
                    .as("article page %s", page.key()).isEqualTo(page.text());
        }
    }

    private static List<ListingEntry> entries(Collection<Article> articles, int limit) {
        return articles.stream().sorted(NEWEST_FIRST).limit(limit).map(Listings::entryOf).toList();
    }

    private static YearMonth monthOf(Article a) {
        return YearMonth.from(a.publishAt().atZone(ZoneOffset.UTC));
    }
}
