package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A thread of long comments comes in several pages, each under the server's byte cap: the widget shows them all, the rest on "Load more". */
@ExtendWith(Browser.Required.class)
class LongCommentsTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
    }

    @Test
    void everyPageOfAThreadOfLongCommentsIsShown() {
        String body = "ü".repeat(7990);
        for (int i = 0; i < 70; i++) {
            stage.api().post("long/pages", null, "Ann" + i, body + " #" + i);
        }
        Widget reader = stage.open(Map.of("thread", "long/pages", "page-size", "100"));
        // 70 comments of 16 KB are more than one answer holds (1 MiB): "Load more" brings the rest.
        reader.await("a first page cut by its size", Widget.PATIENCE,
                () -> !reader.comments().isEmpty() && Boolean.FALSE.equals(reader.js("return root.querySelector('.more').hidden;")));
        assertThat(reader.comments().size()).isLessThan(70);
        for (int pages = 1; Boolean.FALSE.equals(reader.js("return root.querySelector('.more').hidden;")); pages++) {
            assertThat(pages).as("pages of at most 1 MiB").isLessThan(70);
            int shown = reader.comments().size();
            reader.shadow().findElement(org.openqa.selenium.By.cssSelector(".more")).click();
            reader.await("the next page", Widget.PATIENCE, () -> reader.comments().size() > shown);
        }
        assertThat(reader.comments()).hasSize(70);
        assertThat(reader.comments()).extracting(c -> c.body().substring(c.body().lastIndexOf('#')))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 70).mapToObj(i -> "#" + i).toList());
    }
}
