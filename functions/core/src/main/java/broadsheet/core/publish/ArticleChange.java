package broadsheet.core.publish;

import broadsheet.core.article.Article;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of one article, as the change feed reports it: the stored article before the write
 * and after it. Empty {@code before}: the article was created; empty {@code after}: it was deleted.
 */
public record ArticleChange(Optional<Article> before, Optional<Article> after) {

    public ArticleChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a change needs an article before or after it");
        }
    }

    public static ArticleChange created(Article article) {
        return new ArticleChange(Optional.empty(), Optional.of(article));
    }

    public static ArticleChange updated(Article before, Article after) {
        return new ArticleChange(Optional.of(before), Optional.of(after));
    }

    public static ArticleChange deleted(Article article) {
        return new ArticleChange(Optional.of(article), Optional.empty());
    }
}
