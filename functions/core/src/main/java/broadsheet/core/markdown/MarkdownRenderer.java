package broadsheet.core.markdown;

import broadsheet.core.text.CharScan;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.CoreHtmlNodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Article bodies: Markdown (CommonMark) to HTML that is safe to put into a page as it is.
 * <ul>
 *   <li>raw HTML in the Markdown is escaped and shown as text, never passed through;</li>
 *   <li>link targets are http, https, mailto or relative; image sources are http(s) or media
 *       keys ({@code media/...}, served from the site root); anything else becomes {@code #}
 *       (links), or the image's alt text in place of the image ({@link RefusedImages});</li>
 *   <li>links to other sites get {@code rel="noopener noreferrer"}; links inside the site get no
 *       {@code rel} (the article text is editorial, so no {@code nofollow}).</li>
 * </ul>
 * Headings go below the headline, the page's only {@code <h1>}: the body's highest heading becomes
 * {@code <h2>} and none skips a level below the one before it ({@link HeadingsBelowHeadline}).
 * Text is escaped by the renderer, so editors' {@code <}, {@code &} and quotes show as written.
 */
public final class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new AllowListSanitizer())
            .attributeProviderFactory(context -> new ExternalLinks())
            .nodeRendererFactory(TextRenderer::new)
            .nodeRendererFactory(RefusedImages::new)
            .build();

    public String toHtml(String markdown) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        new HeadingsBelowHeadline().relevel(document);
        // the HTML is about as long as the Markdown and a bit more: sized so, the builder does not grow a dozen times
        StringBuilder html = new StringBuilder(markdown == null ? 16 : markdown.length() + markdown.length() / 4 + 64);
        renderer.render(document, html);
        return html.toString();
    }

    /** The allow-list for URLs; anything it cannot classify with certainty is refused. */
    static final class AllowListSanitizer implements UrlSanitizer {

        private static final Pattern MEDIA_KEY = Pattern.compile("media/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

        @Override
        public String sanitizeLinkUrl(String url) {
            if (isPlainHttp(url)) {
                return url;
            }
            String scheme = scheme(url);
            if (scheme == null) {
                return hasHiddenCharacters(url) ? "#" : url;
            }
            return switch (scheme) {
                case "http", "https", "mailto" -> url;
                default -> "#";
            };
        }

        @Override
        public String sanitizeImageUrl(String url) {
            if (isPlainHttp(url)) {
                return url;
            }
            String scheme = scheme(url);
            if ("http".equals(scheme) || "https".equals(scheme)) {
                return url;
            }
            if (scheme == null && !hasHiddenCharacters(url) && isMediaKey(url)) {
                return url.startsWith("/") ? url : "/" + url;
            }
            return "";
        }

        /** The common case, decided without building the scheme: it starts with {@code https://} or {@code http://}. */
        private static boolean isPlainHttp(String url) {
            return url.startsWith("https://") || url.startsWith("http://");
        }

        private static boolean isMediaKey(String url) {
            String key = url.startsWith("/") ? url.substring(1) : url;
            return MEDIA_KEY.matcher(key).matches() && !key.contains("..");
        }

        /**
         * The URL's scheme in lowercase, or null for a relative URL. White space and control
         * characters, which browsers drop inside a scheme ({@code java\tscript:}), are ignored,
         * and a colon before any {@code /?#} marks a scheme.
         */
        static String scheme(String url) {
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c == ':') {
                    return visibleLowercase(url, i);
                }
                if (c == '/' || c == '?' || c == '#') {
                    return null;
                }
            }
            return null;
        }

        private static String visibleLowercase(String url, int end) {
            StringBuilder scheme = new StringBuilder(end);
            for (int i = 0; i < end; i++) {
                char c = url.charAt(i);
                if (c > ' ' && !Character.isISOControl(c)) {
                    scheme.append(c);
                }
            }
            return scheme.toString().toLowerCase(Locale.ROOT);
        }

        private static boolean hasHiddenCharacters(String url) {
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c <= ' ' || Character.isISOControl(c) || c == '\\') {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Text nodes, rendered exactly as commonmark's core renderer does ({@code &}, {@code <},
     * {@code >} and {@code "} as entities), but with the scan for those characters done by
     * {@link CharScan}: escaping text was the largest single cost of rendering a body.
     */
    static final class TextRenderer implements NodeRenderer {

        private final HtmlWriter html;

        TextRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Text.class);
        }

        @Override
        public void render(Node node) {
            html.raw(escapeHtml(((Text) node).getLiteral()));
        }

        static String escapeHtml(String text) {
            int i = firstSpecial(text);
            if (i < 0) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length() + 16);
            out.append(text, 0, i);
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        private static int firstSpecial(String text) {
            byte[] latin1 = CharScan.latin1(text);
            if (latin1 == null) {
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '&' || c == '<' || c == '>' || c == '"') {
                        return i;
                    }
                }
                return -1;
            }
            for (int i = 0; i < latin1.length; i++) {
                byte b = latin1[i];
                if (b <= '>' && (b == '&' || b == '<' || b == '>' || b == '"')) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Re-levels the body's headings under the page's {@code <h1>}: the body's highest level becomes
     * {@code <h2>}, and no heading goes more than one level below the heading before it, so the
     * page's outline has no gaps (a gap is an error to the W3C checker); a heading may rise any
     * number of levels, and none goes below {@code <h6>}. {@code ## A}, {@code #### B} become
     * {@code <h2>}, {@code <h3>}. Walks the blocks only: a paragraph holds inline content, never a
     * heading, so its children are skipped.
     */
    static final class HeadingsBelowHeadline extends AbstractVisitor {

        private final List<Heading> headings = new ArrayList<>();

        /** Collects the document's headings, in document order, then re-levels them. */
        void relevel(Node document) {
            document.accept(this);
            int top = headings.stream().mapToInt(Heading::getLevel).min().orElse(1);
            int previous = 1;
            for (Heading heading : headings) {
                int level = Math.min(Math.min(6, previous + 1), heading.getLevel() - top + 2);
                heading.setLevel(level);
                previous = level;
            }
        }

        @Override
        public void visit(Heading heading) {
            headings.add(heading);
        }

        @Override
        public void visit(Paragraph paragraph) {
        }
    }

    /**
     * An image whose source the renderer's allow-list refuses is rendered as its alt text, not as an
     * {@code <img>} with an empty {@code src} (an error to the W3C checker, and a request for the
     * page itself in some browsers); other images as commonmark renders them.
     */
    static final class RefusedImages extends CoreHtmlNodeRenderer {

        RefusedImages(HtmlNodeRendererContext context) {
            super(context);
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void visit(Image image) {
            if (context.urlSanitizer().sanitizeImageUrl(image.getDestination()).isEmpty()) {
                visitChildren(image);
            } else {
                super.visit(image);
            }
        }
    }

    /** {@code rel="noopener noreferrer"} on links that leave the site. */
    static final class ExternalLinks implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link && "a".equals(tagName)) {
                String href = attributes.get("href");
                // the URL sanitiser's rel="nofollow" is replaced: editors' links are trusted
                if (href != null && (href.startsWith("http://") || href.startsWith("https://") || href.startsWith("//"))) {
                    attributes.put("rel", "noopener noreferrer");
                } else {
                    attributes.remove("rel");
                }
            }
            if (node instanceof Image) {
                attributes.put("loading", "lazy");
            }
        }
    }
}
