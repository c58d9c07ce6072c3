package broadsheet.lambda;

import broadsheet.core.article.Article;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.article.Validated;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * SnapStart priming: a CRaC {@link Resource} whose {@code beforeCheckpoint} runs a function's hot
 * path once on a sample article, so that the classes it needs are loaded and initialised in the
 * snapshot instead of during the first request after a restore. The hot path must have no effect
 * on real data (no store or bucket writes). Registered by the handlers' production constructors;
 * without a CRaC-capable JVM (or SnapStart) the hook is never called.
 */
final class Priming implements Resource {

    /** The sample article both functions prime with, in the JSON an editor sends. */
    static final String SAMPLE = "priming-article.json";

    private final Supplier<?> hotPath;
    private volatile Object last;

    Priming(Supplier<?> hotPath) {
        this.hotPath = hotPath;
    }

    /** A priming registered with the global CRaC context; the caller keeps it (the context may hold it weakly). */
    static Priming registered(Supplier<?> hotPath) {
        Priming priming = new Priming(hotPath);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        last = hotPath.get();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients, templates and the site config stay valid across a restore.
    }

    /** What the last priming produced, for tests. */
    Object last() {
        return last;
    }

    /** The sample article as the validator reads it from the editor's JSON. */
    static Article sample(ArticleValidator validator) {
        byte[] json;
        try (InputStream in = Priming.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is not on the classpath");
            }
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(validator.parse(json) instanceof Validated.Valid valid)) {
            throw new IllegalStateException("the priming sample article is not valid");
        }
        return valid.article();
    }
}
