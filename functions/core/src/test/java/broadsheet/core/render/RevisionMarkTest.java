package broadsheet.core.render;

import broadsheet.core.Fixtures;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionMarkTest {

    private static String mark(String contentType, long revision) {
        return new String(RevisionMark.of(contentType, revision), StandardCharsets.US_ASCII);
    }

    @Test
    void marksEachTypeOfPageInItsOwnCommentSyntax() {
        assertThat(mark(MustachePages.HTML, 12)).isEqualTo("\n<!-- revision 12 -->\n");
        assertThat(mark(MustachePages.ATOM, 12)).isEqualTo("\n<!-- revision 12 -->\n");
        assertThat(mark(MustachePages.RSS, 12)).isEqualTo("\n<!-- revision 12 -->\n");
        assertThat(mark(MustachePages.XML, 12)).isEqualTo("\n<!-- revision 12 -->\n");
        assertThat(mark(MustachePages.CSS, 12)).isEqualTo("\n/* revision 12 */\n");
        assertThat(mark(MustachePages.TEXT, 12)).isEqualTo("\n# revision 12\n");
        assertThat(mark("text/html;charset=UTF-8", 3)).as("as a server may spell it").isEqualTo("\n<!-- revision 3 -->\n");
    }

    @Test
    void twoRevisionsNeverMarkAlike() {
        for (String type : List.of(MustachePages.HTML, MustachePages.CSS, MustachePages.TEXT)) {
            assertThat(mark(type, 40_000_001L)).isNotEqualTo(mark(type, 40_000_002L));
        }
    }

    @Test
    void refusesATypeWithNoCommentSyntax() {
        assertThatThrownBy(() -> RevisionMark.of("application/json", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("application/json");
    }

    @Test
    void stripsOnlyTheMarkOfTheRevisionGiven() {
        byte[] page = "<p>A</p>".getBytes(StandardCharsets.UTF_8);
        byte[] stored = (new String(page, StandardCharsets.UTF_8) + mark(MustachePages.HTML, 7)).getBytes(StandardCharsets.UTF_8);

        assertThat(RevisionMark.strip(stored, MustachePages.HTML, 7)).isEqualTo(page);
        assertThat(RevisionMark.strip(stored, MustachePages.HTML, 8)).as("another revision's mark stays").isEqualTo(stored);
        assertThat(RevisionMark.strip(page, MustachePages.HTML, 7)).as("a page stored unmarked").isEqualTo(page);
        assertThat(RevisionMark.strip(stored, "image/png", 7)).isEqualTo(stored);
    }

    @Test
    void everyFeedAndSitemapStaysWellFormedXmlWithItsMark() throws Exception {
        MustachePages pages = new MustachePages(Fixtures.site());
        List<RenderedPage> all = new ArrayList<>(pages.listingPages(ListingId.home(), Fixtures.home()));
        all.addAll(pages.listingPages(ListingId.sectionFront("world"), Fixtures.worldFront()));
        all.addAll(pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.worldNovember().entries())));
        all.add(pages.newsSitemap(Fixtures.worldEntries()));
        List<RenderedPage> xml = all.stream().filter(p -> p.contentType().contains("xml")).toList();
        assertThat(xml).extracting(RenderedPage::contentType)
                .contains(MustachePages.ATOM, MustachePages.RSS, MustachePages.XML);

        for (RenderedPage page : xml) {
            byte[] mark = RevisionMark.of(page.contentType(), 4_294_967_295L);
            byte[] stored = Arrays.copyOf(page.body(), page.length() + mark.length);
            System.arraycopy(mark, 0, stored, page.length(), mark.length);
            Document marked = FeedsAndSitemapsTest.parse(new RenderedPage(page.key(), page.contentType(),
                    page.cacheControl(), stored));
            Document plain = FeedsAndSitemapsTest.parse(page);
            assertThat(marked.getDocumentElement().getTagName()).as(page.key())
                    .isEqualTo(plain.getDocumentElement().getTagName());
            assertThat(marked.getDocumentElement().getLastChild().getNodeName())
                    .isEqualTo(plain.getDocumentElement().getLastChild().getNodeName());
        }
    }
}
