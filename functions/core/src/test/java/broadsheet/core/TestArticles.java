package broadsheet.core;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;

import java.time.Instant;
import java.util.List;

/** Articles for publisher tests. */
public final class TestArticles {

    private TestArticles() {
    }

    /** A published article at version 1. */
    public static Article published(String section, String slug, Instant publishAt) {
        return new Article(section, slug, "Headline of " + slug, "Standfirst of " + slug, "Body of " + slug,
                new LeadImage("media/" + slug + ".jpg", "Picture for " + slug, "Caption", "Credit"),
                List.of("Ann Smith"), List.of("news"), "Broadsheet", Status.PUBLISHED, publishAt,
                publishAt, publishAt, 1);
    }

    public static Article draft(String section, String slug) {
        return new Article(section, slug, "Draft " + slug, null, "Body", null, List.of(), List.of(), null,
                Status.DRAFT, null, null, null, 1);
    }

    /** The next stored version of an article with some of its fields changed. */
    public static Article next(Article a, String section, Instant publishAt, Status status) {
        return new Article(section, a.slug(), a.headline(), a.standfirst(), a.body(), a.image(), a.authors(),
                a.tags(), a.source(), status, publishAt, a.createdAt(), a.updatedAt(), a.version() + 1);
    }

    public static Article retitled(Article a, String headline) {
        return new Article(a.section(), a.slug(), headline, a.standfirst(), a.body(), a.image(), a.authors(),
                a.tags(), a.source(), a.status(), a.publishAt(), a.createdAt(), a.updatedAt(), a.version() + 1);
    }

    /** The same article with other authors and tags (same version). */
    public static Article withPeople(Article a, List<String> authors, List<String> tags) {
        return new Article(a.section(), a.slug(), a.headline(), a.standfirst(), a.body(), a.image(), authors,
                tags, a.source(), a.status(), a.publishAt(), a.createdAt(), a.updatedAt(), a.version());
    }
}
