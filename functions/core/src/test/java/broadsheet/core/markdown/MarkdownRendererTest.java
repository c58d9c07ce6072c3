package broadsheet.core.markdown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void rendersCommonMark() {
        assertThat(markdown.toHtml("# Title\n\nSome *em* and **strong**.\n\n> quoted\n\n- one\n- two\n"))
                .isEqualTo("<h2>Title</h2>\n<p>Some <em>em</em> and <strong>strong</strong>.</p>\n"
                        + "<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    }

    @Test
    void movesHeadingsBelowTheHeadline() {
        assertThat(markdown.toHtml("# One\n\n## Two\n\n###### Six\n"))
                .isEqualTo("<h2>One</h2>\n<h3>Two</h3>\n<h6>Six</h6>\n");
    }

    @Test
    void escapesRawHtmlInsteadOfPassingItThrough() {
        assertThat(markdown.toHtml("<script>alert(1)</script>"))
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        assertThat(markdown.toHtml("a <img src=x onerror=alert(1)> b"))
                .isEqualTo("<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n");
    }

    @Test
    void keepsAllowedLinksAndMarksExternalOnes() {
        assertThat(markdown.toHtml("[a](https://x.example/p?q=1&r=2)"))
                .isEqualTo("<p><a rel=\"noopener noreferrer\" href=\"https://x.example/p?q=1&amp;r=2\">a</a></p>\n");
        assertThat(markdown.toHtml("[a](/world/other/)")).isEqualTo("<p><a href=\"/world/other/\">a</a></p>\n");
        assertThat(markdown.toHtml("[a](mailto:desk@broadsheet.example)"))
                .isEqualTo("<p><a href=\"mailto:desk@broadsheet.example\">a</a></p>\n");
    }

    @Test
    void neutralisesDangerousLinkSchemes() {
        for (String target : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)",
                "data:text/html,x", "vbscript:x", "file:///etc/passwd", "&#106;avascript:alert(1)"}) {
            assertThat(markdown.toHtml("[a](" + target + ")")).as(target).isEqualTo("<p><a href=\"#\">a</a></p>\n");
        }
        assertThat(markdown.toHtml("<javascript:alert(1)>")).isEqualTo("<p><a href=\"#\">javascript:alert(1)</a></p>\n");
    }

    @Test
    void allowsOnlyHttpAndMediaImages() {
        assertThat(markdown.toHtml("![alt](media/2026/a.jpg)"))
                .isEqualTo("<p><img src=\"/media/2026/a.jpg\" alt=\"alt\" loading=\"lazy\" /></p>\n");
        assertThat(markdown.toHtml("![alt](https://img.example/a.jpg)"))
                .isEqualTo("<p><img src=\"https://img.example/a.jpg\" alt=\"alt\" loading=\"lazy\" /></p>\n");
        for (String src : new String[] {"javascript:alert(1)", "data:image/svg+xml;base64,PHN2Zz4=", "../secret.jpg",
                "media/../x.jpg", "//evil.example/a.jpg"}) {
            assertThat(markdown.toHtml("![alt](" + src + ")")).as(src)
                    .isEqualTo("<p><img src=\"\" alt=\"alt\" loading=\"lazy\" /></p>\n");
        }
    }
}
