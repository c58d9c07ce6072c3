package broadsheet.core.render;

import java.util.List;

/**
 * The XSS corpus: markup, attribute, URL and entity tricks that must never become executable in a
 * page, feed or sitemap. The rendering tests put it in every field; the reliability suite sends it
 * through the API, the change feed and the bucket.
 */
public final class XssVectors {

    private XssVectors() {
    }

    public static final List<String> VECTORS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<ScRiPt>alert(1)</sCrIpT>",
            "</script><script>alert(1)</script>",
            "</title><script>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"jav&#x09;ascript:alert(1)\">",
            "<img src=x:alert(alt) onerror=eval(src) alt=0>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"data:text/html,<script>alert(1)</script>\">",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"&#106;avascript:alert(1)\">click</a>",
            "<a href=\"  JaVaScRiPt:alert(1)\">click</a>",
            "<a href=\"vbscript:msgbox(1)\">click</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
            "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
            "<body onload=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<style>@import 'javascript:alert(1)';</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<!--<script>alert(1)</script>-->",
            "\"><script>alert(1)</script>",
            "'><img src=x onerror=alert(1)>",
            "\" onmouseover=\"alert(1)",
            "' onfocus='alert(1)' autofocus='",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
            "\u2028\u2029</script><script>alert(1)</script>",
            "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E",
            "<a href=\"#\" onclick=\"alert(1)\">x</a>",
            "{{site.name}}{{{head}}}<script>alert(1)</script>");

    /** Markdown-only tricks, used in the body next to the corpus. */
    public static final List<String> MARKDOWN = List.of(
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](jav&#x09;ascript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "<javascript:alert(1)>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox(1))",
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
            "[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")",
            "<div onclick=\"alert(1)\">\n\n*md*\n\n</div>");
}
