package broadsheet.reliability;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a browser or a feed reader could execute in a published object: script elements other
 * than the JSON-LD block, event handler attributes, {@code javascript:}/{@code vbscript:}/{@code data:}
 * URLs, embedding and form elements; for feeds and sitemaps, XML that does not parse, scripts and
 * HTML-typed content.
 */
final class Inert {

    private static final Set<String> URL_ATTRIBUTES =
            Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset");

    private Inert() {
    }

    /** Every problem of one object; empty when it is inert. */
    static List<String> problems(String key, String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        if (type.startsWith("text/html")) {
            html(key, Jsoup.parse(text), problems);
        } else if (type.contains("xml")) {
            xml(key, body, text, problems);
        }
        return problems;
    }

    private static void html(String key, Document doc, List<String> problems) {
        for (Element script : doc.select("script")) {
            if (!script.attr("type").equals("application/ld+json") || script.attributes().size() != 1
                    || !script.parent().tagName().equals("head")) {
                problems.add(key + ": executable <script " + script.attributes() + ">");
            } else {
                try {
                    Api.JSON.readTree(script.data());
                } catch (RuntimeException e) {
                    problems.add(key + ": the JSON-LD block is not JSON (broken out of?)");
                }
            }
        }
        for (Element element : doc.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    problems.add(key + ": event handler " + name + " on <" + element.tagName() + ">");
                }
                if (name.equals("style")) {
                    problems.add(key + ": style attribute on <" + element.tagName() + ">");
                }
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                    if (url.startsWith("javascript:") || url.startsWith("data:") || url.startsWith("vbscript:")) {
                        problems.add(key + ": dangerous URL " + name + "=" + attribute.getValue());
                    }
                }
            }
        }
        for (Element element : doc.select("iframe, object, embed, svg, math, form, input, button, style, base, "
                + "noscript, details, meta[http-equiv]")) {
            problems.add(key + ": element <" + element.tagName() + "> from input");
        }
    }

    private static void xml(String key, byte[] body, String text, List<String> problems) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            problems.add(key + ": not well-formed XML");
            return;
        }
        Document parsed = Jsoup.parse(text, "", Parser.xmlParser());
        for (Element element : parsed.getAllElements()) {
            String tag = element.tagName().toLowerCase(Locale.ROOT);
            if (Set.of("script", "svg", "iframe", "img", "a", "object", "embed").contains(tag)) {
                problems.add(key + ": element <" + tag + "> in XML");
            }
            if (tag.equals("description") && element.parent() != null && element.parent().tagName().equals("item")) {
                // RSS 2.0: an item's description is entity-encoded HTML, which readers render as HTML.
                Document fragment = Jsoup.parseBodyFragment(element.text());
                if (!fragment.body().children().isEmpty()) {
                    problems.add(key + ": an RSS description renders as HTML with <"
                            + fragment.body().child(0).tagName() + "> from input");
                }
            }
            if (Set.of("content", "summary", "title", "subtitle", "rights").contains(tag)
                    && element.attr("type").toLowerCase(Locale.ROOT).contains("html")) {
                problems.add(key + ": HTML-typed content <" + tag + "> in a feed");
            }
        }
    }
}
