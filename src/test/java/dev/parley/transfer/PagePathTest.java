package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A source's page URL becomes the thread the widget would key that page by: what a browser's
 * {@code new URL(u).pathname} gives (the expected values were read from a WHATWG URL parser).
 */
class PagePathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "https://blog.example/posts/hello?utm=x#comments | /posts/hello",
        "http://www.blog.example/привет/ | /%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/",
        "https://blog.example | /",
        "https://x.example/a b | /a%20b",
        "https://x.example/a/./b/../c | /a/c",
        "https://x.example/a/%2e%2E/c | /c",
        "https://x.example\\a\\b | /a/b",
        "//x.example/p?q | /p",
        "/isso/über/ | /isso/%C3%BCber/",
        "https://x.example/%7Euser/%zz | /%7Euser/%zz",
        "'https://x.example/a\"<>`{}^|' | '/a%22%3C%3E%60%7B%7D^|'",
        "https://x.example/a/.. | /",
        "https://x.example/a/b/. | /a/b/",
        "https://user:pw@x.example:8080/p | /p",
        "https://x.example/a;b=c/d | /a;b=c/d",
        "https://x.example/a%2fb | /a%2fb",
        "'  https://x.example/p\t\n' | /p",
    })
    void aPageUrlBecomesThePathABrowserShows(String url, String thread) {
        assertThat(PagePath.of(url)).hasValue(thread);
    }

    @ParameterizedTest
    @CsvSource({"mailto:ann@example.com", "javascript:alert(1)", "''", "'   '"})
    void somethingThatIsNotAWebPageHasNoThread(String url) {
        assertThat(PagePath.of(url)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLongPathIsCutAt256CharactersAsTheWidgetCutsIt() {
        assertThat(PagePath.of("https://x.example/" + "a".repeat(300))).hasValueSatisfying(t -> assertThat(t).hasSize(256));
    }
}
