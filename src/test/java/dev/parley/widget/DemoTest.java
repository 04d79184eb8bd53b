package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The demo pages the server ships work out of the box, in light and dark; screenshots for the docs. */
@ExtendWith(Browser.Required.class)
class DemoTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
        Api api = stage.api();
        String first = api.post("demo", null, "Ada",
                "Loving how *fast* this is. Replies show up before I finish reading.");
        String reply = api.post("demo", first, "Grace", "Same here. Try `/demo/two` to see two readers at once.");
        api.post("demo", reply, "Ada", "Just did. Wonderful!");
        api.post("demo", null, "Linus", "Does it survive a server restart? Asking for a friend.");
    }

    @Test
    void demoArticleShowsTheLiveWidgetInLightAndDarkThemes() {
        stage.browser.preferColorScheme("light");
        Widget reader = new Widget(stage.browser.driver).open(stage.app.baseUrl() + "/");
        reader.awaitComment("Just did. Wonderful!", Widget.PATIENCE);
        assertThat(reader.text(".top h2")).isEqualTo(reader.bodies().size() + " comments");
        assertThat(reader.js("return root.querySelector('.parley').dataset.theme;")).isEqualTo("light");
        assertThat(stage.browser.screenshot("demo-light.png")).isNotEmptyFile();

        stage.browser.preferColorScheme("dark");
        reader.await("the dark theme", Widget.PATIENCE,
                () -> "dark".equals(reader.js("return root.querySelector('.parley').dataset.theme;")));
        assertThat(stage.browser.screenshot("demo-dark.png")).isNotEmptyFile();
    }

    @Test
    void twoReadersDemoShowsOneThreadInBothFrames() {
        stage.browser.preferColorScheme("light");
        stage.browser.driver.get(stage.app.baseUrl() + "/demo/two");
        List<WebElement> frames = stage.browser.driver.findElements(By.tagName("iframe"));
        assertThat(frames).hasSize(2);
        Widget reader = new Widget(stage.browser.driver);
        for (WebElement frame : frames) {
            stage.browser.driver.switchTo().frame(frame);
            reader.awaitState("live", Widget.PATIENCE);
            reader.awaitShown(); // posted from below
            reader.awaitComment("Just did. Wonderful!", Widget.PATIENCE);
            stage.browser.driver.switchTo().defaultContent();
        }

        stage.browser.driver.switchTo().frame(frames.get(0));
        reader.post("Left", "Hello from the left frame");
        stage.browser.driver.switchTo().defaultContent().switchTo().frame(frames.get(1));
        reader.awaitComment("Hello from the left frame", Widget.PATIENCE);
        stage.browser.driver.switchTo().defaultContent();
        assertThat(stage.browser.screenshot("demo-two.png")).isNotEmptyFile();
    }

    @Test
    void theTwoDemoReadersKeepTwoIdentitiesAcrossAReload() {
        stage.browser.driver.get(stage.app.baseUrl() + "/demo/two");
        List<WebElement> frames = stage.browser.driver.findElements(By.tagName("iframe"));
        Widget reader = new Widget(stage.browser.driver);
        stage.browser.driver.switchTo().frame(frames.get(0));
        reader.awaitState("live", Widget.PATIENCE);
        reader.awaitShown();
        reader.post("Lefty", "Only the left frame may edit this");
        String id = reader.awaitComment("Only the left frame may edit this", Widget.PATIENCE).id();
        reader.awaitOwn(id);
        stage.browser.driver.switchTo().defaultContent();

        stage.browser.driver.navigate().refresh();
        frames = stage.browser.driver.findElements(By.tagName("iframe"));
        List<List<String>> offered = new java.util.ArrayList<>();
        for (WebElement frame : frames) {
            stage.browser.driver.switchTo().frame(frame);
            reader.awaitState("live", Widget.PATIENCE);
            reader.awaitShown();
            reader.awaitComment("Only the left frame may edit this", Widget.PATIENCE);
            offered.add(reader.actions(id));
            stage.browser.driver.switchTo().defaultContent();
        }
        assertThat(offered).containsExactly(List.of("reply", "edit", "del"), List.of("reply"));
    }
}
