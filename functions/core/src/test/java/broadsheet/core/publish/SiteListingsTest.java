package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.SiteListings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static broadsheet.core.TestArticles.published;
import static broadsheet.core.TestArticles.withPeople;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listings computed at once from the live articles are the listings the publisher leaves
 * after publishing the same articles one by one: the export renders from the one, the
 * convergence check compares the other with it.
 */
class SiteListingsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<String> SECTIONS = List.of("world", "business", "sport");
    private static final int FRONT_SIZE = 5;

    @Test
    void computesTheListingsThePublisherLeavesAfterPublishingEachArticle() {
        List<Article> live = new ArrayList<>(); // the last few are due after NOW: neither side lists them
        Instant first = Instant.parse("2026-09-20T06:00:00Z");
        for (int i = 0; i < 60; i++) {
            Article article = published(SECTIONS.get(i % 3), "story-" + i, first.plus(Duration.ofHours(37L * i)));
            live.add(withPeople(article, List.of("Desk " + i % 4, "Ann Smith"), List.of("tag " + i % 5)));
        }
        InMemoryListingStore store = new InMemoryListingStore();
        Publisher publisher = new Publisher(store, new InMemorySiteBucket(), new TextPages(),
                Clock.fixed(NOW, ZoneOffset.UTC), SECTIONS, FrontSizes.of(FRONT_SIZE));
        live.forEach(article -> publisher.apply(ArticleChange.created(article)));

        Map<ListingId, Listing> published = new TreeMap<>();
        store.ids().forEach(id -> {
            Listing stored = store.get(id).orElseThrow().value();
            if (id.kind().isMonth()) {
                assertThat(stored.entries()).as("a month head holds no entries").isEmpty();
                stored = broadsheet.core.listing.Listings.monthView(store.allEntries().getOrDefault(id, List.of()));
            } else {
                assertThat(stored.entries()).as("fronts and home store no entries").isEmpty();
                Listing view = broadsheet.core.listing.NewestEntries.view(store, id, stored, SECTIONS, FrontSizes.of(FRONT_SIZE));
                stored = new Listing(view.entries(), broadsheet.core.listing.Listings.counts(view));
            }
            published.put(id, stored);
        });
        Map<ListingId, Listing> computed = new TreeMap<>(
                SiteListings.of(live.stream().filter(a -> a.isLive(NOW)).map(SiteListings.Listed::of).toList(),
                        SECTIONS, FrontSizes.of(FRONT_SIZE)));

        assertThat(computed.keySet()).containsExactlyElementsOf(published.keySet());
        assertThat(computed).containsExactlyEntriesOf(published);
        assertThat(computed.get(ListingId.home()).entries()).hasSize(FRONT_SIZE);
    }

    @Test
    void aSiteWithoutLiveArticlesHasNoListings() {
        assertThat(SiteListings.of(List.of(), SECTIONS, FrontSizes.of(FRONT_SIZE))).isEmpty();
    }
}
