package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The demo pages the server ships work out of the box, in light and dark; screenshots for the docs. */
class DemoTest {
  @AutoClose static TestApp app;
  @AutoClose static Browser browser;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    app = TestApp.start();
    browser = Browser.english();
    Api api = new Api(app.baseUrl());
    String first = api.post("demo", null, "Ada", "Loving how *fast* this is. Replies show up before I finish reading.");
    String reply = api.post("demo", first, "Grace", "Same here. Try `/demo/two` to see two readers at once.");
    api.post("demo", reply, "Ada", "Just did. Wonderful!");
    api.post("demo", null, "Linus", "Does it survive a server restart? Asking for a friend.");
  }

  @Test
  void demoArticleShowsTheLiveWidgetInLightAndDarkThemes() {
    Widget reader = new Widget(browser.driver).open(app.baseUrl() + "/");
    reader.awaitComment("Just did. Wonderful!", Widget.PATIENCE);
    assertThat(reader.text(".top h2")).isEqualTo(reader.bodies().size() + " comments");
    assertThat(reader.js("return root.querySelector('.parley').dataset.theme;")).isEqualTo("light");
    assertThat(browser.screenshot("demo-light.png")).isNotEmptyFile();

    browser.preferDark();
    reader.await("the dark theme", Widget.PATIENCE,
        () -> "dark".equals(reader.js("return root.querySelector('.parley').dataset.theme;")));
    assertThat(browser.screenshot("demo-dark.png")).isNotEmptyFile();
  }

  @Test
  void twoReadersDemoShowsOneThreadInBothFrames() {
    browser.driver.get(app.baseUrl() + "/demo/two");
    List<WebElement> frames = browser.driver.findElements(By.tagName("iframe"));
    assertThat(frames).hasSize(2);
    Widget reader = new Widget(browser.driver);
    for (WebElement frame : frames) {
      browser.driver.switchTo().frame(frame);
      reader.awaitState("live", Widget.PATIENCE);
      reader.awaitComment("Just did. Wonderful!", Widget.PATIENCE);
      browser.driver.switchTo().defaultContent();
    }

    browser.driver.switchTo().frame(frames.get(0));
    reader.post("Left", "Hello from the left frame");
    browser.driver.switchTo().defaultContent().switchTo().frame(frames.get(1));
    reader.awaitComment("Hello from the left frame", Widget.PATIENCE);
    browser.driver.switchTo().defaultContent();
    assertThat(browser.screenshot("demo-two.png")).isNotEmptyFile();
  }
}
