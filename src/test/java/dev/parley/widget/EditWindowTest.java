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

/** Edit and Delete last as long as the edit window; the server has the last word on it. */
@ExtendWith(Browser.Required.class)
class EditWindowTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of("PARLEY_EDIT_WINDOW", "2s"), Browser::english);
    }

    @Test
    void editAndDeleteGoByThemselvesWhenTheWindowEnds() {
        // data-edit-window tells the widget the server's window, in minutes: 0.05 is 3 s.
        Widget ann = stage.open(Map.of("thread", "window/widget", "edit-window", "0.05"));
        ann.post("Ann", "Editable for a moment");
        String id = ann.awaitComment("Editable for a moment", Widget.PATIENCE).id();
        ann.awaitOwn(id); // Edit comes with the ack, which may follow the comment frame
        assertThat(ann.actions(id)).containsExactly("reply", "edit", "del");

        ann.await("Edit and Delete gone", Duration.ofSeconds(10), () -> ann.actions(id).equals(List.of("reply")));
    }

    @Test
    void anEditAfterTheServersWindowIsRefusedGracefully() {
        Widget ann = stage.open(Map.of("thread", "window/server")); // believes the default 15 minutes
        ann.post("Ann", "Too late to fix this");
        String id = ann.awaitComment("Too late to fix this", Widget.PATIENCE).id();
        Instant created = Instant.parse((String) ann.js(
                "return root.querySelector(`.comment[data-id='" + id + "'] time`).dateTime;"));
        ann.await("the server's 2 s window over", Duration.ofSeconds(10),
                () -> Instant.now().isAfter(created.plusMillis(2500)));
        assertThat(ann.actions(id)).containsExactly("reply", "edit", "del");

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
}
