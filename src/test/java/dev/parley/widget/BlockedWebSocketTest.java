package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readers behind a proxy that blocks WebSocket (docs/widget.md, "Staying live"): the page's
 * WebSocket never opens, so after two tries the widget loads its stream part and stays live over
 * an event stream; where EventSource fails too, by polling. Either way two readers see each
 * other's comments live, through the same path as the socket's frames (status, pill, counts).
 */
@ExtendWith(Browser.Required.class)
class BlockedWebSocketTest {
    /** A WebSocket that never opens: it closes, as a socket refused by a proxy does (1006). */
    static final String NO_WEBSOCKET = """
            window.parleySockets = 0;
            window.WebSocket = class {
              constructor() {
                window.parleySockets++;
                this.readyState = 0;
                setTimeout(() => { this.readyState = 3; this.onclose?.({ code: 1006 }); }, 20);
              }
              send() { throw new Error('not open'); }
              close() {}
            };""";
    /** Records the streams the page opens (the browser's own EventSource does the work). */
    static final String COUNTED_EVENT_SOURCE = """
            window.parleyStreams = [];
            const RealEventSource = window.EventSource;
            window.EventSource = class extends RealEventSource {
              constructor(url, options) { super(url, options); window.parleyStreams.push(url); }
            };""";
    /** An EventSource that fails at once, as one whose stream a proxy refuses does. */
    static final String NO_EVENT_SOURCE = """
            window.parleyStreams = [];
            window.EventSource = class {
              constructor(url) { window.parleyStreams.push(url); setTimeout(() => this.onerror?.({}), 20); }
              close() {}
            };""";

