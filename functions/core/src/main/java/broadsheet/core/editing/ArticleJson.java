package broadsheet.core.editing;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;

import broadsheet.core.site.SiteLayout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API representation of articles: every field of {@link Article} under its own name, times
 * as ISO-8601 UTC instants, the status by its wire name, plus the derived public {@code url}.
 * Absent optional values are written as {@code null}. What this writes can be sent back to the
 * API unchanged: the server-set fields are ignored by {@link ArticleValidator}.
 */
public final class ArticleJson {

    private final SiteLayout layout;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public ArticleJson(SiteLayout layout) {
        this.layout = layout;
    }

    public byte[] write(Article article) {
        return mapper.writeValueAsBytes(node(article));
    }

    /** {@code {"articles": [...], "nextCursor": "..." | null}}. */
    public byte[] writeList(List<Article> articles, Optional<String> nextCursor) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("articles");
        articles.forEach(a -> list.add(node(a)));
        root.put("nextCursor", nextCursor.orElse(null));
        return mapper.writeValueAsBytes(root);
    }

    private ObjectNode node(Article a) {
        ObjectNode o = mapper.createObjectNode();
        o.put("section", a.section());
        o.put("slug", a.slug());
        o.put("headline", a.headline());
        o.put("standfirst", a.standfirst());
        o.put("body", a.body());
        if (a.image() == null) {
            o.putNull("image");
        } else {
            ObjectNode image = o.putObject("image");
            image.put("src", a.image().src());
            image.put("alt", a.image().alt());
            image.put("caption", a.image().caption());
            image.put("credit", a.image().credit());
        }
        ArrayNode authors = o.putArray("authors");
        a.authors().forEach(authors::add);
        ArrayNode tags = o.putArray("tags");
        a.tags().forEach(tags::add);
        o.put("source", a.source());
        o.put("status", a.status() == null ? null : a.status().wireName());
        o.put("publishAt", time(a.publishAt()));
        o.put("createdAt", time(a.createdAt()));
        o.put("updatedAt", time(a.updatedAt()));
        o.put("createdBy", a.createdBy());
        o.put("version", a.version());
        o.put("url", layout.articleUrl(a.section(), a.slug()));
        return o;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
