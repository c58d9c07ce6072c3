package broadsheet.core.publish;

import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static broadsheet.core.TestArticles.published;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day that grows page by page is published a page or two at a time (the page before the new
 * entry's and the last), so no day page may show what only a later publish would know: every page
 * in the bucket (HTML pages and day sitemaps) is byte for byte the page rendered from the whole
 * day as it now is.
 */
class DayPagesStayCurrentTest {

    private static final SiteConfig SITE = SiteConfig.load();
    private static final Instant NOW = Instant.parse("2026-11-29T23:00:00Z");

    @Test
    void everyPageOfADayOfThreePagesPublishedOneArticleAtATimeIsThePageOfTheWholeDay() {
        InMemoryListingStore store = new InMemoryListingStore();
        InMemorySiteBucket bucket = new InMemorySiteBucket();
        MustachePages pages = new MustachePages(SITE);
        Publisher publisher = new Publisher(store, bucket, pages, Clock.fixed(NOW, ZoneOffset.UTC),
                SITE.sectionSlugs(), FrontSizes.of(SITE));
        int articles = 2 * pages.dayPageSize() + 1;
        for (int i = 0; i < articles; i++) {
            Article article = published("world", "story-" + i, Instant.parse("2026-11-29T08:00:00Z").plusSeconds(60L * i));
            publisher.apply(ArticleChange.created(article));
        }

        ListingId month = ListingId.sectionMonth("world", YearMonth.of(2026, 11));
        List<ListingEntry> day = store.day(month, LocalDate.of(2026, 11, 29));
        assertThat(day).hasSize(articles);
        List<RenderedPage> whole = pages.dayPages(month, LocalDate.of(2026, 11, 29), day, 0, day.size(), 1,
                Listings.pagesOf(day.size(), pages.dayPageSize()));
        assertThat(whole).filteredOn(page -> page.key().endsWith("index.html")).as("HTML pages of the day").hasSize(3);
        for (RenderedPage page : whole) {
            assertThat(new String(bucket.get(page.key()).orElseThrow().body(), java.nio.charset.StandardCharsets.UTF_8))
                    .as(page.key()).isEqualTo(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
