package broadsheet.core.listing;

import broadsheet.core.article.Article;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Every listing of a site computed at once from its live articles, as the publisher leaves them
 * after publishing each article one by one: one listing per collection (section, author, tag) and
 * month with entries, one front per collection with entries, and home over the site's sections.
 * A month listing is given in full ({@link Listings#monthView}): all its entries, newest first,
 * with its head's day counts.
 * The whole-site export renders from it, and the convergence check compares the stored listings
 * with it.
 */
public final class SiteListings {

    /** What the listings need of one live article: its entry and the collections it is listed in. */
    public record Listed(ListingEntry entry, SortedSet<ListingId.Collection> collections) {

        public static Listed of(Article article) {
            return new Listed(Listings.entryOf(article), Listings.collectionsOf(article));
        }
    }

    private SiteListings() {
    }

    /**
     * Every listing the {@code live} articles call for; home only when there is at least one.
     *
     * @param sections   the site's sections, whose fronts make up home
     * @param frontSizes entries each front and home keep
     */
    public static Map<ListingId, Listing> of(Iterable<Listed> live, List<String> sections, FrontSizes frontSizes) {
        Map<ListingId.Collection, Map<YearMonth, List<ListingEntry>>> byCollection = new TreeMap<>();
        for (Listed listed : live) {
            YearMonth month = Listings.monthOf(listed.entry().publishAt());
            for (ListingId.Collection collection : listed.collections()) {
                byCollection.computeIfAbsent(collection, c -> new TreeMap<>(Comparator.reverseOrder()))
                        .computeIfAbsent(month, m -> new ArrayList<>())
                        .add(listed.entry());
            }
        }
        Map<ListingId, Listing> listings = new LinkedHashMap<>();
        byCollection.forEach((collection, months) -> {
            Map<YearMonth, Listing> monthListings = new LinkedHashMap<>();
            months.forEach((month, entries) -> {
                Listing listing = Listings.monthView(entries);
                monthListings.put(month, listing);
                listings.put(collection.month(month), listing);
            });
            listings.put(collection.front(),
                    Listings.front(Listing.EMPTY, monthListings, frontSizes.of(collection.front())));
        });
        if (!byCollection.isEmpty()) {
            listings.put(ListingId.home(),
                    Listings.home(sectionFronts(listings, sections), frontSizes.of(ListingId.home())));
        }
        return listings;
    }

    /** The fronts of the given sections that have articles, in that order, as the publisher reads them for home. */
    public static Map<String, Listing> sectionFronts(Map<ListingId, Listing> listings, List<String> sections) {
        Map<String, Listing> fronts = new LinkedHashMap<>();
        for (String section : sections) {
            Listing front = listings.get(ListingId.sectionFront(section));
            if (front != null) {
                fronts.put(section, front);
            }
        }
        return fronts;
    }
}
