package broadsheet.core.article;

/** The lead image of an article: {@code src} is an http(s) URL or a relative media key. */
public record LeadImage(String src, String alt, String caption, String credit) {
}
