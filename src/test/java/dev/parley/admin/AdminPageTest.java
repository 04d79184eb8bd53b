package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.widget.Api;
import dev.parley.widget.Browser;
import dev.parley.widget.Stage;
import dev.parley.widget.Widget;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The moderation page driven in Chromium by a moderator, while readers and authors use the widget
 * in other browsers: every decision reaches them live.
 */
@ExtendWith(Browser.Required.class)
class AdminPageTest {
    @AutoClose static Stage stage;  // the moderator's browser, on a server with a moderator token
    @AutoClose static Browser other;  // a reader's browser

    AdminPage admin;
    Widget reader;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        other = Browser.english();
    }

    @BeforeEach
    void openAdmin() {
        admin = new AdminPage(stage.browser.driver, stage.app.baseUrl()).open(Api.MODERATOR_TOKEN);
        reader = new Widget(other.driver);
    }

    @Test
    void signsInWithTheModeratorTokenAndShowsNewCommentsAsTheyArrive() {
        admin.signOut();
        admin.signIn("not-the-moderator-token");
        admin.await("the refusal", () -> "That token was not accepted.".equals(admin.text("#login-error")));
        assertThat(admin.displayed("#app")).isFalse();

        admin.signIn(Api.MODERATOR_TOKEN);
        admin.await("signed in", () -> admin.displayed("#app"));
        assertThat(admin.js("return [sessionStorage.getItem('parley.admin'), localStorage.length, document.cookie];"))
                .as("the token is kept for this tab only").isEqualTo(List.of(Api.MODERATOR_TOKEN, 0L, ""));

        String body = "<b>Fresh</b> & <img src=x onerror=\"window.parleyPwned=1\"> news";
        stage.api().post("admin/new", null, "<i>Eve</i>", body);

        AdminPage.Card card = admin.awaitCard(body);
        assertThat(card.author()).isEqualTo("<i>Eve</i>");
        assertThat(card.thread()).isEqualTo("admin/new");
        assertThat(card.status()).isEqualTo("visible");
        assertThat(card.authorId()).isNotBlank().isNotEqualTo("—");
        assertThat(card.ipHash()).isNotBlank().isNotEqualTo("—");
        assertThat(card.actions()).containsExactly("delete", "ban", "lock", "export", "erase");
        assertThat(admin.js("return document.querySelectorAll('#list b, #list i, #list img').length;")).isEqualTo(0L);
        assertThat(admin.js("return window.parleyPwned ?? null;")).isNull();
    }

    @Test
    void deletingACommentRemovesItLiveFromAReadersWidgetAndRestoringBringsItBack() {
        String id = stage.api().post("admin/delete", null, "Mallory", "Buy cheap watches");
        reader.open(stage.site.page("", Map.of("thread", "admin/delete")));
        reader.awaitComment("Buy cheap watches", Widget.PATIENCE);

        admin.awaitCard("Buy cheap watches");
        admin.act(id, "delete");

        reader.awaitComment("This comment was deleted.", Duration.ofSeconds(2));
        assertThat(reader.bodies()).containsExactly("This comment was deleted.");
        admin.await("the card marked deleted", () -> "deleted".equals(admin.card("Buy cheap watches").status()));
        assertThat(admin.js("return document.activeElement.dataset.act;")).as("focus moves to Restore")
                .isEqualTo("restore");

        admin.act(id, "restore");
        reader.awaitComment("Buy cheap watches", Widget.PATIENCE);
        assertThat(reader.text(".top h2")).isEqualTo("1 comment");
    }

    @Test
    void approvingAPendingCommentUnderPreModerationShowsItLiveToReaders() {
        admin.setPremoderation(true);
        try (Browser authorsBrowser = Browser.english()) {
            String page = stage.site.page("", Map.of("thread", "admin/approve"));
            Widget author = new Widget(authorsBrowser.driver).open(page);
            reader.open(page);

            author.post("Pat", "Please let me in");
            author.await("the author's own comment, held", Widget.PATIENCE,
                    () -> author.comments().stream().anyMatch(c -> c.held() && c.body().equals("Please let me in")));
            assertThat(author.text(".comment .sending")).isEqualTo("waiting for approval");

            admin.showStatus("pending");
            AdminPage.Card card = admin.awaitCard("Please let me in");
            assertThat(card.status()).isEqualTo("pending");
            assertThat(card.actions()).startsWith("approve");
            assertThat(reader.bodies()).as("not shown to readers while waiting").isEmpty();

            admin.act(card.id(), "approve");

            reader.awaitComment("Please let me in", Duration.ofSeconds(2));
            author.await("no longer held", Widget.PATIENCE, () -> author.comments().stream()
                    .anyMatch(c -> !c.held() && c.body().equals("Please let me in")));
            admin.await("gone from the pending list", () -> admin.cards().isEmpty());
            assertThat(author.comments()).hasSize(1);
        } finally {
            admin.showStatus("all");
            admin.setPremoderation(false);
        }
    }

    @Test
    void banningAnAuthorRefusesTheirNextPostInTheirOwnLanguage() {
        try (Browser chinese = Browser.chinese()) {
            String page = stage.site.page("", Map.of("thread", "admin/ban"));
            Widget author = new Widget(chinese.driver).open(page);
            author.post("小王", "第一条评论，还算正常");
            author.awaitComment("第一条评论，还算正常", Widget.PATIENCE);

            AdminPage.Card card = admin.awaitCard("第一条评论，还算正常");
            admin.banAuthor(card.id(), "1 hour", "spam");
            admin.await("the ban listed", () -> admin.text("#ban-rows").contains(card.authorId()));

            author.post("小王", "第二条评论，广告");

            author.await("the refusal in Chinese", Widget.PATIENCE, () -> "你已被禁止在此评论。".equals(author.formError()));
            assertThat(author.draft()).isEqualTo("第二条评论，广告");
            assertThat(author.bodies()).containsExactly("第一条评论，还算正常");
        }
    }

    @Test
    void lockingAThreadRefusesNewPostsUntilItIsUnlocked() {
        stage.api().post("admin/lock", null, "Ann", "Heated debate");
        reader.open(stage.site.page("", Map.of("thread", "admin/lock")));
        AdminPage.Card card = admin.awaitCard("Heated debate");

        admin.act(card.id(), "lock");
        admin.await("locked", () -> "Thread admin/lock locked.".equals(admin.notice()));
        assertThat(admin.card("Heated debate").actions()).contains("unlock");
        reader.post("Bob", "One more thing");
        reader.await("the refusal", Widget.PATIENCE,
                () -> "This discussion is closed to new comments.".equals(reader.formError()));

        admin.act(card.id(), "unlock");
        admin.await("unlocked", () -> "Thread admin/lock unlocked.".equals(admin.notice()));
        reader.shadow().findElement(By.cssSelector(".parley > .form textarea"))
                .sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        reader.awaitComment("One more thing", Widget.PATIENCE);
    }

    @Test
    void theThreadsFormLocksByKeyAndTheThreadsCardsShowItWithTheNotice() {
        stage.api().post("admin/lock-form", null, "Cy", "By the key");
        AdminPage.Card card = admin.awaitCard("By the key");
        assertThat(card.actions()).contains("lock");

        assertThat(admin.lockByKey("admin/lock-form", true).get("By the key")).as("flipped with the notice")
                .contains("unlock").doesNotContain("lock");
        HttpResponse<String> refused = stage.api().attempt("admin/lock-form", "Dee", "Too late");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).getJsonObject("error").getString("code")).isEqualTo("thread_locked");

        assertThat(admin.lockByKey("admin/lock-form", false).get("By the key")).as("flipped with the notice")
                .contains("lock").doesNotContain("unlock");
        assertThat(stage.api().attempt("admin/lock-form", "Dee", "In time").statusCode()).isEqualTo(201);
    }

    @Test
    void exportDownloadsAnAuthorsDataAndEraseRemovesItLiveAfterConfirming(@TempDir Path downloads) throws IOException {
        stage.browser.driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        String page = stage.site.page("", Map.of("thread", "admin/erase"));
        try (Browser authorsBrowser = Browser.english()) {
            Widget author = new Widget(authorsBrowser.driver).open(page);
            author.post("Quinn", "Remember me");
            author.awaitComment("Remember me", Widget.PATIENCE);
            author.post("Quinn", "Actually, forget me");
            author.awaitComment("Actually, forget me", Widget.PATIENCE);
        }
        reader.open(page);
        AdminPage.Card card = admin.awaitCard("Actually, forget me");

        admin.act(card.id(), "export");
        Path file = downloads.resolve("parley-author-" + card.authorId().replaceAll("[^\\w.-]", "_") + ".json");
        admin.await("the download", () -> Files.exists(file));
        JsonObject exported = new JsonObject(Files.readString(file));
        assertThat(exported.getString("authorId")).isEqualTo(card.authorId());
        assertThat(exported.getJsonArray("comments").stream().map(c -> ((JsonObject) c).getString("body")))
                .containsExactlyInAnyOrder("Remember me", "Actually, forget me");

        admin.act(card.id(), "erase");
        admin.await("the confirmation dialog", () -> admin.displayed("#confirm"));
        assertThat(admin.js("return document.activeElement.id;")).as("the safe choice has focus")
                .isEqualTo("confirm-cancel");
        stage.browser.driver.findElement(By.id("confirm-ok")).click();

        admin.await("erased", () -> admin.notice().startsWith("Erased 2 comments"));
        reader.await("both gone for the reader", Widget.PATIENCE,
                () -> reader.bodies().equals(List.of("This comment was deleted.", "This comment was deleted.")));
    }

    @Test
    void importingAFileShowsWhatItWouldDoThenItsCommentsReachAReaderLive() throws Exception {
        reader.open(stage.site.page("", Map.of("thread", "/posts/hello")));
        reader.awaitShown();
        Path file = Path.of(AdminPageTest.class.getResource("/import/disqus.xml").toURI());
        new org.openqa.selenium.support.ui.Select(stage.browser.driver.findElement(By.id("import-format")))
                .selectByValue("disqus");
        stage.browser.driver.findElement(By.id("import-file")).sendKeys(file.toString());
        stage.browser.driver.findElement(By.cssSelector("#import-form button[type=submit]")).click();
        admin.await("the dry run's report", () -> admin.notice().startsWith("Dry run: would import 8 comments"));
        assertThat(admin.text("#import-report")).contains("Skipped, deleted: 2.").contains("Skipped, spam: 1.");
        assertThat(reader.bodies()).isEmpty();

        stage.browser.driver.findElement(By.id("import-dry")).click();
        stage.browser.driver.findElement(By.cssSelector("#import-form button[type=submit]")).click();
        admin.await("imported", () -> admin.notice().startsWith("Imported 8 comments into 2 threads"));
        reader.awaitComment("A reply to a deleted comment", Widget.PATIENCE);
        assertThat(reader.bodies()).hasSize(5);
    }

    @Test
    void everyControlIsLabelledAndTheAuditLogRecordsWhatModeratorsDid() {
        String id = stage.api().post("admin/audit", null, "Ann", "Audit me");
        admin.awaitCard("Audit me");
        admin.act(id, "delete");
        admin.await("the audit entry", () -> admin.text("#audit-rows").contains("comment " + id));

        assertThat(admin.js("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(el => el.offsetParent !== null)
                  .filter(el => el.tagName === 'BUTTON' ? !el.textContent.trim()
                                                       : el.labels.length === 0 && !el.getAttribute('aria-label'))
                  .map(el => el.outerHTML);""")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .isEmpty();
        stage.browser.preferColorScheme("light");
        assertThat(stage.browser.screenshot("admin-light.png")).isNotEmptyFile();
        stage.browser.preferColorScheme("dark");
        assertThat(admin.js("return getComputedStyle(document.body).backgroundColor;")).isEqualTo("rgb(15, 17, 20)");
        assertThat(stage.browser.screenshot("admin-dark.png")).isNotEmptyFile();
        stage.browser.preferColorScheme("light");
    }
}
