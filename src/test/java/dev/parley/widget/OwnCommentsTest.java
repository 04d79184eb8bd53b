package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.security.XssCorpus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A reader's own comments: the author token from the ack, Edit and Delete on their comments only,
 * edits and deletions reaching another browser live, and hostile text through the edit path.
 */
@ExtendWith(Browser.Required.class)
class OwnCommentsTest {
    @AutoClose static Stage stage;
    @AutoClose static Browser two;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        two = Browser.english();
    }

    @Test
    void ownEditAndDeleteReachAnotherReaderLive() {
        String page = stage.site.page("", Map.of("thread", "own/live"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);
        ann.post("Ann", "Helo everyone");
        String id = ann.awaitComment("Helo everyone", Widget.PATIENCE).id();
        bob.awaitComment("Helo everyone", Widget.PATIENCE);
        ann.awaitOwn(id); // the token and Edit come with the ack, which may follow the comment frame
        assertThat(ann.token(stage.app.baseUrl())).as("the author token from the ack, kept per server").isNotBlank();
        assertThat(ann.actions(id)).containsExactly("reply", "edit", "del");

        WebElement text = ann.startEdit(id);
        assertThat(text.getDomProperty("value")).isEqualTo("Helo everyone");
        text.clear();
        text.sendKeys("Hello everyone");
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        ann.awaitEditorClosed(id);

        bob.awaitComment("Hello everyone", Duration.ofSeconds(2));
        ann.awaitComment("Hello everyone", Widget.PATIENCE);
        for (Widget reader : new Widget[] {ann, bob}) {
            assertThat(reader.js("return root.querySelector(`.comment[data-id='" + id + "'] .edited`).hidden;"))
                    .isEqualTo(false);
        }
        assertThat(ann.js("return root.activeElement.classList.contains('edit');")).as("focus back on Edit")
                .isEqualTo(true);

        ann.delete(id);
        bob.awaitComment("This comment was deleted.", Duration.ofSeconds(2));
        ann.awaitComment("This comment was deleted.", Widget.PATIENCE);
        assertThat(ann.actions(id)).isEmpty();
        assertThat(bob.text(".top h2")).isEqualTo("0 comments");
    }

    @Test
    void editAndDeleteAreOfferedOnTheReadersOwnCommentsOnly() {
        String thread = "own/others";
        String carol = stage.api().post(thread, null, "Carol", "Carol was here");
        String page = stage.site.page("", Map.of("thread", thread));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);

        ann.post("Ann", "Ann was here");
        String mine = ann.awaitComment("Ann was here", Widget.PATIENCE).id();
        bob.awaitComment("Ann was here", Widget.PATIENCE);

        ann.awaitOwn(mine); // Edit comes with the ack, which may follow the comment frame
        assertThat(ann.actions(mine)).containsExactly("reply", "edit", "del");
        assertThat(ann.actions(carol)).containsExactly("reply");
        assertThat(bob.actions(mine)).containsExactly("reply");
        assertThat(bob.actions(carol)).containsExactly("reply");

        ann.open(page);
        ann.awaitComment("Ann was here", Widget.PATIENCE);
        assertThat(ann.actions(mine)).as("remembered on the next visit").containsExactly("reply", "edit", "del");
    }

    @Test
    void escapeCancelsAnEditAndReturnsFocusToEdit() {
        Widget ann = stage.open(Map.of("thread", "own/escape"));
        ann.post("Ann", "Keep me as I am");
        String id = ann.awaitComment("Keep me as I am", Widget.PATIENCE).id();

        WebElement text = ann.startEdit(id);
        text.sendKeys(" or not");
        assertThat(stage.browser.screenshot("widget-edit.png")).isNotEmptyFile();
        text.sendKeys(Keys.ESCAPE);

        ann.awaitEditorClosed(id);
        assertThat(ann.comment("Keep me as I am").id()).isEqualTo(id);
        assertThat(ann.js("return root.activeElement.classList.contains('edit');")).isEqualTo(true);
    }

    @Test
    void claimingSomeoneElsesCommentIsRefusedByTheServerAndTheButtonsGo() {
        String thread = "own/forged";
        String carol = stage.api().post(thread, null, "Carol", "Only Carol may change this");
        Widget ann = stage.open(Map.of("thread", thread));
        ann.post("Ann", "Ann holds a token now");
        // Wait for the ack: it stores the token, and arriving late it would overwrite the list forged below.
        ann.awaitOwn(ann.awaitComment("Ann holds a token now", Widget.PATIENCE).id());
        // The page (or anything else running on it) can write the widget's list of own comments.
        ann.js("localStorage.setItem('parley.mine@' + arguments[0], JSON.stringify([+arguments[1]]));",
                stage.app.baseUrl(), carol);
        ann.open(stage.site.page("", Map.of("thread", thread)));
        ann.awaitComment("Only Carol may change this", Widget.PATIENCE);
        assertThat(ann.actions(carol)).containsExactly("reply", "edit", "del");

        WebElement text = ann.startEdit(carol);
        text.sendKeys(" (edited by Ann)");
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        ann.await("the refusal", Widget.PATIENCE,
                () -> "You can only change your own comments.".equals(ann.editError(carol)));
        text.sendKeys(Keys.ESCAPE);
        ann.awaitEditorClosed(carol);
        assertThat(ann.actions(carol)).containsExactly("reply");
        assertThat(ann.bodies()).contains("Only Carol may change this");
    }

    @Test
    void xssCorpusThroughTheEditPathRendersHarmlesslyAndRunsNothing() {
        String page = stage.site.page("", Map.of("thread", "own/xss"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);
        for (WebDriver driver : List.of(stage.browser.driver, two.driver)) trapDialogs(driver);
        ann.post("Ann", "soon to be every vector in turn");
        String id = ann.awaitComment("soon to be every vector in turn", Widget.PATIENCE).id();

        List<String> corpus = XssCorpus.VECTORS;
        for (String vector : corpus) {
            ann.editVerbatim(id, vector);
            assertThat(dangerousElements(ann)).as("after editing to %s", vector).isEmpty();
        }
        ann.edit(id, "corpus done");
        bob.awaitComment("corpus done", Widget.PATIENCE); // every edit before it has been rendered too

        for (Widget reader : new Widget[] {ann, bob}) {
            assertThat(dangerousElements(reader)).isEmpty();
        }
        for (WebDriver driver : List.of(stage.browser.driver, two.driver)) {
            assertThat(((JavascriptExecutor) driver).executeScript("return window.parleyPwned ?? null;"))
                    .as("script ran in %s", driver).isNull();
            assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
    }

    /**
     * Any element or attribute in the widget that could run script or load something. The one style
     * attribute the widget sets itself, a drawn avatar's background colour, is only ever that.
     */
    static List<?> dangerousElements(Widget reader) {
        return (List<?>) reader.js("""
                const drawn = el => el.matches('.meta > span.avatar')
                  && /^background: rgb\\(\\d+, \\d+, \\d+\\);$/.test(el.getAttribute('style'));
                return [...root.querySelectorAll('*')].filter(el =>
                  /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED|SVG|svg|MATH|math|STYLE|LINK|META|BASE|FORM)$/.test(el.tagName)
                    && !(el.tagName === 'LINK' && el.href.endsWith('/embed.css'))
                    && !(el.tagName === 'FORM' && el.classList.contains('form'))
                    || [...el.attributes].some(a => a.name.startsWith('on') || a.name === 'srcdoc'
                        || (a.name === 'style' && !drawn(el)))
                    || (el.tagName === 'A' && el.hasAttribute('href') && !/^(https?|mailto):/.test(el.protocol))
                ).map(el => el.outerHTML);""");
    }

    /** alert, confirm and prompt only record that something called them. */
    static void trapDialogs(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(
                "window.alert = window.confirm = window.prompt = () => { window.parleyPwned = 'dialog'; };");
    }
}
