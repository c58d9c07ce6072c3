package broadsheet.core.render;

/**
 * The revision a page is put with: the version the page was rendered from (article version or
 * listing version) in the high bits, the render generation (the templates and site config in
 * force, {@code "generation"} in {@code site.json}) in the low 31 bits. Revisions therefore order
 * by version first and by generation within one version:
 *
 * <ul>
 *   <li>a page of an older version never replaces a newer one, whatever templates rendered
 *       either (a slow publisher, or one still running the previous deploy, cannot bring back
 *       older content);</li>
 *   <li>a page re-rendered from the same version with a newer generation replaces the stored
 *       one, so a template change reaches the bucket.</li>
 * </ul>
 *
 * <p>Bounds: {@code 1 <= generation < 2^31} and {@code 0 <= version < 2^32}; the revision is then
 * a positive {@code long}. Both are checked.
 */
public final class PageRevision {

    static final long MAX_VERSION = (1L << 32) - 1;
    private static final long GENERATION_MASK = Integer.MAX_VALUE;

    private PageRevision() {
    }

    /** {@code version << 31 | generation}. */
    public static long of(int generation, long version) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1: " + generation);
        }
        if (version < 0 || version > MAX_VERSION) {
            throw new IllegalArgumentException("version must be 0..2^32-1: " + version);
        }
        return version << 31 | generation;
    }

    /** The render generation part of a revision. */
    public static int generation(long revision) {
        return (int) (revision & GENERATION_MASK);
    }

    /** The version part of a revision. */
    public static long version(long revision) {
        return revision >>> 31;
    }
}
