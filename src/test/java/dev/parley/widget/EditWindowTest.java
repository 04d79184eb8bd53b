package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Edit and Delete last as long as the server's edit window, which the ack tells; the server has the last word on it. */
@ExtendWith(Browser.Required.class)
class EditWindowTest {
    @AutoClose static Stage stage;

    static final Duration WINDOW = Duration.ofSeconds(5);

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of("PARLEY_EDIT_WINDOW", WINDOW.toSeconds() + "s"), Browser::english);
    }

    @Test
    void editAndDeleteGoByThemselvesWhenTheServersWindowEnds() {
        // data-edit-window guesses an hour; the ack's editableUntil (5 s) wins.
        Widget ann = stage.open(Map.of("thread", "window/widget", "edit-window", "60"));
        ann.post("Ann", "Editable for a moment");
        String id = ann.awaitComment("Editable for a moment", Widget.PATIENCE).id();
        ann.awaitOwn(id); // Edit comes with the ack, which may follow the comment frame
        assertThat(ann.actions(id)).containsExactly("reply", "edit", "del");

        ann.await("Edit and Delete gone", Widget.PATIENCE, () -> ann.actions(id).equals(List.of("reply")));
        assertThat(Instant.now()).as("not before the window ends").isAfterOrEqualTo(created(ann, id).plus(WINDOW));
    }

    @Test
    void anEditAfterTheServersWindowIsRefusedGracefully() {
        String page = stage.site.page("", Map.of("thread", "window/server"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        ann.post("Ann", "Too late to fix this");
        String id = ann.awaitComment("Too late to fix this", Widget.PATIENCE).id();
        ann.awaitOwn(id);
        // An entry kept by an older widget has no deadline: it believes data-edit-window (15 minutes).
        ann.js("localStorage.setItem('parley.mine@' + arguments[0], JSON.stringify([+arguments[1]]));",
                stage.app.baseUrl(), id);
        Instant created = created(ann, id);
        ann.await("the server's window over", Widget.PATIENCE,
                () -> Instant.now().isAfter(created.plus(WINDOW).plusMillis(500)));
        ann.open(page);
        ann.awaitOwn(id);

        WebElement text = ann.startEdit(id);
        text.sendKeys(" (fixed)");
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        ann.await("the refusal", Widget.PATIENCE,
                () -> "This comment can no longer be changed.".equals(ann.editError(id)));
        assertThat(text.getDomProperty("value")).as("the text is kept").isEqualTo("Too late to fix this (fixed)");
        text.sendKeys(Keys.ESCAPE);
        ann.awaitEditorClosed(id);
        assertThat(ann.actions(id)).containsExactly("reply");
        assertThat(ann.bodies()).containsExactly("Too late to fix this");
    }

    private static Instant created(Widget reader, String id) {
        return Instant.parse((String) reader.js("return root.querySelector(`.comment[data-id='" + id + "'] time`).dateTime;"));
    }
}
