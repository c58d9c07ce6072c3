package broadsheet.core.render;

import broadsheet.core.Fixtures;
import broadsheet.core.article.Article;
import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.Listings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds and sitemaps parsed with the JDK's namespace-aware XML parser: the elements RFC 4287
 * (Atom), RSS 2.0, the sitemap protocol and Google News sitemaps require, and editor text
 * arriving as escaped text, never as markup.
 */
class FeedsAndSitemapsTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String HOSTILE = "<script>alert(1)</script> & \"quoted\" <img src=x onerror=alert(2)>";

    private final MustachePages pages = new MustachePages(Fixtures.site());

    @Test
    void siteAndSectionAtomFeedsCarryEveryElementRfc4287Requires() throws Exception {
        for (RenderedPage page : List.of(page(ListingId.home(), "feed.xml"), page(ListingId.sectionFront("world"),
                "world/feed.xml"))) {
            assertThat(page.contentType()).isEqualTo("application/atom+xml; charset=utf-8");
            Element feed = parse(page).getDocumentElement();
            assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
            assertThat(feed.getLocalName()).isEqualTo("feed");
            assertThat(child(feed, ATOM, "id").getTextContent()).startsWith("https://broadsheet.example/");
            assertThat(child(feed, ATOM, "title").getTextContent()).isNotBlank();
            assertThat(Instant.parse(child(feed, ATOM, "updated").getTextContent()))
                    .isEqualTo(Instant.parse("2026-11-28T19:12:00Z"));
            assertThat(link(feed, "self").getAttribute("href")).isEqualTo("https://broadsheet.example/" + page.key());
            assertThat(link(feed, "alternate").getAttribute("type")).isEqualTo("text/html");
            assertThat(children(child(feed, ATOM, "author"), ATOM, "name")).hasSize(1);

            List<Element> entries = children(feed, ATOM, "entry");
            assertThat(entries).isNotEmpty();
            for (Element entry : entries) {
                String url = child(entry, ATOM, "id").getTextContent();
                assertThat(url).startsWith("https://broadsheet.example/");
                assertThat(child(entry, ATOM, "title").getTextContent()).isNotBlank();
                Instant published = Instant.parse(child(entry, ATOM, "published").getTextContent());
                assertThat(Instant.parse(child(entry, ATOM, "updated").getTextContent())).isAfterOrEqualTo(published);
                assertThat(link(entry, "alternate").getAttribute("href")).isEqualTo(url);
                assertThat(child(entry, ATOM, "category").getAttribute("term")).matches("[a-z0-9-]+");
            }
            Element first = entries.get(0);
            assertThat(child(first, ATOM, "title").getTextContent())
                    .startsWith("Harbour states agree to pool coastguard patrols");
            assertThat(children(first, ATOM, "author")).extracting(Node::getTextContent)
                    .containsExactly("Elena Borg", "Tomás Ruiz");
            assertThat(child(first, ATOM, "summary").getTextContent()).startsWith("Ministers from six");
        }
    }

    @Test
    void siteAndSectionRssFeedsCarryEveryElementRss2Requires() throws Exception {
        DateTimeFormatter rfc822 = DateTimeFormatter.RFC_1123_DATE_TIME;
        for (RenderedPage page : List.of(page(ListingId.home(), "rss.xml"), page(ListingId.sectionFront("world"),
                "world/rss.xml"))) {
            assertThat(page.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
            Element rss = parse(page).getDocumentElement();
            assertThat(rss.getLocalName()).isEqualTo("rss");
            assertThat(rss.getAttribute("version")).isEqualTo("2.0");
            Element channel = child(rss, null, "channel");
            assertThat(child(channel, null, "title").getTextContent()).isNotBlank();
            assertThat(child(channel, null, "link").getTextContent()).startsWith("https://broadsheet.example/");
            assertThat(child(channel, null, "description").getTextContent()).isNotBlank();
            assertThat(child(channel, null, "language").getTextContent()).isEqualTo("en");
            assertThat(ZonedDateTime.parse(child(channel, null, "lastBuildDate").getTextContent(), rfc822).toInstant())
                    .isEqualTo(Instant.parse("2026-11-28T19:12:00Z"));
            Element self = child(channel, ATOM, "link");
            assertThat(self.getAttribute("rel")).isEqualTo("self");
            assertThat(self.getAttribute("href")).isEqualTo("https://broadsheet.example/" + page.key());

            List<Element> items = children(channel, null, "item");
            assertThat(items).isNotEmpty();
            for (Element item : items) {
                String link = child(item, null, "link").getTextContent();
                assertThat(child(item, null, "title").getTextContent()).isNotBlank();
                Element guid = child(item, null, "guid");
                assertThat(guid.getAttribute("isPermaLink")).isEqualTo("true");
                assertThat(guid.getTextContent()).isEqualTo(link);
                ZonedDateTime.parse(child(item, null, "pubDate").getTextContent(), rfc822);
                assertThat(child(item, null, "category").getTextContent()).isNotBlank();
            }
            Element first = items.get(0);
            assertThat(child(first, null, "pubDate").getTextContent()).isEqualTo("Sat, 28 Nov 2026 18:30:00 GMT");
            assertThat(children(first, DC, "creator")).extracting(Node::getTextContent)
                    .containsExactly("Elena Borg", "Tomás Ruiz");
            assertThat(child(first, null, "description").getTextContent()).startsWith("Ministers from six");
        }
    }

    @Test
    void feedsHoldTheNewestFiftyNewestFirst() throws Exception {
        List<ListingEntry> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i);
            many.add(new ListingEntry("story-" + i, "world", "Story " + i, null, at, at, null, null, List.of()));
        }
        List<RenderedPage> home = pages.listingPages(ListingId.home(), new Listing(many, Map.of()));
        List<Element> atomEntries = children(parse(home.get(1)).getDocumentElement(), ATOM, "entry");
        assertThat(atomEntries).hasSize(50);
        assertThat(child(atomEntries.get(0), ATOM, "title").getTextContent()).isEqualTo("Story 69");
        List<Element> rssItems = children(child(parse(home.get(2)).getDocumentElement(), null, "channel"), null, "item");
        assertThat(rssItems).hasSize(50);
        assertThat(child(rssItems.get(49), null, "title").getTextContent()).isEqualTo("Story 20");
    }

    @Test
    void editorTextInFeedsAndSitemapsArrivesAsEscapedText() throws Exception {
        ListingEntry hostile = new ListingEntry("hostile", "world", HOSTILE, HOSTILE,
                Instant.parse("2026-11-28T18:30:00Z"), null, null, null, List.of(HOSTILE));
        Listing listing = new Listing(List.of(hostile), Map.of("2026-11", 1));
        List<RenderedPage> feeds = new ArrayList<>(pages.listingPages(ListingId.home(),
                new Listing(List.of(hostile), Map.of("world/2026-11", 1))).subList(1, 3));
        feeds.addAll(pages.listingPages(ListingId.sectionFront("world"), listing).subList(1, 3));
        for (RenderedPage feed : feeds) {
            Document xml = parse(feed);
            assertThat(xml.getElementsByTagNameNS("*", "script").getLength()).as(feed.key()).isZero();
            assertThat(xml.getElementsByTagNameNS("*", "img").getLength()).as(feed.key()).isZero();
            assertThat(xml.getElementsByTagNameNS("*", "title").item(1).getTextContent()).as(feed.key())
                    .isEqualTo(HOSTILE);
        }
        // An RSS description is HTML to a feed reader: once the XML is read, it must still be
        // escaped HTML that shows the editor's text, never markup.
        for (RenderedPage rss : List.of(feeds.get(1), feeds.get(3))) {
            String description = parse(rss).getElementsByTagNameNS("*", "description").item(1).getTextContent();
            assertThat(org.jsoup.Jsoup.parseBodyFragment(description).body().children()).as(rss.key()).isEmpty();
            assertThat(org.jsoup.Jsoup.parseBodyFragment(description).body().text()).as(rss.key()).isEqualTo(HOSTILE);
        }
        Document news = parse(pages.newsSitemap(List.of(hostile)));
        assertThat(news.getElementsByTagNameNS(NEWS, "title").item(0).getTextContent()).isEqualTo(HOSTILE);
        assertThat(news.getElementsByTagNameNS("*", "script").getLength()).isZero();
    }

    @Test
    void anArticleAtTheValidatorsMaximaReadsBackWholeFromEveryFeedAndTheNewsSitemap() throws Exception {
        Article article = Fixtures.atMaxima();
        ListingEntry entry = Listings.entryOf(article);
        List<RenderedPage> feeds = new ArrayList<>(pages.listingPages(ListingId.home(),
                new Listing(List.of(entry), Map.of("world/2026-11", 1))).subList(1, 3));
        feeds.addAll(pages.listingPages(ListingId.sectionFront("world"),
                new Listing(List.of(entry), Map.of("2026-11", 1))).subList(1, 3));
        for (RenderedPage feed : feeds) {
            Document xml = parse(feed);
            assertThat(xml.getElementsByTagNameNS("*", "title").item(1).getTextContent()).as(feed.key())
                    .isEqualTo(article.headline());
        }
        String description = parse(feeds.get(1)).getElementsByTagNameNS("*", "description").item(1).getTextContent();
        assertThat(org.jsoup.Jsoup.parseBodyFragment(description).body().text()).isEqualTo(article.standfirst());
        Document news = parse(pages.newsSitemap(List.of(entry)));
        assertThat(news.getElementsByTagNameNS(NEWS, "title").item(0).getTextContent()).isEqualTo(article.headline());
    }

    @Test
    void daySitemapsMonthIndexesTheSiteSitemapAndRobotsFollowTheSitemapProtocol() throws Exception {
        Element site = parse(page(ListingId.home(), "sitemap.xml")).getDocumentElement();
        assertThat(site.getNamespaceURI()).isEqualTo(SITEMAP);
        assertThat(site.getLocalName()).as("sitemap indexes may not list indexes: the site's sitemap is a urlset")
                .isEqualTo("urlset");
        assertThat(children(site, SITEMAP, "url").stream().map(u -> child(u, SITEMAP, "loc").getTextContent()))
                .contains("https://broadsheet.example/", "https://broadsheet.example/world/",
                        "https://broadsheet.example/world/archive/2026/11/",
                        "https://broadsheet.example/world/archive/2026/10/");
        assertThat(page(ListingId.home(), "robots.txt").text().lines().filter(l -> l.startsWith("Sitemap: ")))
                .contains("Sitemap: https://broadsheet.example/sitemap.xml",
                        "Sitemap: https://broadsheet.example/news-sitemap.xml",
                        "Sitemap: https://broadsheet.example/sitemaps/world/2026-11.xml",
                        "Sitemap: https://broadsheet.example/sitemaps/world/2026-10.xml");

        List<RenderedPage> month = pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)),
                Listings.monthView(Fixtures.worldNovember().entries()));
        RenderedPage monthIndex = month.get(1);
        assertThat(monthIndex.key()).isEqualTo("sitemaps/world/2026-11.xml");
        Element index = parse(monthIndex).getDocumentElement();
        assertThat(index.getLocalName()).isEqualTo("sitemapindex");
        assertThat(children(index, SITEMAP, "sitemap").stream().map(e -> child(e, SITEMAP, "loc").getTextContent()))
                .containsExactly("https://broadsheet.example/sitemaps/world/2026-11-02.xml",
                        "https://broadsheet.example/sitemaps/world/2026-11-15.xml",
                        "https://broadsheet.example/sitemaps/world/2026-11-28.xml");

        RenderedPage day = month.stream().filter(p -> p.key().equals("sitemaps/world/2026-11-28.xml")).findFirst()
                .orElseThrow();
        Element urlset = parse(day).getDocumentElement();
        assertThat(urlset.getLocalName()).isEqualTo("urlset");
        List<Element> urls = children(urlset, SITEMAP, "url");
        assertThat(urls).hasSize(2);
        assertThat(child(urls.get(0), SITEMAP, "loc").getTextContent())
                .isEqualTo("https://broadsheet.example/world/archive/2026/11/28/");
        for (Element url : urls) {
            assertThat(child(url, SITEMAP, "loc").getTextContent()).startsWith("https://broadsheet.example/");
            Instant.parse(child(url, SITEMAP, "lastmod").getTextContent());
        }
    }

    @Test
    void newsSitemapListsEachGivenArticleWithPublicationNameLanguageDateAndTitle() throws Exception {
        List<ListingEntry> recent = Fixtures.worldEntries().subList(1, 2);
        RenderedPage page = pages.newsSitemap(recent);
        assertThat(page.key()).isEqualTo("news-sitemap.xml");
        Element urlset = parse(page).getDocumentElement();
        assertThat(urlset.getNamespaceURI()).isEqualTo(SITEMAP);
        List<Element> urls = children(urlset, SITEMAP, "url");
        assertThat(urls).hasSize(1);
        Element url = urls.get(0);
        assertThat(child(url, SITEMAP, "loc").getTextContent()).isEqualTo(
                "https://broadsheet.example/world/harbour-states-agree-to-pool-coastguard-patrols-after-valletta-summit/");
        Element news = child(url, NEWS, "news");
        Element publication = child(news, NEWS, "publication");
        assertThat(child(publication, NEWS, "name").getTextContent()).isEqualTo("Broadsheet");
        assertThat(child(publication, NEWS, "language").getTextContent()).isEqualTo("en");
        assertThat(child(news, NEWS, "publication_date").getTextContent()).isEqualTo("2026-11-28T18:30:00Z");
        assertThat(child(news, NEWS, "title").getTextContent()).startsWith("Harbour states agree");
    }

    @Test
    void everyFeedAndSitemapIsWellFormedXmlWithValidDates() throws Exception {
        ListingEntry clocked = new ListingEntry("clocked", "world", HOSTILE, HOSTILE,
                Instant.parse("2026-11-29T08:15:30.123456789Z"), Instant.parse("2026-11-29T09:00:00.000000001Z"),
                null, null, List.of(HOSTILE), List.of(HOSTILE));
        List<ListingEntry> entries = new ArrayList<>(Fixtures.worldEntries());
        entries.add(clocked);
        List<RenderedPage> xml = new ArrayList<>();
        xml.addAll(pages.listingPages(ListingId.home(), new Listing(entries, Map.of("world/2026-10", 1))).subList(1, 3));
        xml.addAll(pages.listingPages(ListingId.sectionFront("world"), new Listing(entries, Map.of())).subList(1, 3));
        List<ListingEntry> november = entries.stream()
                .filter(e -> YearMonth.from(e.publishAt().atZone(java.time.ZoneOffset.UTC)).equals(YearMonth.of(2026, 11)))
                .toList();
        pages.allPages(ListingId.sectionMonth("world", YearMonth.of(2026, 11)), Listings.monthView(november)).stream()
                .filter(p -> p.key().equals("sitemaps/world/2026-11-29.xml")).forEach(xml::add);
        xml.add(pages.newsSitemap(entries));
        assertThat(xml).extracting(RenderedPage::key).containsExactly("feed.xml", "rss.xml",
                "world/feed.xml", "world/rss.xml", "sitemaps/world/2026-11-29.xml", "news-sitemap.xml");
        for (RenderedPage page : xml) {
            Element root = parse(page).getDocumentElement();
            switch (root.getLocalName()) {
                case "feed" -> {
                    assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
                    for (String date : texts(root, ATOM, "updated", "published")) {
                        assertThat(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(date)).as(page.key() + " " + date)
                                .isNotNull(); // RFC 3339
                    }
                }
                case "rss" -> {
                    for (String date : texts(root, null, "pubDate", "lastBuildDate")) {
                        assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME))
                                .as(page.key() + " " + date).isNotNull(); // RFC 822
                    }
                }
                case "sitemapindex" -> {
                    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP);
                    assertThat(texts(root, SITEMAP, "loc")).allSatisfy(loc -> assertThat(loc).startsWith("https://"));
                }
                case "urlset" -> {
                    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP);
                    for (String date : texts(root, "*", "lastmod", "publication_date")) {
                        assertThat(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(date)).as(page.key() + " " + date)
                                .isNotNull(); // W3C Datetime
                    }
                }
                default -> throw new AssertionError(page.key() + ": unexpected root " + root.getLocalName());
            }
        }
    }

    /** The text of every descendant element with one of these local names, in the namespace ("*": any). */
    private static List<String> texts(Element root, String namespace, String... names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            NodeList nodes = namespace == null ? root.getElementsByTagName(name)
                    : root.getElementsByTagNameNS(namespace, name);
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add(nodes.item(i).getTextContent());
            }
        }
        assertThat(found).as("dates in <%s>", root.getLocalName()).isNotEmpty();
        return found;
    }

    /**
     * One renderer keeps the last sitemap.xml and robots.txt it rendered and gives them again for
     * a home listing the same months; a home listing other months gets pages of its own, the same
     * bytes a fresh renderer gives.
     */
    @Test
    void theSiteSitemapAndRobotsFollowTheMonthsOfEveryHomeRenderedOneAfterTheOther() {
        Listing october = new Listing(List.of(), Map.of("world/2026-10", 4, "sport/2026-10", 1));
        Listing november = new Listing(List.of(), Map.of("world/2026-10", 9, "sport/2026-10", 2, "world/2026-11", 3));
        Listing gone = new Listing(List.of(), Map.of("world/2026-11", 3));
        for (Listing home : List.of(october, november, november, gone, october)) {
            List<RenderedPage> rendered = pages.listingPages(ListingId.home(), home);
            List<RenderedPage> fresh = new MustachePages(Fixtures.site()).listingPages(ListingId.home(), home);
            for (int i = 3; i < 5; i++) {
                assertThat(rendered.get(i).key()).isIn("sitemap.xml", "robots.txt");
                assertThat(rendered.get(i).text()).as("%s of %s", rendered.get(i).key(), home.monthCounts())
                        .isEqualTo(fresh.get(i).text());
            }
            assertThat(rendered.get(4).text().contains("sitemaps/sport/2026-10.xml"))
                    .isEqualTo(home.monthCounts().containsKey("sport/2026-10"));
        }
    }

    @Test
    void robotsOfAnEmptySitePointsAtTheSiteSitemapAndTheNewsSitemap() {
        String robots = pages.listingPages(ListingId.home(), Listing.EMPTY).get(4).text();
        assertThat(robots.lines().filter(l -> l.startsWith("Sitemap: ")))
                .containsExactly("Sitemap: https://broadsheet.example/sitemap.xml",
                        "Sitemap: https://broadsheet.example/news-sitemap.xml");
    }

    private RenderedPage page(ListingId id, String key) {
        Listing listing = id.kind() == ListingId.Kind.HOME ? Fixtures.home() : Fixtures.worldFront();
        return pages.listingPages(id, listing).stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }

    static Document parse(RenderedPage page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.body()));
    }

    private static Element link(Element parent, String rel) {
        return children(parent, ATOM, "link").stream().filter(l -> l.getAttribute("rel").equals(rel))
                .findFirst().orElseThrow(() -> new AssertionError("no link rel=" + rel));
    }

    private static Element child(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    /** Direct children with this namespace (null: none) and local name. */
    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())
                    && java.util.Objects.equals(namespace, e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }
}
