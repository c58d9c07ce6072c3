package broadsheet.lambda.stream;

import broadsheet.aws.ArticleItems;
import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import broadsheet.core.render.Pages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Priming;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The publisher's hot path on the sample article, with no store or bucket: the article as a
 * stream record is written and read back as event JSON, read from its item image, and rendered
 * with the production templates and Markdown renderer as its page, the home page (with feeds and
 * sitemap index), its section front and its month archive.
 */
final class PublisherPriming {

    private final Pages pages;
    private final ArticleValidator validator;
    private final Clock clock;

    PublisherPriming(SiteConfig site, Pages pages, Clock clock) {
        this.pages = pages;
        this.validator = new ArticleValidator(site);
        this.clock = clock;
    }

    /** The pages rendered; nothing is uploaded. */
    List<RenderedPage> prime() {
        Instant now = clock.instant();
        Article sample = Priming.sample(validator).withTimes(now, now).withPublishAt(now).withVersion(1);
        StreamEvent event = new StreamRecords("", 1).event(Map.of(), ArticleItems.toItem(sample));
        Article read = ChangeFeed.change(StreamEventJson.read(StreamEventJson.write(event)).records().get(0))
                .after().orElseThrow();
        Listing listing = new Listing(List.of(Listings.entryOf(read)), Map.of());
        List<RenderedPage> rendered = new ArrayList<>();
        rendered.add(pages.articlePage(read));
        rendered.addAll(pages.listingPages(ListingId.home(), listing));
        rendered.addAll(pages.listingPages(ListingId.sectionFront(read.section()), listing));
        rendered.addAll(pages.listingPages(Listings.monthListingOf(read), listing));
        return rendered;
    }
}
