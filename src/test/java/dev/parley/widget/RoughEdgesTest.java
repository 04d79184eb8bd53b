package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a new reader tripped over (issue #14, "Rough edges"): the empty notice over a deleted
 * comment, a locked thread that said nothing, the keyboard hint on touch screens, anonymous authors
 * without a face, bare addresses that were not links. Signed-in names are in SignedInTest, the demo's
 * two identities in DemoTest.
 */
@ExtendWith(Browser.Required.class)
class RoughEdgesTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
    }

    @Test
    void noCommentsYetShowsOnlyWhileNoCommentAtAllIsShown() {
        stage.api().delete(stage.api().post("rough/deleted", null, "Ann", "Soon gone"));

        Widget reader = stage.open(Map.of("thread", "rough/deleted"));
        assertThat(reader.comments()).extracting(Widget.Shown::body).containsExactly("This comment was deleted.");
        assertThat(visible(reader, ".parley > .notice")).as("notices shown").isEmpty();
        assertThat(reader.text(".top h2")).isEqualTo("0 comments");

        reader = stage.open(Map.of("thread", "rough/never-written"));
        assertThat(visible(reader, ".parley > .notice")).containsExactly("No comments yet. Start the conversation!");
    }

    @Test
    void aLockedThreadSaysSoFromTheStartAndOffersNoWayToWrite() {
        stage.api().post("rough/locked", null, "Ann", "Said before the lock");
        stage.api().lock("rough/locked", true);

        Widget reader = stage.open(Map.of("thread", "rough/locked"));
        reader.awaitComment("Said before the lock", Widget.PATIENCE);
        reader.await("the lock shown", Widget.PATIENCE, () -> visible(reader, ".parley > .notice")
                .equals(List.of("This discussion is closed to new comments.")));
        assertThat(visible(reader, ".parley > .form")).as("the form").isEmpty();
        assertThat(visible(reader, ".comment .reply")).as("Reply buttons").isEmpty();

        stage.api().lock("rough/locked", false);
        Widget again = stage.open(Map.of("thread", "rough/locked"));
        assertThat(visible(again, ".parley > .notice")).isEmpty();
        assertThat(visible(again, ".parley > .form")).hasSize(1);
        assertThat(visible(again, ".comment .reply")).containsExactly("Reply");
    }

    @Test
    void theCtrlEnterHintShowsOnlyWhereAFinePointerHovers() {
        stage.browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        try {
            Widget phone = stage.open(Map.of("thread", "rough/hint"));
            assertThat(phone.js("return matchMedia('(pointer: fine)').matches;")).as("a touch screen").isEqualTo(false);
            assertThat(visible(phone, ".parley > .form .hint")).isEmpty();
        } finally {
            stage.browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        }
        try (Browser desktop = Browser.withMouse()) {
            Widget reader = new Widget(desktop.driver).open(stage.site.page("", Map.of("thread", "rough/hint")));
            assertThat(reader.js("return matchMedia('(hover: hover) and (pointer: fine)').matches;")).as("a mouse").isEqualTo(true);
            assertThat(visible(reader, ".parley > .form .hint")).containsExactly("Ctrl+Enter to send");
        }
    }

    @Test
    void anonymousAuthorsGetAnInitialInTheirOwnColourDrawnWithoutARequest() {
        Api api = stage.api();
        JsonObject first = api.postAs(null, "rough/avatars", "ann", "First of Ann");
        JsonObject second = api.postAs(first.getString("authorToken"), "rough/avatars", "ann", "Second of Ann");
        JsonObject other = api.postAs(null, "rough/avatars", "Émile", "Someone else");
        assertThat(second.getString("authorKey")).isEqualTo(first.getString("authorKey"));

        Widget reader = stage.open(Map.of("thread", "rough/avatars"));
        reader.awaitComment("Someone else", Widget.PATIENCE);

        List<Object> ann1 = avatar(reader, first), ann2 = avatar(reader, second), emile = avatar(reader, other);
        assertThat(ann1.subList(0, 3)).isEqualTo(List.of("SPAN", "A", first.getString("authorKey")));
        assertThat(ann2).as("the same author, the same avatar").isEqualTo(ann1);
        assertThat(emile.subList(0, 3)).isEqualTo(List.of("SPAN", "É", other.getString("authorKey")));
        assertThat((String) ann1.get(3)).startsWith("rgb(");
        assertThat(reader.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
                + ".filter(o => o !== location.origin && o !== arguments[0]);", stage.app.baseUrl()))
                .as("requests to anyone but the page and Parley").isEqualTo(List.of());
    }

    @Test
    void bareAddressesInACommentAreLinks() {
        stage.api().post("rough/links", null, "Ann", "Docs at https://example.com/docs, or see www.example.org.");

        Widget reader = stage.open(Map.of("thread", "rough/links"));
        reader.awaitComment("Docs at https://example.com/docs, or see www.example.org.", Widget.PATIENCE);

        assertThat(reader.js("return [...root.querySelectorAll('.comment .body a')].map(a => [a.href, a.textContent, a.rel]);"))
                .isEqualTo(List.of(
                        List.of("https://example.com/docs", "https://example.com/docs", "nofollow ugc noopener noreferrer"),
                        List.of("http://www.example.org/", "www.example.org", "nofollow ugc noopener noreferrer")));
    }

    /** [tag, text, data-key, background colour] of the avatar of this comment. */
    @SuppressWarnings("unchecked")
    private static List<Object> avatar(Widget reader, JsonObject comment) {
        return (List<Object>) reader.js("const a = root.querySelector(`.comment[data-id='${arguments[0]}'] > .meta .avatar`);"
                + " return a && [a.tagName, a.textContent, a.dataset.key, getComputedStyle(a).backgroundColor];",
                String.valueOf(comment.getLong("id")));
    }

    /** The texts of the elements matching the selector that a reader can see. */
    @SuppressWarnings("unchecked")
    static List<String> visible(Widget reader, String selector) {
        return (List<String>) reader.js("return [...root.querySelectorAll(arguments[0])]"
                + ".filter(el => el.checkVisibility()).map(el => el.textContent);", selector);
    }

}
