package broadsheet.core.publish;

import java.time.Instant;
import java.util.List;

/** What a listing page shows of one article: enough to render a teaser without reading the article. */
public record ListingEntry(
        String slug,
        String section,
        String headline,
        String standfirst,
        Instant publishAt,
        Instant updatedAt,
        String imageSrc,
        String imageAlt,
        List<String> authors) {

    public ListingEntry {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
