package broadsheet.core;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import broadsheet.core.site.SiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Shared test data: the packaged site config and the project's fixture articles. */
public final class Fixtures {

    private Fixtures() {
    }

    public static SiteConfig site() {
        return SiteConfig.load();
    }

    public static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The World fixture article, as the store would hand it to the publisher (version 3). */
    public static Article worldArticle() {
        Validated result = new ArticleValidator(site()).parse(resource("fixtures/world-article.json"));
        if (!(result instanceof Validated.Valid valid)) {
            throw new IllegalStateException("fixture is invalid: " + result);
        }
        return valid.article()
                .withTimes(Instant.parse("2026-11-28T17:05:00Z"), Instant.parse("2026-11-28T19:12:00Z"))
                .withVersion(3);
    }
}
