package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** A long thread comes a page of top-level comments at a time, and long runs of replies fold. */
@ExtendWith(Browser.Required.class)
class LongThreadTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
    }

    @Test
    void loadMoreThenALiveCommentFromAnotherReaderLandsInPlaceAndThePillWorks() {
        Api api = stage.api();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 25; i++) ids.add(api.post("long/more", null, "Ann", "comment " + i));
        api.post("long/more", ids.get(14), "Bob", "a reply on the second page");
        Widget reader = stage.open(Map.of("thread", "long/more", "page-size", "10"));
        reader.awaitComment("comment 16", Widget.PATIENCE);
        assertThat(reader.bodies()).hasSize(10).startsWith("comment 25").endsWith("comment 16");
        assertThat(reader.text(".top h2")).as("the whole thread counted").isEqualTo("26 comments");

        reader.shadow().findElement(By.cssSelector(".more")).click();
        reader.awaitComment("comment 6", Widget.PATIENCE);
        assertThat(reader.comment("a reply on the second page").parent()).isEqualTo(ids.get(14));
        assertThat(reader.bodies()).hasSize(21).endsWith("comment 6");

        // Another reader replies to a comment of the page not loaded, then writes at the top.
        api.post("long/more", ids.get(1), "Cy", "a live reply on the last page");
        reader.js("root.querySelector('.more').scrollIntoView({block: 'end'});");
        api.post("long/more", null, "Cy", "news from Cy");
        reader.awaitComment("news from Cy", Widget.PATIENCE);
        assertThat(reader.bodies()).as("the reply waits for its page; the news is first").hasSize(22)
                .startsWith("news from Cy", "comment 25").doesNotContain("a live reply on the last page");
        assertThat(reader.text(".top h2")).isEqualTo("28 comments");
        reader.await("the pill", Widget.PATIENCE, () -> "↑ 1 new comment".equals(reader.text(".pill:not([hidden])")));
        reader.shadow().findElement(By.cssSelector(".pill")).click();
        reader.await("the news in view", Widget.PATIENCE, () -> Boolean.TRUE.equals(reader.js(
                "const r = root.querySelector('.comment').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;")));

        reader.shadow().findElement(By.cssSelector(".more")).click();
        reader.awaitComment("comment 1", Widget.PATIENCE);
        Widget.Shown reply = reader.comment("a live reply on the last page");
        assertThat(reply.parent()).isEqualTo(ids.get(1));
        assertThat(reply.depth()).isEqualTo(1);
        assertThat(reader.bodies()).hasSize(28).endsWith("comment 2", "a live reply on the last page", "comment 1");
        assertThat(reader.js("return root.querySelector('.more').hidden;")).isEqualTo(true);
        assertThat(reader.text(".top h2")).isEqualTo("28 comments");
    }

    @Test
    void thePageSizeMayBeGivenOnTheScriptTag() {
        Api api = stage.api();
        for (int i = 1; i <= 5; i++) api.post("long/script", null, "Ann", "comment " + i);
        Widget reader = new Widget(stage.browser.driver)
                .open(stage.site.page("", Map.of("thread", "long/script"), Map.of("page-size", "2")));
        reader.awaitComment("comment 4", Widget.PATIENCE);
        assertThat(reader.bodies()).containsExactly("comment 5", "comment 4");
        assertThat(reader.text(".top h2")).isEqualTo("5 comments");
    }

    @Test
    void theOrderChangedWithPagesLeftLoadsTheFirstPageOfTheNewOrder() {
        Api api = stage.api();
        for (int i = 1; i <= 8; i++) api.post("long/order", null, "Ann", "comment " + i);
        Widget reader = stage.open(Map.of("thread", "long/order", "page-size", "3"));
        reader.awaitComment("comment 6", Widget.PATIENCE);

        reader.shadow().findElement(By.cssSelector(".sort button:nth-child(2)")).click();

        reader.await("the oldest three", Widget.PATIENCE,
                () -> reader.bodies().equals(List.of("comment 1", "comment 2", "comment 3")));
        reader.shadow().findElement(By.cssSelector(".more")).click();
        reader.await("the next three", Widget.PATIENCE, () -> reader.bodies().size() == 6);
        assertThat(reader.bodies()).endsWith("comment 4", "comment 5", "comment 6");
    }

    @Test
    void aLongRunOfRepliesFoldsBehindShowMoreAndUnfolds() {
        Api api = stage.api();
        String parent = api.post("long/chain", null, "Ann", "the question");
        for (int i = 1; i <= 10; i++) parent = api.post("long/chain", parent, i % 2 == 0 ? "Ann" : "Bob", "answer " + i);
        Widget reader = stage.open(Map.of("thread", "long/chain"));
        reader.awaitComment("answer 10", Widget.PATIENCE);

        reader.await("a folded run", Widget.PATIENCE, () -> reader.text(".unfold") != null);
        assertThat(reader.text(".unfold")).isEqualTo("Show 5 more replies");
        assertThat(visible(reader)).containsExactly("the question", "answer 1", "answer 2", "answer 3", "answer 4", "answer 5");

        reader.shadow().findElement(By.cssSelector(".unfold")).click();

        reader.await("the run unfolded", Widget.PATIENCE, () -> visible(reader).size() == 11);
        assertThat(visible(reader)).endsWith("answer 9", "answer 10");
        assertThat(reader.text(".unfold")).isNull();
        assertThat(reader.js("return root.activeElement?.querySelector(':scope > .body').textContent.trim();"))
                .as("focus on the first reply shown").isEqualTo("answer 6");
    }

    @SuppressWarnings("unchecked")
    static List<String> visible(Widget reader) {
        return (List<String>) reader.js("return [...root.querySelectorAll('.comment')].filter(el => el.offsetParent !== null)"
                + ".map(el => el.querySelector(':scope > .body').textContent.trim());");
    }
}
