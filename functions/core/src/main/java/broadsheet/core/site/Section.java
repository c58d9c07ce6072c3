package broadsheet.core.site;

/** One section of the site: its URL slug ({@code world}) and its display title ({@code World}). */
public record Section(String slug, String title) {
}
