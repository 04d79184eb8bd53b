package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Votes between two readers in two browsers, the "Top" order, and "edited" with its time. */
@ExtendWith(Browser.Required.class)
class VotesTest {
    @AutoClose static Stage stage;
    @AutoClose static Browser two;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of("PARLEY_ADMIN_TOKEN", Api.MODERATOR_TOKEN, "PARLEY_VOTE_TRUST_AFTER", "1ms"),
                Browser::english);
        two = Browser.english();
    }

    private static String votes(Widget reader, String id) {
        return (String) reader.js("const b = root.querySelector(`.comment[data-id='${arguments[0]}'] > .meta .votes`);"
                + " return b && !b.hidden ? [...b.children].map(x => x.getAttribute('aria-pressed') + x.textContent).join('|') : null;", id);
    }

    @Test
    void aVoteByOneReaderShowsForTheOtherLiveAndCanBeWithdrawn() {
        Api api = stage.api();
        String id = api.post("votes/live", null, "Ann", "Vote for me");
        String other = api.post("votes/live", null, "Ann", "Already voted on");
        String warm = api.post("votes/live", null, "Ann", "Cy's first vote");
        // A thread with votes loads the part at once: a score seen before loading comes back from /scores.
        Http.postJson(stage.app.baseUrl() + "/api/v1/comments/" + other + "/vote", new JsonObject().put("value", -1).encode());
        String page = stage.site.page("", Map.of("thread", "votes/live"));
        Widget bob = new Widget(stage.browser.driver).open(page);
        Widget cy = new Widget(two.driver).open(page);
        for (Widget reader : List.of(bob, cy)) {
            reader.await("the existing score", Widget.PATIENCE, () -> "false▲|false▼ 1".equals(votes(reader, other)));
        }

        // Both browsers share one address: Cy's first vote makes Cy a reader seen before (the trust
        // age is 1 ms here), whose vote then counts beside Bob's.
        cy.shadow().findElement(By.cssSelector(".comment[data-id='" + warm + "'] .votes .vote")).click();
        cy.await("cy's first vote", Widget.PATIENCE, () -> "true▲ 1|false▼".equals(votes(cy, warm)));
        bob.shadow().findElement(By.cssSelector(".comment[data-id='" + id + "'] .votes .vote")).click();

        bob.await("bob's vote pressed", Widget.PATIENCE, () -> "true▲ 1|false▼".equals(votes(bob, id)));
        cy.await("bob's vote, live", Widget.PATIENCE, () -> "false▲ 1|false▼".equals(votes(cy, id)));
        cy.shadow().findElement(By.cssSelector(".comment[data-id='" + id + "'] .votes .vote")).click();
        bob.await("cy's vote, live", Widget.PATIENCE, () -> "true▲ 2|false▼".equals(votes(bob, id)));

        bob.shadow().findElement(By.cssSelector(".comment[data-id='" + id + "'] .votes .vote")).click();
        cy.await("bob's vote withdrawn", Widget.PATIENCE, () -> "true▲ 1|false▼".equals(votes(cy, id)));
        assertThat(bob.token(stage.app.baseUrl())).as("a first vote gives a reader their token").startsWith("a1.");
    }

    @Test
    void topPutsTheBestScoredCommentFirstAndNewestPutsTheOrderBack() {
        Api api = stage.api();
        String low = api.post("votes/top", null, "Ann", "first, no votes");
        String high = api.post("votes/top", null, "Ann", "second, voted up");
        Http.postJson(stage.app.baseUrl() + "/api/v1/comments/" + high + "/vote", new JsonObject().put("value", 1).encode());
        Widget reader = stage.open(Map.of("thread", "votes/top"));
        reader.await("the Top button", Widget.PATIENCE, () -> "Top".equals(reader.text(".sort button:last-child")));

        reader.js("root.querySelector('.sort button:first-child').click();"); // newest first
        assertThat(reader.bodies()).containsExactly("second, voted up", "first, no votes");
        reader.js("root.querySelector('.sort button:nth-child(2)').click();"); // oldest first
        assertThat(reader.bodies()).containsExactly("first, no votes", "second, voted up");
        reader.js("root.querySelector('.sort button:last-child').click();");
        assertThat(reader.bodies()).containsExactly("second, voted up", "first, no votes");
        assertThat(reader.js("return [...root.querySelectorAll('.sort button')].map(b => b.getAttribute('aria-pressed')).join();"))
                .isEqualTo("false,false,true");
        assertThat(low).isNotEqualTo(high);
    }

    @Test
    void anEditedCommentSaysEditedWithItsTimeAndTheFullTimeOnHover() {
        Api api = stage.api();
        String id = api.post("votes/edited", null, "Ann", "first words");
        api.edit(id, "second words");
        Widget reader = stage.open(Map.of("thread", "votes/edited"));
        reader.awaitComment("second words", Widget.PATIENCE);
        assertThat(reader.text(".comment .edited")).isEqualTo("edited · just now");
        assertThat((String) reader.js("return root.querySelector('.comment .edited time').title;")).isNotBlank();
    }
}
