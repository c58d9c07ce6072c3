package broadsheet.core.article;

import java.time.Instant;
import java.util.List;

/**
 * One article as Broadsheet stores it. The JSON names of the API are exactly these component
 * names; {@code url} is derived from the site layout and never stored.
 *
 * @param version   0 for an article not yet stored; the store sets 1 on create and +1 on update
 * @param publishAt when the article is (or is to be) published; null for a draft never published
 * @param createdBy the user who created the article (the token's {@code username}, else its
 *                  {@code sub}); set by the server at creation and kept on every update, never
 *                  taken from the request body; null for articles created before owners were kept
 */
public record Article(
        String section,
        String slug,
        String headline,
        String standfirst,
        String body,
        LeadImage image,
        List<String> authors,
        List<String> tags,
        String source,
        Status status,
        Instant publishAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String createdBy) {

    public Article {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An article without a recorded owner. */
    public Article(String section, String slug, String headline, String standfirst, String body, LeadImage image,
                   List<String> authors, List<String> tags, String source, Status status, Instant publishAt,
                   Instant createdAt, Instant updatedAt, long version) {
        this(section, slug, headline, standfirst, body, image, authors, tags, source, status, publishAt,
                createdAt, updatedAt, version, null);
    }

    /** True when readers may see the article now. */
    public boolean isLive(Instant now) {
        return status == Status.PUBLISHED && publishAt != null && !publishAt.isAfter(now);
    }

    public Article withVersion(long newVersion) {
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source,
                status, publishAt, createdAt, updatedAt, newVersion, createdBy);
    }

    public Article withStatus(Status newStatus) {
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source,
                newStatus, publishAt, createdAt, updatedAt, version, createdBy);
    }

    public Article withPublishAt(Instant newPublishAt) {
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source,
                status, newPublishAt, createdAt, updatedAt, version, createdBy);
    }

    public Article withTimes(Instant newCreatedAt, Instant newUpdatedAt) {
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source,
                status, publishAt, newCreatedAt, newUpdatedAt, version, createdBy);
    }

    public Article withCreatedBy(String newCreatedBy) {
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source,
                status, publishAt, createdAt, updatedAt, version, newCreatedBy);
    }

    /** True when {@code user} created this article (false when no owner was recorded). */
    public boolean isCreatedBy(String user) {
        return createdBy != null && createdBy.equals(user);
    }
}
