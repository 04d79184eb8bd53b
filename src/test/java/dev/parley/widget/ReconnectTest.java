package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server restarts (same port, same data) while another client writes, edits and deletes. Nothing
 * can be written while it is down, so the other client acts on the restarted server at once. Whether
 * that reaches the widget by replay (it reconnects afterwards: the usual case, its backoff is still
 * waiting) or live (it reconnected first), every change must show exactly once, in order.
 */
@ExtendWith(Browser.Required.class)
class ReconnectTest {
    static final Duration BACKOFF = Duration.ofSeconds(30); // the widget's longest wait is 20 s

    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
    }

    @Test
    void showsReconnectingThenEveryMissedCommentOnceInOrderAfterARestart() {
        String thread = "restart";
        String before = stage.api().post(thread, null, "Ann", "before the restart");
        Widget reader = stage.open(Map.of("thread", thread, "order", "oldest"));
        reader.awaitComment("before the restart", Widget.PATIENCE);

        stage.app.stop();
        reader.awaitState("reconnecting", Widget.PATIENCE);
        assertThat(reader.text(".status")).isEqualTo("reconnecting…");
        reader.post("Reader", "written while offline");
        assertThat(reader.comments()).extracting(Widget.Shown::body, Widget.Shown::pending)
                .contains(tuple("written while offline", true));

        stage.app = stage.app.restart();
        Api api = stage.api();
        List<String> missed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) missed.add(api.post(thread, null, "Bob", "missed " + i));
        api.edit(before, "before the restart, edited");
        api.delete(missed.get(1));
        List<String> expected = new ArrayList<>(List.of("before the restart, edited", "missed 1",
                "This comment was deleted.", "missed 3", "missed 4", "missed 5"));

        // The comment written offline is sent when the widget reconnects, which may be before, among
        // or after Bob's: it must show exactly once, and everything else in order.
        reader.awaitState("live", BACKOFF);
        reader.await("every missed comment", Widget.PATIENCE, () -> othersThenOffline(reader).equals(expected));
        assertThat(reader.comments()).noneMatch(Widget.Shown::pending);

        api.post(thread, null, "Bob", "after the restart");
        expected.add("after the restart");
        reader.await("the next live comment", Widget.PATIENCE, () -> othersThenOffline(reader).equals(expected));
        assertThat(reader.text(".top h2")).isEqualTo("7 comments");
    }

    @Test
    void aHiddenTabWaitsForTheReaderAndThenCatchesUpAtOnce() throws InterruptedException {
        String thread = "hidden-tab";
        stage.api().post(thread, null, "Ann", "seen before");
        Widget reader = stage.open(Map.of("thread", thread, "order", "oldest"));
        reader.awaitComment("seen before", Widget.PATIENCE);
        // The reader switches to another tab. Headless Chromium has no tabs to switch, so the page's
        // visibility is set as the browser would set it; sockets the widget opens are counted.
        reader.js("""
                window.parleyHidden = true;
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.parleyHidden });
                Object.defineProperty(document, 'visibilityState', { configurable: true,
                  get: () => (window.parleyHidden ? 'hidden' : 'visible') });
                document.dispatchEvent(new Event('visibilitychange'));
                window.parleySockets = 0;
                const Native = window.WebSocket;
                window.WebSocket = function (...args) { window.parleySockets++; return new Native(...args); };
                window.WebSocket.prototype = Native.prototype;""");

        stage.app.stop();
        reader.awaitState("reconnecting", Widget.PATIENCE);
        stage.app = stage.app.restart();
        stage.api().post(thread, null, "Bob", "missed 1");
        stage.api().post(thread, null, "Bob", "missed 2");
        // Unhidden, the widget would have tried several times by now (backoff starts under 1 s).
        Thread.sleep(4000);
        assertThat(reader.js("return window.parleySockets;")).as("no reconnect while hidden").isEqualTo(0L);
        assertThat(reader.state()).isEqualTo("reconnecting");

        reader.js("window.parleyHidden = false; document.dispatchEvent(new Event('visibilitychange'));");
        reader.awaitState("live", Widget.PATIENCE);
        reader.await("the missed comments", Widget.PATIENCE,
                () -> reader.bodies().equals(List.of("seen before", "missed 1", "missed 2")));
        assertThat(reader.js("return window.parleySockets;")).as("one socket, at once").isEqualTo(1L);
    }

    /** The bodies shown, in order, without "written while offline", which must show exactly once. */
    private static List<String> othersThenOffline(Widget reader) {
        List<String> bodies = new ArrayList<>(reader.bodies());
        return bodies.remove("written while offline") && !bodies.contains("written while offline") ? bodies : List.of();
    }

    @Test
    void reloadsTheThreadWhenTheServerNoLongerHasWhatItShowed() throws Exception {
        Api api = stage.api();
        for (int i = 1; i <= 3; i++) api.post("wiped", null, "Ann", "lost " + i);
        Widget reader = stage.open(Map.of("thread", "wiped"));
        reader.awaitComment("lost 3", Widget.PATIENCE);

        stage.app.stop();
        try (Stream<Path> files = Files.walk(stage.app.dataDir())) { // as if restored from an empty backup
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(stage.app.dataDir()))
                    .forEach(p -> p.toFile().delete());
        }
        stage.app = stage.app.restart();
        stage.api().post("wiped", null, "Bob", "after the wipe");

        reader.awaitState("live", BACKOFF);
        reader.await("only what the server has now", Widget.PATIENCE,
                () -> reader.bodies().equals(List.of("after the wipe")));
        assertThat(reader.text(".top h2")).isEqualTo("1 comment");
    }
}
