package broadsheet.lambda.stream;

import broadsheet.core.MovableClock;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.InMemoryListingStore;
import broadsheet.core.publish.InMemorySiteBucket;
import broadsheet.core.publish.Publisher;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Priming;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's SnapStart hook renders the sample article and its listings and writes nothing. */
class PublisherPrimingTest {

    private static final String HEADLINE = "Sample: harbour talks resume after a week of delays";

    private final SiteConfig site = SiteConfig.load();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T13:00:00Z"));

    @Test
    void publisherPrimingRendersTheArticleAndItsListingsAndUploadsNothing() {
        InMemorySiteBucket bucket = new InMemorySiteBucket();
        InMemoryListingStore listings = new InMemoryListingStore();
        MustachePages pages = new MustachePages(site);
        // as in production: the publisher and its priming share the pages
        new Publisher(listings, bucket, pages, clock, site.sectionSlugs(), FrontSizes.of(site));
        Priming priming = new Priming(new PublisherPriming(site, pages, clock)::prime);

        priming.beforeCheckpoint(null);

        @SuppressWarnings("unchecked")
        List<RenderedPage> rendered = (List<RenderedPage>) priming.last();
        assertThat(rendered).extracting(RenderedPage::key).contains("world/snapstart-priming-sample/index.html",
                "index.html", "world/index.html", "world/archive/2026/11/index.html", "sitemaps/world/2026-11.xml");
        assertThat(new String(rendered.get(0).body(), StandardCharsets.UTF_8))
                .contains(HEADLINE, "<em>Tuesday</em>", "<strong>two questions</strong>");
        assertThat(bucket.puts()).isZero();
        assertThat(listings.ids()).isEmpty();
    }
}
