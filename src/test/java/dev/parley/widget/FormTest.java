package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Writing: the counter near the limit, a kept text on error, the preview, the remembered name, keyboard replies. */
@ExtendWith(Browser.Required.class)
class FormTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
    }

    @Test
    void counterShowsNearTheLimitAndAnOverlongCommentIsKeptWithAnError() {
        Widget reader = stage.open(Map.of("thread", "form/limit"));
        WebElement text = reader.shadow().findElement(By.cssSelector(".parley > .form textarea"));
        reader.shadow().findElement(By.cssSelector(".parley > .form input")).sendKeys("Ann");
        reader.js("const t = root.querySelector('.parley > .form textarea'); t.value = 'a'.repeat(7990);"
                + " t.dispatchEvent(new Event('input'));");
        assertThat(reader.text(".parley > .form .count")).isEqualTo("10 characters left");

        text.sendKeys("b".repeat(20));
        assertThat(reader.text(".parley > .form .count")).isEqualTo("10 characters too many");
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        assertThat(reader.text(".parley > .form .error")).isEqualTo("Please write a comment (up to 8,000 characters).");
        assertThat(text.getDomProperty("value")).hasSize(8010);
        assertThat(reader.comments()).isEmpty();
    }

    @Test
    void previewShowsTheServersRenderingAndPostingFromItWorks() {
        Widget reader = stage.open(Map.of("thread", "form/preview"));
        reader.shadow().findElement(By.cssSelector(".parley > .form input")).sendKeys("Ann");
        WebElement text = reader.shadow().findElement(By.cssSelector(".parley > .form textarea"));
        text.sendKeys("Looks *right* <img src=x onerror=\"window.parleyPwned=1\">");
        WebElement toggle = reader.shadow().findElement(By.cssSelector(".parley > .form .toggle"));

        toggle.click();
        reader.await("the preview", Widget.PATIENCE, () -> "true".equals(toggle.getDomAttribute("aria-pressed")));
        assertThat(reader.js("return root.querySelector('.parley > .form .preview').innerHTML;"))
                .as("markup in the text is shown as text").isEqualTo(
                        "<p>Looks <em>right</em> &lt;img src=x onerror=\"window.parleyPwned=1\"&gt;</p>");
        assertThat(text.isDisplayed()).as("the text field gives way to the preview").isFalse();
        assertThat(stage.browser.screenshot("widget-preview.png")).isNotEmptyFile();
        assertThat(reader.js("return window.parleyPwned ?? null;")).isNull();
        assertThat(reader.comments()).as("nothing posted").isEmpty();

        toggle.click();
        assertThat(text.isDisplayed()).isTrue();
        assertThat(reader.js("return root.activeElement === root.querySelector('.parley > .form textarea');"))
                .as("back to writing, in the text").isEqualTo(true);

        toggle.click();
        reader.await("the preview again", Widget.PATIENCE, () -> "true".equals(toggle.getDomAttribute("aria-pressed")));
        reader.shadow().findElement(By.cssSelector(".parley > .form button[type=submit]")).click();
        reader.awaitComment("Looks right <img src=x onerror=\"window.parleyPwned=1\">", Widget.PATIENCE);
        assertThat(toggle.getDomAttribute("aria-pressed")).as("a fresh form to write in").isEqualTo("false");
        assertThat(text.isDisplayed()).isTrue();
        assertThat(text.getDomProperty("value")).isEmpty();
    }

    @Test
    void nameIsRememberedForTheNextVisit() {
        String page = stage.site.page("", Map.of("thread", "form/name"));
        Widget reader = new Widget(stage.browser.driver).open(page);
        reader.post("Zoe", "I will be back");
        reader.awaitComment("I will be back", Widget.PATIENCE);

        reader.open(page);
        assertThat(reader.shadow().findElement(By.cssSelector(".parley > .form input")).getDomProperty("value"))
                .isEqualTo("Zoe");
    }

    @Test
    void replyingWorksFromTheKeyboardAndEscapeReturnsFocus() {
        Api api = stage.api();
        String parent = api.post("form/keys", null, "Ann", "Reply with keys only");
        Widget reader = stage.open(Map.of("thread", "form/keys"));
        reader.awaitComment("Reply with keys only", Widget.PATIENCE);
        WebElement reply = reader.shadow().findElement(By.cssSelector(".comment[data-id='" + parent + "'] .reply"));
        assertThat(reply.getAttribute("aria-label")).isEqualTo("Reply to Ann");

        reply.sendKeys(Keys.ENTER);
        reader.await("focus in the reply form", Widget.PATIENCE,
                () -> "TEXTAREA".equals(focused(reader)) || "INPUT".equals(focused(reader)));
        stage.browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);

        reader.await("focus back on Reply", Widget.PATIENCE, () -> "BUTTON reply".equals(focused(reader)));
        assertThat(reader.js("return root.querySelector('.comment > .form');")).isNull();
    }

    private static String focused(Widget reader) {
        return (String) reader.js("const el = root.activeElement;"
                + " return el ? el.tagName + (el.classList.contains('reply') ? ' reply' : '') : null;");
    }
}
