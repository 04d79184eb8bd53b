package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Two readers in two browser sessions on one thread, embedded on a third-party page. */
@ExtendWith(Browser.Required.class)
class TwoReadersTest {
    @AutoClose static Stage stage;
    @AutoClose static Browser two;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        two = Browser.english();
    }

    @Test
    void commentPostedByOneReaderAppearsForTheOtherWithinTwoSeconds() {
        String page = stage.site.page("", Map.of("thread", "two/live"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);

        ann.countCommentsAdded();
        ann.post("Ann", "Hello from Ann");

        bob.awaitComment("Hello from Ann", Duration.ofSeconds(2));
        assertThat(bob.comment("Hello from Ann").author()).isEqualTo("Ann");
        ann.awaitComment("Hello from Ann", Widget.PATIENCE);
        assertThat(ann.bodies()).containsExactly("Hello from Ann");
        assertThat(ann.commentsAdded()).as("the pending copy is confirmed in place, never doubled").isEqualTo(1);
        bob.await("both readers counted", Widget.PATIENCE, () -> "2 reading now".equals(bob.text(".online")));
        bob.await("a polite announcement", Widget.PATIENCE,
                () -> "New comment from Ann".equals(bob.text("[aria-live=polite]")));
    }

    @Test
    void replyAppearsNestedUnderItsParentForBothReaders() {
        String page = stage.site.page("", Map.of("thread", "two/nested"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);
        ann.post("Ann", "Which editor do you use?");
        String parent = bob.awaitComment("Which editor do you use?", Widget.PATIENCE).id();

        bob.reply(parent, "Bob", "Plain vi, always.");

        for (Widget reader : new Widget[] {ann, bob}) {
            Widget.Shown reply = reader.awaitComment("Plain vi, always.", Duration.ofSeconds(2));
            assertThat(reply.parent()).isEqualTo(parent);
            assertThat(reply.depth()).isEqualTo(1);
            assertThat(reader.bodies()).containsExactly("Which editor do you use?", "Plain vi, always.");
        }
    }

    @Test
    void commentLandingAboveTheViewportLeavesTheReaderInPlaceAndShowsAPill() {
        Api api = stage.api();
        for (int i = 1; i <= 30; i++) api.post("two/pill", null, "Ann", "comment " + i);
        // Without the browser's own scroll anchoring (as in Safari), so the widget has to keep the place.
        Widget reader = new Widget(stage.browser.driver)
                .open(stage.site.page("html { overflow-anchor: none }", Map.of("thread", "two/pill")));
        reader.awaitComment("comment 11", Widget.PATIENCE); // the first page: the newest 20
        String id = reader.comment("comment 15").id();
        String comment15 = "root.querySelector(`.comment[data-id='" + id + "']`)";
        String topOfComment15 = "return Math.round(" + comment15 + ".getBoundingClientRect().top);";
        reader.js(comment15 + ".scrollIntoView({block: 'start'});");
        Object before = reader.js(topOfComment15);

        api.post("two/pill", null, "Bob", "news from Bob");

        reader.awaitComment("news from Bob", Widget.PATIENCE);
        reader.await("the pill", Widget.PATIENCE, () -> "↑ 1 new comment".equals(reader.text(".pill:not([hidden])")));
        assertThat(reader.js(topOfComment15)).isEqualTo(before);
        reader.shadow().findElement(By.cssSelector(".pill")).click();
        reader.await("the new comment in view", Widget.PATIENCE, () -> Boolean.TRUE.equals(reader.js(
                "const r = root.querySelector('.comment').getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= innerHeight;")));
        assertThat(reader.js("return root.querySelector('.pill').hidden;")).isEqualTo(true);
    }

    @Test
    void editsAndDeletionsShowLiveAndADeletedCommentKeepsItsPlace() {
        Api api = stage.api();
        String parent = api.post("two/changes", null, "Ann", "first draft");
        api.post("two/changes", parent, "Bob", "a reply");
        Widget reader = stage.open(Map.of("thread", "two/changes"));
        reader.awaitComment("a reply", Widget.PATIENCE);

        api.edit(parent, "second draft");
        reader.awaitComment("second draft", Widget.PATIENCE);
        assertThat(reader.js("return root.querySelector('.comment .edited').hidden;")).isEqualTo(false);

        api.delete(parent);
        reader.awaitComment("This comment was deleted.", Widget.PATIENCE);
        assertThat(reader.comment("a reply").parent()).isEqualTo(parent);
        assertThat(reader.bodies()).containsExactly("This comment was deleted.", "a reply");
        assertThat(reader.text(".top h2")).isEqualTo("1 comment");
    }

    @Test
    void repliesDeeperThanThreeLevelsStayFlatWithAReplyingToHint() {
        Api api = stage.api();
        String parent = null;
        for (String name : new String[] {"A", "B", "C", "D", "E"}) {
            parent = api.post("two/deep", parent, name, "said " + name);
        }

        Widget reader = stage.open(Map.of("thread", "two/deep"));
        reader.awaitComment("said E", Widget.PATIENCE);

        assertThat(reader.comments()).extracting(Widget.Shown::body, Widget.Shown::depth, Widget.Shown::to)
                .containsExactly(
                        tuple("said A", 0L, null),
                        tuple("said B", 1L, null),
                        tuple("said C", 2L, null),
                        tuple("said D", 3L, null),
                        tuple("said E", 3L, "replying to D"));
    }
}
