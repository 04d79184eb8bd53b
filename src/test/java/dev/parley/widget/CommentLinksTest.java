package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Links to one comment (#parley-<id>): opening one shows the comment, and each comment's menu copies its link. */
@ExtendWith(Browser.Required.class)
class CommentLinksTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(Api.MODERATED);
        env.put("PARLEY_PUBLIC_URL", "https://comments.example.com");
        env.put("PARLEY_ALLOWED_ORIGINS", "http://127.0.0.1:*");
        stage = Stage.start(env, Browser::english);
    }

    @Test
    void aLinkToACommentOnAPageNotLoadedShowsItScrolledToMarkedAndFocused() {
        Api api = stage.api();
        String second = null;
        for (int i = 1; i <= 30; i++) {
            String id = api.post("links/far", null, "Ann", "comment " + i);
            if (i == 2) second = id;
        }
        String linked = api.post("links/far", second, "Bob", "the linked reply");

        Widget reader = new Widget(stage.browser.driver)
                .open(stage.site.page("", Map.of("thread", "links/far", "page-size", "10")) + "#parley-" + linked);

        reader.await("the linked comment marked", Widget.PATIENCE, () -> Boolean.TRUE.equals(reader.js(
                "return root.querySelector(`.comment[data-id='" + linked + "']`)?.classList.contains('marked');")));
        assertThat(reader.comment("the linked reply").parent()).isEqualTo(second);
        assertThat(reader.js("return root.activeElement?.dataset.id;")).isEqualTo(linked);
        assertThat(inView(reader, linked)).isTrue();
        assertThat(reader.bodies()).as("the first page, then the linked comment's context in its place").hasSize(12)
                .endsWith("comment 21", "comment 2", "the linked reply");
        assertThat(reader.text(".top h2")).isEqualTo("31 comments");

        reader.shadow().findElement(By.cssSelector(".more")).click();
        reader.await("the second page", Widget.PATIENCE, () -> reader.bodies().contains("comment 11"));
        assertThat(reader.bodies()).as("loaded once, in place").hasSize(22).endsWith("comment 11", "comment 2", "the linked reply");
    }

    @Test
    void aLinkIntoAFoldedRunOfRepliesUnfoldsIt() {
        Api api = stage.api();
        String parent = api.post("links/folded", null, "Ann", "the question");
        for (int i = 1; i <= 10; i++) parent = api.post("links/folded", parent, "Bob", "answer " + i);
        String last = parent;

        Widget reader = new Widget(stage.browser.driver)
                .open(stage.site.page("", Map.of("thread", "links/folded")) + "#parley-" + last);

        reader.await("the last answer marked and shown", Widget.PATIENCE, () -> inView(reader, last) && Boolean.TRUE.equals(
                reader.js("return root.querySelector(`.comment[data-id='" + last + "']`).classList.contains('marked');")));
        assertThat(LongThreadTest.visible(reader)).hasSize(11);
    }

    @Test
    void copyLinkPutsTheCommentsAddressOnTheClipboard() {
        String id = stage.api().post("links/copy", null, "Ann", "worth sharing");
        String page = stage.site.page("", Map.of("thread", "links/copy"));
        stage.browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", stage.site.origin(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        Widget reader = new Widget(stage.browser.driver).open(page);

        copyLink(reader, id);

        reader.await("Link copied", Widget.PATIENCE, () -> "Link copied".equals(reader.text(".pop [role=status]")));
        Object copied = stage.browser.driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('refused: ' + e.message));");
        assertThat(copied).isEqualTo(page + "#parley-" + id);
    }

    @Test
    void withoutAClipboardTheLinkIsShownSelected() {
        String id = stage.api().post("links/fallback", null, "Ann", "worth sharing too");
        String page = stage.site.page("", Map.of("thread", "links/fallback"));
        Widget reader = new Widget(stage.browser.driver).open(page);
        reader.js("Object.defineProperty(navigator, 'clipboard', { value: undefined });");

        copyLink(reader, id);

        reader.await("the link shown", Widget.PATIENCE, () -> reader.js("return root.querySelector('.pop input')?.value;") != null);
        assertThat(reader.js("return root.querySelector('.pop input').value;")).isEqualTo(page + "#parley-" + id);
        assertThat(reader.js("const f = root.querySelector('.pop input');"
                + " return root.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length;"))
                .as("focused and selected, to copy by hand").isEqualTo(true);
        reader.shadow().findElement(By.cssSelector(".pop input")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        reader.await("the menu closed", Widget.PATIENCE, () -> reader.js("return root.querySelector('.pop');") == null);
        assertThat(reader.js("return root.activeElement?.classList.contains('menu');")).isEqualTo(true);
    }

    @Test
    void aFeedEntrysLinkOpensThePageAtItsComment() {
        String page = stage.site.page("", Map.of("thread", "links/feed", "page-size", "2"));
        String first = null;
        for (int i = 1; i <= 5; i++) {
            JsonObject post = new JsonObject().put("thread", "links/feed").put("author", "Ann").put("body", "entry " + i).put("url", page);
            HttpResponse<String> answer = Http.postJson(stage.app.baseUrl() + "/api/v1/comments", post.encode());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            if (i == 1) first = String.valueOf(Http.json(answer).getLong("id"));
        }
        String feed = Http.get(stage.app.baseUrl() + "/feed/thread.atom?thread=links/feed").body();
        Matcher link = Pattern.compile("<link rel=\"alternate\" href=\"([^\"]*#parley-" + first + ")\"").matcher(feed);
        assertThat(link.find()).as(feed).isTrue();
        String entry = link.group(1).replace("&amp;", "&");
        assertThat(entry).isEqualTo(page + "#parley-" + first);

        Widget reader = new Widget(stage.browser.driver).open(entry);

        String linked = first;
        reader.await("the oldest entry marked", Widget.PATIENCE, () -> Boolean.TRUE.equals(reader.js(
                "return root.querySelector(`.comment[data-id='" + linked + "']`)?.classList.contains('marked');")));
        assertThat(inView(reader, first)).isTrue();
    }

    private static void copyLink(Widget reader, String id) {
        reader.shadow().findElement(By.cssSelector(".comment[data-id='" + id + "'] > .meta .menu")).click();
        reader.await("the menu", Widget.PATIENCE, () -> reader.js("return root.querySelector('.pop [role=menuitem]');") != null);
        assertThat(reader.js("return root.activeElement?.getAttribute('role');")).isEqualTo("menuitem");
        reader.shadow().findElement(By.cssSelector(".pop [role=menuitem]")).click();
    }

    private static boolean inView(Widget reader, String id) {
        return Boolean.TRUE.equals(reader.js("const r = root.querySelector(`.comment[data-id='" + id + "']`)"
                + ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;"));
    }
}
