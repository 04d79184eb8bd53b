package dev.parley.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.security.XssCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTest {
    private final Markdown markdown = new Markdown();

    static List<String> xssVectors() {
        return XssCorpus.VECTORS;
    }

    @ParameterizedTest
    @MethodSource("xssVectors")
    void hostileInputRendersToNothingExecutable(String vector) {
        String html = markdown.render(vector);
        XssCorpus.assertSafeHtml(html);
        assertThat(html.toLowerCase()).doesNotContain("<script");
    }

    @Test
    void corpusHasAtLeastThirtyVectors() {
        assertThat(xssVectors()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void rendersTheMarkdownSubset() {
        assertThat(markdown.render("Nice *post*")).isEqualTo("<p>Nice <em>post</em></p>");
        assertThat(markdown.render("**bold** and `code`")).isEqualTo("<p><strong>bold</strong> and <code>code</code></p>");
        assertThat(markdown.render("line one\nline two")).isEqualTo("<p>line one<br>line two</p>");
        assertThat(markdown.render("- a\n- b")).isEqualTo("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
        assertThat(markdown.render("3. c\n4. d")).isEqualTo("<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>");
        assertThat(markdown.render("> quoted")).isEqualTo("<blockquote>\n<p>quoted</p>\n</blockquote>");
        assertThat(markdown.render("```\nx < y\n```")).isEqualTo("<pre><code>x &lt; y\n</code></pre>");
    }

    @Test
    void linksKeepSafeTargetsWithRelAndLoseOthers() {
        assertThat(markdown.render("[site](https://example.com/a?b=1)"))
                .isEqualTo("<p><a href=\"https://example.com/a?b=1\" rel=\"nofollow ugc noopener\">site</a></p>");
        assertThat(markdown.render("[mail](mailto:ann@example.com)")).contains("href=\"mailto:ann@example.com\"");
        assertThat(markdown.render("[bad](javascript:alert(1))")).isEqualTo("<p>bad</p>");
        assertThat(markdown.render("[rel](/relative/path)")).isEqualTo("<p>rel</p>");
    }

    @Test
    void bareAddressesBecomeLinksWithTheSameRelAndEmailAddressesStayText() {
        assertThat(markdown.render("see https://example.com/a?b=1."))
                .isEqualTo("<p>see <a href=\"https://example.com/a?b=1\" rel=\"nofollow ugc noopener\">https://example.com/a?b=1</a>.</p>");
        assertThat(markdown.render("(www.example.com)"))
                .isEqualTo("<p>(<a href=\"http://www.example.com\" rel=\"nofollow ugc noopener\">www.example.com</a>)</p>");
        assertThat(markdown.render("write to ann@example.com")).isEqualTo("<p>write to ann@example.com</p>");
        assertThat(markdown.render("`https://example.com` in code")).isEqualTo("<p><code>https://example.com</code> in code</p>");
        assertThat(markdown.render("javascript://example.com/%0Aalert(1) and ftp://example.com"))
                .doesNotContain("<a").doesNotContain("href");
    }

    @Test
    void rawHtmlIsShownAsTextAndImagesAsTheirAltText() {
        assertThat(markdown.render("<b>hi</b>")).isEqualTo("<p>&lt;b&gt;hi&lt;/b&gt;</p>");
        assertThat(markdown.render("![a cat](https://example.com/cat.png)")).isEqualTo("<p>a cat</p>");
        assertThat(markdown.render("# not a heading")).isEqualTo("<p># not a heading</p>");
    }
}
