package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The widget's optional parts (docs/widget.md, "Parts"): a page with default options loads none,
 * a reader who needs one gets it once from the widget's own server, and the page keeps no trace of
 * it. The language part of a Chinese reader is the one there is today.
 */
@ExtendWith(Browser.Required.class)
class PartsTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
    }

    @Test
    void aPageWithDefaultOptionsLoadsEmbedJsAndEmbedCssAndNoPart() {
        stage.open(Map.of("thread", "parts/default"));

        assertThat(widgetFiles()).containsExactlyInAnyOrder(
                stage.app.baseUrl() + "/embed.js", stage.app.baseUrl() + "/embed.css");
    }

    @Test
    void aChineseReaderGetsTheLanguagePartOnceAndThePageKeepsNoTraceOfIt() {
        stage.browser.driver.get(stage.site.pageWithoutWidget(""));
        js("return 0;"); // chromedriver's own script leaves a global (ret_nodes) once it has run on a page
        Object globalsWithout = js("return Object.getOwnPropertyNames(window);");

        Widget reader = stage.open(Map.of("thread", "parts/zh", "lang", "zh-CN"));

        assertThat(reader.text(".status")).isEqualTo("实时");
        assertThat(reader.js("return root.querySelector('.parley').lang;")).isEqualTo("zh-CN");
        assertThat(widgetFiles()).containsExactlyInAnyOrder(stage.app.baseUrl() + "/embed.js",
                stage.app.baseUrl() + "/embed.css", stage.app.baseUrl() + "/widget/lang-zh.js");
        assertThat(js("return Object.getOwnPropertyNames(window).filter(n => !arguments[0].includes(n));", globalsWithout))
                .as("global names the widget added").isEqualTo(List.of());
        assertThat(js("return [...document.scripts].map(s => s.src);"))
                .as("the part's script element is gone").isEqualTo(List.of(stage.app.baseUrl() + "/embed.js"));
    }

    @Test
    void aLanguagePartThatCannotLoadLeavesTheWidgetInEnglish() {
        stage.browser.driver.executeCdpCommand("Network.enable", Map.of());
        stage.browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/widget/*")));
        try {
            Widget reader = stage.open(Map.of("thread", "parts/blocked", "lang", "zh-CN"));

            assertThat(reader.text(".status")).isEqualTo("live");
            assertThat(reader.text(".top h2")).isEqualTo("0 comments");
            assertThat(reader.js("return root.querySelector('.parley').lang;")).isEqualTo("en");
        } finally {
            stage.browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    /** The scripts and stylesheets this page requested (API calls left out), each as often as requested. */
    @SuppressWarnings("unchecked")
    private static List<String> widgetFiles() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(url => /\\.(js|css)$/.test(url));");
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) stage.browser.driver).executeScript(script, args);
    }
}
