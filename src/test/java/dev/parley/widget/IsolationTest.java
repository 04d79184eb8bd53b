package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;

/** Neither hostile comments nor a hostile host page can break the widget, and it leaks nothing out. */
@ExtendWith(Browser.Required.class)
class IsolationTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
    }

    @Test
    void hostileCommentShowsAsHarmlessTextAndRunsNothing() {
        String payload = "<img src=x onerror=\"window.parleyPwned='img'\">"
                + " [click me](javascript:window.parleyPwned='link')"
                + " <a href=\"javascript:window.parleyPwned='a'\">raw link</a> <script>alert('parley')</script>";
        String author = "<img src=x onerror=\"window.parleyPwned='author'\">";
        Widget reader = stage.open(Map.of("thread", "hostile/body"));

        stage.api().post("hostile/body", null, author, payload); // arrives over the socket
        reader.post(author, payload + " again");                             // optimistic, then confirmed
        reader.await("both hostile comments confirmed", Widget.PATIENCE, () -> reader.bodies().size() == 2);

        for (Widget.Shown shown : reader.comments()) {
            assertThat(shown.author()).isEqualTo(author);
            assertThat(shown.body()).contains("<img src=x onerror=", "click me", "raw link");
        }
        assertThat(reader.js("""
                return [...root.querySelectorAll('*')].filter(el =>
                  /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED|SVG|svg)$/.test(el.tagName)
                    || [...el.attributes].some(a => a.name.startsWith('on'))
                    || (el.tagName === 'A' && el.hasAttribute('href') && !/^(https?|mailto):/.test(el.protocol))
                ).map(el => el.outerHTML);""")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
        reader.shadow().findElements(By.cssSelector(".body a")).forEach(a -> a.click());
        assertThat(((JavascriptExecutor) stage.browser.driver).executeScript("return window.parleyPwned ?? null;"))
                .isNull();
        assertThatThrownBy(() -> stage.browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aggressiveHostCssDoesNotChangeTheWidget() {
        Api api = stage.api();
        String parent = api.post("hostile/css", null, "Ann", "A *styled* comment");
        api.post("hostile/css", parent, "Bob", "A reply");
        Map<String, String> attributes = Map.of("thread", "hostile/css");

        Map<String, Object> plain = widgetStyles(stage.site.page("", attributes));
        Map<String, Object> attacked = widgetStyles(stage.site.page(HostSite.AGGRESSIVE_CSS, attributes));

        assertThat(attacked).isEqualTo(plain);
        assertThat(hostStyles().get("#probe color")).as("the host CSS did apply to the host page")
                .isEqualTo("rgb(255, 0, 0)");
    }

    @Test
    void widgetStylesDoNotLeakIntoTheHostPage() {
        stage.browser.driver.get(stage.site.pageWithoutWidget(""));
        Map<String, Object> without = hostStyles();
        stage.open(Map.of("thread", "hostile/leak"));
        Map<String, Object> with = hostStyles();

        assertThat(with).isEqualTo(without);
    }

    @Test
    void widgetRequestsNothingButItsOwnServer() {
        stage.open(Map.of("thread", "hostile/requests"));

        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) ((JavascriptExecutor) stage.browser.driver)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(stage.app.baseUrl() + "/"));
    }

    @Test
    void dataLangAndDataThemeOverrideTheReadersOwnSettings() {
        Widget reader = stage.open(Map.of("thread", "hostile/override", "lang", "zh-CN", "theme", "dark"));

        assertThat(reader.text(".status")).isEqualTo("实时");
        assertThat(reader.js("return root.querySelector('.parley').dataset.theme;")).isEqualTo("dark");
        assertThat(reader.js("return getComputedStyle(root.querySelector('.parley')).backgroundColor;"))
                .isEqualTo("rgb(23, 25, 29)");
    }

    /** Computed styles and line heights of the widget's parts, once the thread has rendered. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> widgetStyles(String url) {
        Widget reader = new Widget(stage.browser.driver).open(url);
        reader.awaitComment("A reply", Widget.PATIENCE);
        return (Map<String, Object>) reader.js("""
                const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style',
                    'line-height', 'letter-spacing', 'text-transform', 'margin-top', 'margin-left', 'padding-top',
                    'padding-left', 'border-top-width', 'border-top-style', 'box-sizing', 'display'];
                const parts = ['.parley', '.top h2', '.status', '.sort button', '.form label', '.form input',
                    '.form textarea', '.form .hint', 'button.primary', '.comment', '.comment .meta', '.comment .author',
                    '.comment time', '.comment .body p', '.comment .body em', '.comment .reply', '.replies .comment'];
                const out = {};
                for (const part of parts) {
                    const el = root.querySelector(part);
                    if (!el) { out[part] = 'missing'; continue; }
                    const style = getComputedStyle(el);
                    for (const p of props) out[part + ' ' + p] = style.getPropertyValue(p);
                    if (part !== '.parley' && part !== '.comment') {
                      out[part + ' height'] = Math.round(el.getBoundingClientRect().height);
                    }
                }
                return out;""");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostStyles() {
        return (Map<String, Object>) ((JavascriptExecutor) stage.browser.driver).executeScript("""
                const out = {};
                for (const id of ['#probe', '#probe-button', '#probe-heading', 'body']) {
                    const style = getComputedStyle(document.querySelector(id));
                    for (const p of ['color', 'background-color', 'font-family', 'font-size', 'line-height',
                        'margin-top', 'padding-top'])
                        out[id + ' ' + p] = style.getPropertyValue(p);
                }
                return out;""");
    }
}
