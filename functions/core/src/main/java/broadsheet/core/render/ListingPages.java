package broadsheet.core.render;

import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import broadsheet.core.text.Slugs;
import com.github.mustachejava.Mustache;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import static broadsheet.core.render.MustachePages.HTML;
import static broadsheet.core.render.MustachePages.LISTING_CACHE;
import static broadsheet.core.render.PageContext.blankToNull;
import static broadsheet.core.render.PageContext.first;
import static broadsheet.core.render.PageContext.htmlDateTime;
import static broadsheet.core.render.PageContext.parseMonth;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * The HTML listing pages, all from one template ({@code pages/listing.mustache}): the home page,
 * section, author and tag fronts (the newest {@link SiteConfig#pageSize()} entries and links to
 * every archive month in the listing's {@code buckets}, keyed {@code yyyy-MM}), their archive
 * months (the month's days with their counts) and archive days (the day's entries, split into
 * pages of {@link SiteConfig#pageSize()} numbered from the oldest). Entries arrive sorted newest first. Author and tag pages name the author or tag as the
 * newest entry spells it, and mark the listing with their variant ({@code listing-author},
 * {@code listing-tag}) on their fronts.
 */
final class ListingPages {

    static final List<String> TEMPLATES = List.of("pages/listing.mustache");

    private static final String EMPTY = "No articles have been published here yet.";

    private final PageContext context;
    private final SiteConfig config;
    private final SiteLayout layout;
    private final Mustache template;

    ListingPages(PageContext context) {
        this.context = context;
        this.config = context.config();
        this.layout = context.layout();
        this.template = context.template("pages/listing.mustache");
    }

    RenderedPage home(List<ListingEntry> entries) {
        Views.Head head = head(config.name(), config.description(), layout.homeUrl(),
                new Views.Feed(config.name(), layout.siteFeedUrl()));
        Views.ListingPage page = page(context.site(null), head, null, null, "Latest news", config.description(),
                teasers(first(entries, config.pageSize()), true), null);
        return rendered(layout.homeKey(), HTML, LISTING_CACHE, render(template, page));
    }

    RenderedPage sectionFront(String slug, List<ListingEntry> entries, Map<String, Integer> buckets) {
        Section section = context.section(slug);
        Views.Head head = head(context.titled(section.title()),
                "The latest " + section.title() + " articles from " + config.name() + ".",
                layout.sectionFrontUrl(slug), sectionFeed(section));
        Views.ListingPage page = page(context.site(slug), head,
                context.breadcrumb(new Views.Crumb(section.title(), null, true)), null, section.title(), null,
                teasers(first(entries, config.pageSize()), false),
                archive(month -> layout.archivePath(slug, month), buckets));
        return rendered(layout.sectionFrontKey(slug), HTML, LISTING_CACHE, render(template, page));
    }

    /** An author's or tag's front page. */
    RenderedPage collectionFront(ListingId.Collection collection, List<ListingEntry> entries,
                                 Map<String, Integer> buckets) {
        String name = displayName(collection, entries);
        boolean author = collection.type() == ListingId.Collection.Type.AUTHOR;
        String intro = author ? "Articles by " + name + "." : "Articles tagged \u201c" + name + "\u201d.";
        Views.Head head = head(context.titled(name), intro + " " + config.name(),
                layout.url(collectionFrontPath(collection)), siteFeed());
        Views.ListingPage page = page(context.site(null), head,
                context.breadcrumb(new Views.Crumb(name, null, true)), author ? "author" : "tag", name, intro,
                teasers(first(entries, config.pageSize()), true),
                archive(month -> collectionMonthPath(collection, month), buckets));
        String key = author ? layout.authorFrontKey(collection.slug()) : layout.tagFrontKey(collection.slug());
        return rendered(key, HTML, LISTING_CACHE, render(template, page));
    }

    /**
     * The archive page of a month of a section, author or tag: its days with entries, newest
     * first, each with its count and a link to its first day page (at most 31 links).
     */
    RenderedPage month(ListingId.Collection collection, YearMonth month, SortedMap<LocalDate, Integer> dayCounts) {
        Title title = title(collection, List.of());
        String label = context.month(month);
        String path = collectionMonthPath(collection, month);
        Views.Head head = head(context.titled(title.name() + ", " + label),
                title.describe() + " published in " + label + ".", layout.url(path), title.feed());
        List<Views.ArchiveLink> days = new ArrayList<>();
        dayCounts.forEach((day, count) -> {
            if (count > 0) {
                days.add(0, new Views.ArchiveLink(context.day(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        dayPath(path, day, 1), count));
            }
        });
        Views.ListingPage page = new Views.ListingPage(title.site(), head,
                context.breadcrumb(new Views.Crumb(title.name(), title.frontPath(), false),
                        new Views.Crumb(label, null, true)),
                null, title.name() + ": " + label, null, null, days.isEmpty() ? EMPTY : null,
                days.isEmpty() ? null : new Views.Archive("Days", days), null);
        return rendered(path.substring(1) + SiteLayout.INDEX, HTML, LISTING_CACHE, render(template, page));
    }

    /**
     * One page of an archive day: {@code entries} are the page's entries (newest first); pages
     * are numbered from the oldest, {@code /<dd>/} being page 1 and {@code /<dd>/<n>/} page n.
     */
    RenderedPage day(ListingId.Collection collection, YearMonth month, LocalDate day, List<ListingEntry> entries,
                     int pageNumber, int pages) {
        Title title = title(collection, entries);
        String monthLabel = context.month(month);
        String dayLabel = context.day(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        // No "of <pages>": a publish renders a day's last pages only, so an earlier page's count of
        // pages would stay as it was when that page was last rendered.
        String pageLabel = pages > 1 ? dayLabel + ", page " + pageNumber : dayLabel;
        String monthPath = collectionMonthPath(collection, month);
        String path = dayPath(monthPath, day, pageNumber);
        Views.Head head = head(context.titled(title.name() + ", " + pageLabel),
                title.describe() + " published on " + dayLabel + ".", layout.url(path), title.feed());
        Views.Pager pager = pages <= 1 ? null : new Views.Pager("Pages of " + dayLabel,
                pageNumber > 1 ? new Views.PagerLink("Earlier articles", dayPath(monthPath, day, pageNumber - 1)) : null,
                pageNumber < pages ? new Views.PagerLink("Later articles", dayPath(monthPath, day, pageNumber + 1)) : null);
        Views.ListingPage page = page(title.site(), head,
                context.breadcrumb(new Views.Crumb(title.name(), title.frontPath(), false),
                        new Views.Crumb(monthLabel, monthPath, false), new Views.Crumb(pageLabel, null, true)),
                null, title.name() + ": " + pageLabel, null,
                teasers(entries, collection.type() != ListingId.Collection.Type.SECTION), null, pager);
        return rendered(path.substring(1) + SiteLayout.INDEX, HTML, LISTING_CACHE, render(template, page));
    }

    /** The path of page {@code pageNumber} of a day under its month's archive path. */
    static String dayPath(String monthPath, LocalDate day, int pageNumber) {
        String dayPath = monthPath + SiteLayout.twoDigits(day.getDayOfMonth()) + "/";
        return pageNumber > 1 ? dayPath + pageNumber + "/" : dayPath;
    }

    /** How a month or day page of a collection names it. */
    private record Title(String name, String frontPath, String describe, Views.Site site, Views.Feed feed) {
    }

    private Title title(ListingId.Collection collection, List<ListingEntry> entries) {
        return switch (collection.type()) {
            case SECTION -> {
                Section section = context.section(collection.slug());
                yield new Title(section.title(), layout.sectionFrontPath(section.slug()),
                        section.title() + " articles", context.site(section.slug()), sectionFeed(section));
            }
            case AUTHOR -> {
                String name = displayName(collection, entries);
                yield new Title(name, collectionFrontPath(collection), "Articles by " + name, context.site(null),
                        siteFeed());
            }
            case TAG -> {
                String name = displayName(collection, entries);
                yield new Title(name, collectionFrontPath(collection), "Articles tagged \u201c" + name + "\u201d",
                        context.site(null), siteFeed());
            }
        };
    }

    private String collectionFrontPath(ListingId.Collection collection) {
        return collection.type() == ListingId.Collection.Type.AUTHOR ? layout.authorFrontPath(collection.slug())
                : layout.tagFrontPath(collection.slug());
    }

    private String collectionMonthPath(ListingId.Collection collection, YearMonth month) {
        return switch (collection.type()) {
            case SECTION -> layout.archivePath(collection.slug(), month);
            case AUTHOR -> layout.authorArchivePath(collection.slug(), month);
            case TAG -> layout.tagArchivePath(collection.slug(), month);
        };
    }

    /**
     * The name shown for an author or tag: as the newest entry spells it (entries carry names,
     * listing ids only slugs); the slug itself when the listing is empty.
     */
    private static String displayName(ListingId.Collection collection, List<ListingEntry> entries) {
        for (ListingEntry e : entries) {
            List<String> names = collection.type() == ListingId.Collection.Type.AUTHOR ? e.authors() : e.tags();
            for (String name : names) {
                if (Slugs.forName(name).equals(collection.slug())) {
                    return name;
                }
            }
        }
        return collection.slug();
    }

    private Views.Feed sectionFeed(Section section) {
        return new Views.Feed(context.titled(section.title()), layout.sectionFeedUrl(section.slug()));
    }

    private Views.Feed siteFeed() {
        return new Views.Feed(config.name(), layout.siteFeedUrl());
    }

    private Views.Head head(String title, String description, String url, Views.Feed feed) {
        return Views.Head.builder(title, description, config.name()).canonicalUrl(url).feed(feed).build();
    }

    private static Views.ListingPage page(Views.Site site, Views.Head head, Views.Breadcrumb breadcrumb,
                                          String variant, String heading, String intro, List<Views.Teaser> teasers,
                                          Views.Archive archive) {
        return page(site, head, breadcrumb, variant, heading, intro, teasers, archive, null);
    }

    private static Views.ListingPage page(Views.Site site, Views.Head head, Views.Breadcrumb breadcrumb,
                                          String variant, String heading, String intro, List<Views.Teaser> teasers,
                                          Views.Archive archive, Views.Pager pager) {
        return new Views.ListingPage(site, head, breadcrumb, variant, heading, blankToNull(intro),
                teasers.isEmpty() ? null : new Views.Teasers(teasers), teasers.isEmpty() ? EMPTY : null, archive,
                pager);
    }

    private List<Views.Teaser> teasers(List<ListingEntry> entries, boolean withSection) {
        List<Views.Teaser> teasers = new ArrayList<>(entries.size());
        for (ListingEntry e : entries) {
            Views.NavItem kicker = withSection
                    ? new Views.NavItem(context.sectionTitle(e.section()), layout.sectionFrontPath(e.section()), false)
                    : null;
            Views.Figure image = e.imageSrc() == null ? null
                    : new Views.Figure(layout.mediaUrl(e.imageSrc()), e.imageAlt() == null ? "" : e.imageAlt(), null);
            teasers.add(new Views.Teaser(e.headline(), layout.articlePath(e.section(), e.slug()),
                    blankToNull(e.standfirst()), byline(e.authors()), htmlDateTime(e.publishAt()),
                    e.publishAt() == null ? null : context.day(e.publishAt()), image, kicker));
        }
        return teasers;
    }

    /** The archive months in {@code buckets} ({@code yyyy-MM} to a count), newest first; null for none. */
    private Views.Archive archive(Function<YearMonth, String> pathOf, Map<String, Integer> buckets) {
        TreeMap<YearMonth, Integer> months = new TreeMap<>(Comparator.reverseOrder());
        buckets.forEach((key, count) -> {
            YearMonth month = parseMonth(key);
            if (month != null && count != null && count > 0) {
                months.put(month, count);
            }
        });
        if (months.isEmpty()) {
            return null;
        }
        List<Views.ArchiveLink> links = new ArrayList<>();
        months.forEach((month, count) ->
                links.add(new Views.ArchiveLink(context.month(month), pathOf.apply(month), count)));
        return new Views.Archive("Archive", links);
    }

    /** "Ann Smith", "Ann Smith and Bo Li", "Ann Smith, Bo Li and Cy Young"; null for none. */
    static String byline(List<String> authors) {
        if (authors == null || authors.isEmpty()) {
            return null;
        }
        if (authors.size() == 1) {
            return authors.get(0);
        }
        return String.join(", ", authors.subList(0, authors.size() - 1)) + " and " + authors.get(authors.size() - 1);
    }
}
