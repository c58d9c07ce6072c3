package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.render.RenderedPage;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a published site against what it must show for a set of live articles, computed here
 * from the articles alone: month listings, section fronts, home, and the pages in the bucket.
 */
final class SiteCheck {

    private static final Comparator<Article> NEWEST_FIRST =
            Comparator.comparing(Article::publishAt).reversed().thenComparing(Article::slug);

    private SiteCheck() {
    }

    static void assertConverged(InMemoryListingStore store, InMemorySiteBucket bucket, Pages pages,
                                Collection<Article> live, List<String> sections, int feedSize) {
        Map<ListingId, List<Article>> byMonth = live.stream().collect(Collectors.groupingBy(
                a -> ListingId.sectionMonth(a.section(), monthOf(a))));

        Map<String, Integer> timesListed = new HashMap<>();
        for (ListingId id : store.ids()) {
            if (id.kind() != ListingId.Kind.SECTION_MONTH) {
                continue;
            }
            Listing listing = store.get(id).orElseThrow().value();
            assertThat(listing.entries()).as("month listing %s", id)
                    .isEqualTo(entries(byMonth.getOrDefault(id, List.of()), Integer.MAX_VALUE));
            listing.entries().forEach(e -> timesListed.merge(e.slug(), 1, Integer::sum));
        }
        assertThat(timesListed).as("every live article is in exactly one month listing")
                .isEqualTo(live.stream().collect(Collectors.toMap(Article::slug, a -> 1)));

        for (String section : sections) {
            List<Article> ofSection = live.stream().filter(a -> a.section().equals(section)).toList();
            var front = store.get(ListingId.sectionFront(section));
            if (ofSection.isEmpty() && front.isEmpty()) {
                continue;
            }
            Listing listing = front.orElseThrow().value();
            assertThat(listing.entries()).as("front of %s", section).isEqualTo(entries(ofSection, feedSize));
            Map<String, Integer> counts = new TreeMap<>();
            ofSection.forEach(a -> counts.merge(monthOf(a).toString(), 1, Integer::sum));
            assertThat(listing.buckets()).as("month counts of %s", section).isEqualTo(counts);
        }

        Listing home = store.get(ListingId.home()).orElseThrow().value();
        assertThat(home.entries()).as("home").isEqualTo(entries(live, feedSize));
        Map<String, Integer> homeCounts = new TreeMap<>();
        live.forEach(a -> homeCounts.merge(a.section() + "/" + monthOf(a).toString(), 1, Integer::sum));
        assertThat(home.buckets()).as("home month counts").isEqualTo(homeCounts);

        assertPagesMatch(store, bucket, pages, live);
    }

    /** Every listing's pages are in the bucket as rendered from the stored listing; article pages are exactly the live ones. */
    static void assertPagesMatch(InMemoryListingStore store, InMemorySiteBucket bucket, Pages pages,
                                 Collection<Article> live) {
        Set<String> listingKeys = new HashSet<>();
        for (ListingId id : store.ids()) {
            for (RenderedPage page : pages.listingPages(id, store.get(id).orElseThrow().value())) {
                listingKeys.add(page.key());
                assertThat(bucket.get(page.key())).as("page %s of %s", page.key(), id).isPresent();
                assertThat(new String(bucket.get(page.key()).orElseThrow().body(), StandardCharsets.UTF_8))
                        .as("page %s of %s", page.key(), id).isEqualTo(page.text());
            }
        }
        Set<String> articleKeys = new HashSet<>(bucket.keys(""));
        articleKeys.removeAll(listingKeys);
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
