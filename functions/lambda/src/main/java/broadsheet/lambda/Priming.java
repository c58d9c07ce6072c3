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
 *
 * <p>Priming is an optimisation: a failure of the hot path (a throttled or unreachable table
 * while the version is published, say) is logged and the snapshot is taken without it, instead
 * of failing the publication of the function version.
 */
public final class Priming implements Resource {

    /** The sample article both functions prime with, in the JSON an editor sends. */
    static final String SAMPLE = "priming-article.json";

    private static final System.Logger LOG = System.getLogger(Priming.class.getName());

    private final Supplier<?> hotPath;
    private volatile Object last;

    public Priming(Supplier<?> hotPath) {
        this.hotPath = hotPath;
    }

    /** A priming registered with the global CRaC context; the caller keeps it (the context may hold it weakly). */
    public static Priming registered(Supplier<?> hotPath) {
        Priming priming = new Priming(hotPath);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            last = hotPath.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SnapStart priming failed; the snapshot is taken without it", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients, templates and the site config stay valid across a restore.
    }

    /** What the last successful priming produced (null before one), for tests. */
    public Object last() {
        return last;
    }

    /** The sample article as the validator reads it from the editor's JSON. */
    public static Article sample(ArticleValidator validator) {
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
