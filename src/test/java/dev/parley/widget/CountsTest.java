package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** count.js on a blog's index page, on another origin: every link shows its thread's count, from one request. */
@ExtendWith(Browser.Required.class)
class CountsTest {
    static final String LINKS = """
            <ul>
              <li><a href="/posts/first">First post</a> <a id="first" href="/posts/first#comments" data-parley-count>Comments</a></li>
              <li><a href="/posts/second">Second post</a> <span id="second" data-parley-count="news/second">Comments</span></li>
              <li><a href="/posts/quiet">Quiet post</a> <a id="quiet" href="/posts/quiet" data-parley-count>Comments</a></li>
            </ul>
            <footer><a id="first-again" href="/posts/first" data-parley-count>Comments</a>
              <span id="no-thread" data-parley-count>Comments</span></footer>
            """;

    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        Api api = stage.api();
        api.post("/posts/first", null, "Ann", "One");
        api.post("/posts/first", null, "Bo", "Two");
        api.delete(api.post("/posts/first", null, "Cy", "Gone"));
        api.post("news/second", null, "Ann", "Only one");
    }

    @Test
    void eachLinkShowsItsThreadsCountFromOneRequest() {
        stage.browser.driver.get(stage.site.countsPage(LINKS, Map.of()));

        await(Map.of("first", "2 comments", "first-again", "2 comments", "second", "1 comment", "quiet", "0 comments"));
        assertThat(js("return document.getElementById('no-thread').textContent;")).as("no link, no key: left alone")
                .isEqualTo("Comments");
        assertThat(js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/counts')).length;")).as("requests").isEqualTo(1L);
    }

    @Test
    void speaksChineseWhenAsked() {
        stage.browser.driver.get(stage.site.countsPage(LINKS, "zh-CN"));

        await(Map.of("first", "2 条评论", "second", "1 条评论", "quiet", "0 条评论"));
    }

    @Test
    void speaksRussianAndArabicWithTheirPluralForms() {
        stage.browser.driver.get(stage.site.countsPage(LINKS, "ru"));
        await(Map.of("first", "2 комментария", "second", "1 комментарий", "quiet", "0 комментариев"));

        stage.browser.driver.get(stage.site.countsPage(LINKS, "ar"));
        await(Map.of("first", "تعليقان", "second", "تعليق واحد", "quiet", "لا تعليقات"));
    }

    @Test
    void followsTheBrowsersLanguagesWithoutDataLang() {
        stage.browser.speak("nl,fr-FR,en");
        try {
            stage.browser.driver.get(stage.site.countsPage(LINKS, Map.of()));
            await(Map.of("first", "2 commentaires", "second", "1 commentaire", "quiet", "0 commentaire"));
        } finally {
            stage.browser.speak("");
        }
    }

    private void await(Map<String, String> texts) {
        String shown = "return Object.fromEntries([...document.querySelectorAll('[data-parley-count]')]"
                + ".map(el => [el.id, el.textContent]));";
        new WebDriverWait(stage.browser.driver, Widget.PATIENCE, Duration.ofMillis(50))
                .withMessage(() -> "the counts " + texts + "; the page shows " + js(shown))
                .until(d -> texts.entrySet().stream().allMatch(e -> e.getValue().equals(
                        js("return document.getElementById(arguments[0]).textContent;", e.getKey()))));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) stage.browser.driver).executeScript(script, args);
    }
}
