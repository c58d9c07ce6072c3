package broadsheet.core.listing;

import java.time.Instant;
import java.util.List;

/**
 * What a listing page shows of one article: enough to render a teaser without reading the
 * article. The tags name the article's tag pages (and give a tag page its display name).
 */
public record ListingEntry(
        String slug,
        String section,
        String headline,
        String standfirst,
        Instant publishAt,
        Instant updatedAt,
        String imageSrc,
        String imageAlt,
        List<String> authors,
        List<String> tags) {

    public ListingEntry {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An entry without tags (listing items written before tags were listed read this way too). */
    public ListingEntry(String slug, String section, String headline, String standfirst, Instant publishAt,
                        Instant updatedAt, String imageSrc, String imageAlt, List<String> authors) {
        this(slug, section, headline, standfirst, publishAt, updatedAt, imageSrc, imageAlt, authors, List.of());
    }
}
