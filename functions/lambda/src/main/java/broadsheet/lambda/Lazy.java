package broadsheet.lambda;

import java.util.function.Supplier;

/**
 * A value built at its first use, once, then kept: what only some requests need (the S3 presigner
 * for media uploads, the templates for previews) stays out of a function's cold start.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    public Lazy(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = factory.get();
                    value = built;
                }
            }
        }
        return built;
    }
}
