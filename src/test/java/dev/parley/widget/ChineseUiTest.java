package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** A reader whose browser speaks Simplified Chinese gets the whole widget in Chinese. */
@ExtendWith(Browser.Required.class)
class ChineseUiTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::chinese);
    }

    @Test
    void chineseUiWhenTheBrowserLanguageIsZhCn() {
        stage.api().post("zh/ui", null, "小明", "你好，*世界*");
        stage.browser.driver.get(stage.site.page("", Map.of("thread", "zh/ui")));
        assertThat(((JavascriptExecutor) stage.browser.driver).executeScript("return navigator.language;"))
                .as("the browser itself runs in zh-CN").asString().startsWith("zh");
        Widget reader = new Widget(stage.browser.driver);
        reader.awaitState("live", Widget.PATIENCE);
        reader.awaitShown(); // typed into below
        reader.awaitComment("你好，世界", Widget.PATIENCE);

        assertThat(reader.text(".status")).isEqualTo("实时");
        assertThat(reader.text(".top h2")).isEqualTo("1 条评论");
        assertThat(reader.text(".comment time")).isEqualTo("刚刚");
        assertThat(reader.text(".comment .reply")).isEqualTo("回复");
        assertThat(reader.text(".sort button")).isEqualTo("最新在前");
        assertThat(reader.text("button.primary")).isEqualTo("发表");
        assertThat(reader.text(".form .name")).isEqualTo("昵称");
        reader.await("presence in Chinese", Widget.PATIENCE, () -> "1 人正在阅读".equals(reader.text(".online")));

        reader.shadow().findElement(By.cssSelector(".parley > .form textarea")).sendKeys("没有昵称的评论");
        reader.shadow().findElement(By.cssSelector(".parley > .form button.primary")).click();
        assertThat(reader.text(".parley > .form .error")).isEqualTo("请填写昵称（最多 64 个字）。");
        assertThat(reader.js("return root.querySelector('.parley > .form textarea').value;")).isEqualTo("没有昵称的评论");
    }

    @Test
    void demoPageInChineseIsSavedAsAScreenshot() {
        Api api = stage.api();
        String first = api.post("demo", null, "李雷", "这个演示页面上的评论是**实时**的。");
        api.post("demo", first, "韩梅梅", "对，另一个窗口里发的评论马上就出现了。");

        Widget reader = new Widget(stage.browser.driver).open(stage.app.baseUrl() + "/");
        reader.awaitComment("对，另一个窗口里发的评论马上就出现了。", Widget.PATIENCE);

        assertThat(reader.text(".top h2")).isEqualTo("2 条评论");
        assertThat(stage.browser.screenshot("demo-zh.png")).isNotEmptyFile();
    }
}