    @AutoClose static Stage stage;
    @AutoClose static Browser two;
    private final List<Runnable> unblock = new ArrayList<>();

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
        two = Browser.english();
        String site = new JsonObject().put("allowedOrigins", new JsonArray().add(stage.site.origin())).encode();
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(stage.app.baseUrl() + "/api/v1/admin/sites/beta"))
                .header("Authorization", "Bearer " + Api.MODERATOR_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(site))).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void unblock() {
        unblock.forEach(Runnable::run);
    }

    /** Runs {@code script} in every page this browser opens from now on, before the page's own scripts. */
    private void beforeEveryPage(Browser browser, String script) {
        Object id = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script))
                .get("identifier");
        unblock.add(() -> browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                Map.of("identifier", id)));
    }

    @Test
    void twoReadersWithoutWebSocketSeeEachOthersCommentsLiveOverTheEventStream() {
        for (Browser browser : List.of(stage.browser, two)) {
            beforeEveryPage(browser, NO_WEBSOCKET + COUNTED_EVENT_SOURCE);
        }
        String page = stage.site.page("", Map.of("thread", "blocked/stream"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);
        for (Widget reader : List.of(ann, bob)) {
            assertThat((Long) reader.js("return window.parleySockets;")).as("two tries, then no more").isEqualTo(2);
            assertThat(streams(reader)).singleElement().asString().contains("/api/v1/stream?thread=blocked%2Fstream&since=0");
        }
        ann.await("two streams open on the server, no more", Widget.PATIENCE,
                () -> stage.app.app().metrics().streams.get() == 2);

        ann.countCommentsAdded();
        ann.post("Ann", "Hello without sockets");
        bob.awaitComment("Hello without sockets", Duration.ofSeconds(2));
        ann.awaitComment("Hello without sockets", Widget.PATIENCE);
        assertThat(ann.commentsAdded()).as("the pending copy is confirmed in place, never doubled").isEqualTo(1);

        bob.post("Bob", "And a reply of sorts");
        ann.awaitComment("And a reply of sorts", Duration.ofSeconds(2));
        bob.await("both readers counted", Widget.PATIENCE, () -> "2 reading now".equals(bob.text(".online")));
        for (Widget reader : List.of(ann, bob)) {
            assertThat(reader.state()).isEqualTo("live");
            assertThat(reader.text(".top h2")).isEqualTo("2 comments");
        }
    }

    @Test
    void aStreamCutByTheServerResumesFromTheLastSeqShown() {
        beforeEveryPage(stage.browser, NO_WEBSOCKET + COUNTED_EVENT_SOURCE);
        Api api = stage.api();
        api.post("blocked/resume", null, "Ann", "first");
        Widget reader = stage.open(Map.of("thread", "blocked/resume", "order", "oldest"));
        reader.awaitComment("first", Widget.PATIENCE);

        stage.app.stop();
        reader.awaitState("reconnecting", Widget.PATIENCE);
        stage.app = stage.app.restart();
        api = stage.api();
        api.post("blocked/resume", null, "Bob", "missed while cut");
        reader.awaitState("live", ReconnectTest.BACKOFF);
        reader.await("the missed comment, once", Widget.PATIENCE,
                () -> reader.bodies().equals(List.of("first", "missed while cut")));
        assertThat(streams(reader).getLast()).as("resumed from the last seq shown").endsWith("since=1");
        api.post("blocked/resume", null, "Bob", "live again");
        reader.awaitComment("live again", Widget.PATIENCE);
        assertThat(reader.bodies()).containsExactly("first", "missed while cut", "live again");
    }

    @Test
    void twoReadersWithoutWebSocketOrEventSourceSeeEachOthersCommentsByPolling() {
        for (Browser browser : List.of(stage.browser, two)) {
            beforeEveryPage(browser, NO_WEBSOCKET + NO_EVENT_SOURCE);
        }
        String page = stage.site.page("", Map.of("thread", "blocked/poll"));
        Widget ann = new Widget(stage.browser.driver).open(page);
        Widget bob = new Widget(two.driver).open(page);
        for (Widget reader : List.of(ann, bob)) {
            assertThat(streams(reader)).as("two streams tried, then polling").hasSize(2);
        }

        ann.post("Ann", "Hello by polling");
        bob.awaitComment("Hello by polling", Widget.PATIENCE);
        ann.awaitComment("Hello by polling", Widget.PATIENCE);
        String id = ann.comment("Hello by polling").id();
        stage.api().delete(id);
        bob.awaitComment("This comment was deleted.", Widget.PATIENCE);
        bob.post("Bob", "Still here");
        ann.awaitComment("Still here", Widget.PATIENCE);
        for (Widget reader : List.of(ann, bob)) {
            assertThat(reader.bodies()).containsExactlyInAnyOrder("This comment was deleted.", "Still here");
            assertThat(reader.state()).isEqualTo("live");
        }
        for (Widget reader : List.of(ann, bob)) {
            assertThat((Boolean) reader.js("return performance.getEntriesByType('resource')"
                    + ".some(r => r.name.includes('/api/v1/events?thread=blocked%2Fpoll&after='));")).as("polled").isTrue();
        }
    }

    @Test
    void aPageLeftBehindHoldsNoStream() {
        beforeEveryPage(stage.browser, NO_WEBSOCKET + COUNTED_EVENT_SOURCE);
        Widget reader = stage.open(Map.of("thread", "blocked/left"));
        reader.await("its stream reading", Widget.PATIENCE, () -> online("blocked/left") == 1);
        stage.browser.driver.get(stage.site.pageWithoutWidget(""));
        // Even where the browser keeps the page to come back to (the back-forward cache).
        reader.await("the stream of the page left behind closed", Widget.PATIENCE, () -> online("blocked/left") == 0);
        stage.browser.driver.navigate().back();
        reader.awaitState("live", Widget.PATIENCE);
        reader.await("reading again", Widget.PATIENCE, () -> online("blocked/left") == 1);
        stage.api().post("blocked/left", null, "Bob", "after coming back");
        reader.awaitComment("after coming back", Widget.PATIENCE);
    }

    private static long online(String thread) {
        return Http.json(Http.get(stage.app.baseUrl() + "/api/v1/threads?thread=" + thread)).getLong("online");
    }

    @Test
    void aWidgetOnASiteStreamsAndPollsThatSitesThread() {
        for (String blocked : List.of(COUNTED_EVENT_SOURCE, NO_EVENT_SOURCE)) {
            beforeEveryPage(stage.browser, NO_WEBSOCKET + blocked);
            String thread = blocked == NO_EVENT_SOURCE ? "/polled" : "/streamed";
            Widget reader = stage.open(Map.of("thread", thread, "site", "beta"));
            assertThat(streams(reader).getFirst()).contains("/api/v1/stream?site=beta&thread=");
            postOnBeta(thread, "live on beta");
            stage.api().post(thread, null, "Dee", "live on the default site");
            reader.awaitComment("live on beta", Widget.PATIENCE);
            postOnBeta(thread, "and once more");
            reader.awaitComment("and once more", Widget.PATIENCE);
            assertThat(reader.bodies()).as(blocked == NO_EVENT_SOURCE ? "polling" : "streaming")
                    .containsExactlyInAnyOrder("live on beta", "and once more");
            unblock();
            unblock.clear();
        }
    }

    private static void postOnBeta(String thread, String body) {
        JsonObject comment = new JsonObject().put("thread", thread).put("author", "Ann").put("body", body);
        assertThat(Http.postJson(stage.app.baseUrl() + "/api/v1/comments?site=beta", comment.encode()).statusCode())
                .isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private static List<String> streams(Widget reader) {
        return (List<String>) reader.js("return window.parleyStreams;");
    }
}
