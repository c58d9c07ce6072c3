package broadsheet.core.listing;

import broadsheet.core.site.SiteConfig;

/**
 * Entries each front keeps: the newest entries its pages are cut from, so what a publish reads of
 * it and the keys it stores (docs/design-publishing.md, "What a front keeps"). Home and a section
 * front keep {@code sectionFront}: the section's page and feeds, and home's page, feeds and news
 * sitemap, which are made of the section fronts. An author or tag front keeps
 * {@code collectionFront}: its page alone shows them, as it has no feed.
 */
public record FrontSizes(int sectionFront, int collectionFront) {

    public FrontSizes {
        if (sectionFront < 1 || collectionFront < 1) {
            throw new IllegalArgumentException("front sizes must be positive: " + sectionFront + ", " + collectionFront);
        }
    }

    /** Every front keeps {@code size} entries. */
    public static FrontSizes of(int size) {
        return new FrontSizes(size, size);
    }

    /**
     * The site's: home and section fronts {@link SiteConfig#frontSize()} (a page and a feed), author
     * and tag fronts what their page shows, {@link SiteConfig#pageSize()}.
     */
    public static FrontSizes of(SiteConfig site) {
        return new FrontSizes(site.frontSize(), Math.min(site.pageSize(), site.frontSize()));
    }

    /** The entries {@code front} (home or a section, author or tag front) keeps. */
    public int of(ListingId front) {
        return switch (front.kind()) {
            case HOME, SECTION_FRONT -> sectionFront;
            case AUTHOR_FRONT, TAG_FRONT -> collectionFront;
            default -> throw new IllegalArgumentException("not a front: " + front);
        };
    }
}
