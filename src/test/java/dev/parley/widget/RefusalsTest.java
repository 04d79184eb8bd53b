package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Posts the server refuses come back to their form with the reason in the reader's language; the
 * honeypot is out of people's way but catches a bot that fills it.
 */
@ExtendWith(Browser.Required.class)
class RefusalsTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
    }

    @Test
    void honeypotIsUnseenAndUnreachableAndABotFillingItIsRefused() {
        Widget bot = stage.open(Map.of("thread", "refused/honeypot"));
        assertThat(bot.js("""
                const trap = root.querySelector('.parley > .form input[name=website]');
                const box = trap.parentElement.getBoundingClientRect();
                return [trap.tabIndex, trap.autocomplete, trap.closest('[aria-hidden=true]') !== null,
                        box.width <= 1 && box.height <= 1
                          && getComputedStyle(trap.parentElement).overflow === 'hidden'];"""))
                .isEqualTo(List.of(-1L, "off", true, true));

        bot.js("root.querySelector('.parley > .form input[name=website]').value = 'https://spam.example';");
        bot.post("Bot", "Great post! Visit my site");

        bot.await("the refusal", Widget.PATIENCE,
                () -> "Something went wrong. Please try again.".equals(bot.formError()));
        assertThat(bot.comments()).isEmpty();
        assertThat(Http.json(stage.api().get("/api/v1/comments?thread=refused/honeypot")).getJsonArray("comments"))
                .isEmpty();
    }

    @Test
    void refusedPostsKeepTheirTextAndSayWhy() {
        stage.api().settings(false, "casino");
        try {
            Widget ann = stage.open(Map.of("thread", "refused/content"));

            assertRefused(ann, "Win big at the casino tonight",
                    "Your comment has words or links that are not allowed here.");
            assertRefused(ann, "Links: [a](https://a.example) [b](https://b.example) [c](https://c.example)"
                    + " [d](https://d.example) [e](https://e.example) [f](https://f.example)",
                    "Your comment has too many links.");
            ann.js("root.querySelector('.parley > .form textarea').value = '';");
            ann.post("Ann", "Said once");
            ann.awaitComment("Said once", Widget.PATIENCE);
            assertRefused(ann, "Said once", "You already posted this comment.");
            assertThat(ann.bodies()).containsExactly("Said once");
        } finally {
            stage.api().settings(false);
        }
    }

    @Test
    void postingTooFastAsksTheReaderToSlowDown() {
        // Five at once, then one a minute: typing six posts on a loaded machine can take longer than
        // the default three seconds that would earn the sixth.
        try (Stage limited = Stage.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_POST_BURST", "5",
                "PARLEY_POST_EVERY", "60s"), Browser::english)) {
            Widget ann = limited.open(Map.of("thread", "refused/fast"));
            for (int i = 1; i <= 6; i++) ann.post("Ann", "burst " + i);

            ann.await("the refusal", Widget.PATIENCE,
                    () -> "You are posting too fast. Please wait a moment and try again.".equals(ann.formError()));
            ann.await("five comments", Widget.PATIENCE, () -> ann.bodies().size() == 5);
            assertThat(ann.draft()).isEqualTo("burst 6");
        }
    }

    /** Posts from the top form and expects the refusal, nothing new shown, and the text kept for another try. */
    private static void assertRefused(Widget reader, String body, String message) {
        List<String> before = reader.bodies();
        reader.js("root.querySelector('.parley > .form textarea').value = '';");
        reader.post("Ann", body);
        reader.await("the refusal of " + body, Widget.PATIENCE, () -> message.equals(reader.formError()));
        assertThat(reader.draft()).isEqualTo(body);
        assertThat(reader.comments()).extracting(Widget.Shown::body).isEqualTo(before);
    }
}
