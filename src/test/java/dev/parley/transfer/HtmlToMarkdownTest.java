package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.comment.Markdown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A source's HTML becomes Markdown that renders (through Parley's own renderer) to what it meant. */
class HtmlToMarkdownTest {
    private final Markdown markdown = new Markdown();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "<p>Hello <b>bold</b> and <i>it</i></p> | <p>Hello <strong>bold</strong> and <em>it</em></p>",
        "<p>one</p><p>two</p> | <p>one</p><p>two</p>",
        "line<br>break | <p>line<br>break</p>",
        "<a href=\"https://a.example/x_y\">link</a> | <p><a href=\"https://a.example/x_y\" rel=\"nofollow ugc noopener\">link</a></p>",
        "<a href=\"javascript:alert(1)\">click</a> | <p>click</p>",
        "<a href=\"/relative\">rel</a> | <p>rel</p>",
        "<script>alert(1)</script><style>p{}</style>kept | <p>kept</p>",
        "<img src=x onerror=alert(1) alt=\"the alt\"> | <p>the alt</p>",
        "<p onclick=\"x()\">text</p> | <p>text</p>",
        "a *star* and [brackets] and <code>x*y</code> | <p>a *star* and [brackets] and <code>x*y</code></p>",
        "'- not a list, 1. not either' | '<p>- not a list, 1. not either</p>'",
        "&lt;b&gt;shown as text&lt;/b&gt; &amp;copy; | <p>&lt;b&gt;shown as text&lt;/b&gt; &amp;copy;</p>",
        "<blockquote><p>quoted</p></blockquote><p>answer</p> | <blockquote><p>quoted</p></blockquote><p>answer</p>",
        "<ul><li>one</li><li>two</li></ul> | <ul><li>one</li><li>two</li></ul>",
        "<ol start=\"3\"><li>three</li></ol> | <ol start=\"3\"><li>three</li></ol>",
        "<pre>code\\n  *kept*</pre> | <pre><code>code\\n  *kept*\\n</code></pre>",
        "<iframe src=https://evil.example></iframe><object>o</object>fine | <p>fine</p>",
        "snake_case_name and _under_ | <p>snake_case_name and _under_</p>",
    })
    void convertsAndRendersAsTheSourceMeant(String html, String rendered) {
        String body = new HtmlToMarkdown(false).convert(html.replace("\\n", "\n"));
        assertThat(markdown.render(body).replace(">\n<", "><")).as(body).isEqualTo(rendered.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Hello\\nthere\\n\\nNew paragraph | <p>Hello<br>there</p><p>New paragraph</p>",
        "A <strong>bold</strong> line\\n  indented | <p>A <strong>bold</strong> line<br>indented</p>",
    })
    void wordPressLineBreaksStayLineBreaks(String html, String rendered) {
        String body = new HtmlToMarkdown(true).convert(html.replace("\\n", "\n"));
        assertThat(markdown.render(body).replace(">\n<", "><")).as(body).isEqualTo(rendered);
    }
}
