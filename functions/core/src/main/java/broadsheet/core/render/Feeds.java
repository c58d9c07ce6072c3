package broadsheet.core.render;

import broadsheet.core.text.Html;

import broadsheet.core.listing.ListingEntry;
import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static broadsheet.core.render.MustachePages.ATOM;
import static broadsheet.core.render.MustachePages.LISTING_CACHE;
import static broadsheet.core.render.MustachePages.RSS;
import static broadsheet.core.render.PageContext.blankToNull;
import static broadsheet.core.render.PageContext.first;
import static broadsheet.core.render.PageContext.firstNonNull;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * The site's and each section's Atom 1.0 ({@code pages/feed.mustache}, RFC 3339 times) and RSS 2.0
 * feeds ({@code pages/rss.mustache}, RFC 822 dates): the newest {@link SiteConfig#feedEntries()}
 * entries of a listing sorted newest first. A feed's own update time is the newest publish or
 * update time of its entries, so rendering needs no clock.
 */
final class Feeds {

    static final List<String> TEMPLATES = List.of("pages/feed.mustache", "pages/rss.mustache");

    /** RFC 822 dates for RSS, in GMT with a four-digit year. */
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PageContext context;
    private final SiteConfig config;
    private final SiteLayout layout;
    private final Mustache atomTemplate;
    private final Mustache rssTemplate;

    Feeds(PageContext context) {
        this.context = context;
        this.config = context.config();
        this.layout = context.layout();
        this.atomTemplate = context.template("pages/feed.mustache");
        this.rssTemplate = context.template("pages/rss.mustache");
    }

    RenderedPage siteAtom(List<ListingEntry> entries) {
        Views.AtomFeed feed = atom(config.name(), config.description(), layout.siteFeedUrl(), layout.homeUrl(),
                first(entries, config.feedEntries()));
        return rendered(layout.siteFeedKey(), ATOM, LISTING_CACHE, render(atomTemplate, feed));
    }

    RenderedPage sectionAtom(String slug, List<ListingEntry> entries) {
        Section section = context.section(slug);
        Views.AtomFeed feed = atom(context.titled(section.title()), null, layout.sectionFeedUrl(slug),
                layout.sectionFrontUrl(slug), first(entries, config.feedEntries()));
        return rendered(layout.sectionFeedKey(slug), ATOM, LISTING_CACHE, render(atomTemplate, feed));
    }

    RenderedPage siteRss(List<ListingEntry> entries) {
        Views.RssChannel channel = rss(config.name(), layout.homeUrl(), config.description(), layout.siteRssUrl(),
                first(entries, config.feedEntries()));
        return rendered(layout.siteRssKey(), RSS, LISTING_CACHE, render(rssTemplate, channel));
    }

    RenderedPage sectionRss(String slug, List<ListingEntry> entries) {
        Section section = context.section(slug);
        Views.RssChannel channel = rss(context.titled(section.title()), layout.sectionFrontUrl(slug),
                "The latest " + section.title() + " articles from " + config.name() + ".",
                layout.sectionRssUrl(slug), first(entries, config.feedEntries()));
        return rendered(layout.sectionRssKey(slug), RSS, LISTING_CACHE, render(rssTemplate, channel));
    }

    private Views.RssChannel rss(String title, String link, String description, String selfUrl,
                                 List<ListingEntry> entries) {
        List<Views.RssItem> items = new ArrayList<>();
        Instant lastBuild = Instant.EPOCH;
        for (ListingEntry e : entries) {
            Instant published = published(e);
            Instant updated = updated(e, published);
            if (updated.isAfter(lastBuild)) {
                lastBuild = updated;
            }
            String url = layout.articleUrl(e.section(), e.slug());
            items.add(new Views.RssItem(e.headline(), url, url, RFC_822.format(published),
                    // an RSS description is entity-encoded HTML, which readers render: the editor's
                    // text is escaped here as HTML, and the template escapes it once more for XML
                    Html.escape(blankToNull(e.standfirst())), e.authors(), context.sectionTitle(e.section())));
        }
        return new Views.RssChannel(title, link, description, config.language(), RFC_822.format(lastBuild), selfUrl,
                items);
    }

    private Views.AtomFeed atom(String title, String subtitle, String selfUrl, String alternateUrl,
                                List<ListingEntry> entries) {
        List<Views.AtomEntry> atomEntries = new ArrayList<>();
        Instant feedUpdated = Instant.EPOCH;
        for (ListingEntry e : entries) {
            Instant published = published(e);
            Instant updated = updated(e, published);
            if (updated.isAfter(feedUpdated)) {
                feedUpdated = updated;
            }
            String url = layout.articleUrl(e.section(), e.slug());
            atomEntries.add(new Views.AtomEntry(url, e.headline(), url, published.toString(), updated.toString(),
                    e.authors(), blankToNull(e.standfirst()),
                    new Views.Category(e.section(), context.sectionTitle(e.section()))));
        }
        return new Views.AtomFeed(config.language(), selfUrl, title, blankToNull(subtitle), feedUpdated.toString(),
                selfUrl, alternateUrl, config.name(), atomEntries);
    }

    private static Instant published(ListingEntry e) {
        return firstNonNull(e.publishAt(), e.updatedAt(), Instant.EPOCH);
    }

    private static Instant updated(ListingEntry e, Instant published) {
        return e.updatedAt() != null && e.updatedAt().isAfter(published) ? e.updatedAt() : published;
    }
}
