package broadsheet.bench;

import broadsheet.aws.ArticleItems;
import broadsheet.aws.DynamoListingStore;
import broadsheet.aws.S3SiteBucket;
import broadsheet.core.article.Article;
import broadsheet.core.listing.FrontSizes;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.NewestEntries;
import broadsheet.core.listing.SiteListings;
import broadsheet.core.render.PageRevision;
import broadsheet.core.render.MustachePages;
import broadsheet.core.render.RenderedPage;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Wiring;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts a site of N generated articles into a table and a bucket, as if every article had been
 * published one by one: the article items, the listing items (built in bulk with the publisher's
 * functions, see {@link Export#listings}) and every page (article pages and listing pages, at
 * the revisions a publisher of the site's render generation gives them, see {@link PageRevision}).
 * Writes run on a pool of threads; this is set-up, not measured.
 */
final class SiteSeeder {

    private final LocalAws aws;
    private final SiteConfig site;
    private final MustachePages pages;
    private final int threads;

    SiteSeeder(LocalAws aws, SiteConfig site, int threads) {
        this.aws = aws;
        this.site = site;
        this.pages = new MustachePages(site);
        this.threads = threads;
    }

    /** Articles, listings and every page. */
    void seed(String table, String bucket, List<Article> articles, boolean articlePages) {
        seed(table, bucket, articles, articlePages, true);
    }

    /** Articles and listings; article pages and listing pages only when asked. */
    void seed(String table, String bucket, List<Article> articles, boolean articlePages, boolean listingPages) {
        aws.createTableAndBucket(table, bucket);
        Wiring wiring = Wiring.builder(aws.dynamo, aws.s3, table, bucket).site(site).pages(pages).build();
        S3SiteBucket siteBucket = wiring.siteBucket();
        DynamoListingStore listings = wiring.listingStore();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int from = 0; from < articles.size(); from += 25) {
                List<Article> batch = articles.subList(from, Math.min(articles.size(), from + 25));
                work.add(pool.submit(() -> writeItems(table, batch)));
                if (articlePages) {
                    work.add(pool.submit(() -> batch.forEach(a -> siteBucket.put(pages.articlePage(a),
                            PageRevision.of(pages.generation(), a.version())))));
                }
            }
            List<SiteListings.Listed> live = articles.stream().map(SiteListings.Listed::of).toList();
            Map<ListingId, Listing> all = SiteListings.of(live, site.sectionSlugs(), FrontSizes.of(site));
            all.forEach((id, listing) -> work.add(pool.submit(() -> {
                // as the publisher stores them: a month as entry items and a head of day counts,
                // a front or home as its counts
                if (id.kind().isMonth()) {
                    listing.entries().forEach(entry -> listings.putEntry(id, entry));
                }
                Listing item = id.kind().isMonth() ? new Listing(List.of(), listing.monthCounts())
                        : NewestEntries.stored(id, listing);
                if (!listings.put(id, item, 0)) {
                    throw new IllegalStateException("listing " + id + " already exists in " + table);
                }
                if (listingPages) {
                    for (RenderedPage page : pages.allPages(id, listing)) {
                        siteBucket.put(page, PageRevision.of(pages.generation(), 1));
                    }
                }
            })));
            if (listingPages) {
                pages.fixedPages().forEach(page -> work.add(pool.submit(
                        () -> siteBucket.put(page, PageRevision.of(pages.generation(), 1)))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding " + table + " failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private void writeItems(String table, List<Article> batch) {
        List<WriteRequest> writes = batch.stream()
                .map(a -> WriteRequest.builder().putRequest(PutRequest.builder().item(ArticleItems.toItem(a)).build()).build())
                .toList();
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = aws.dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
