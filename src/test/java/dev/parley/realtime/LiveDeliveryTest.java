package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveDeliveryTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private TestApp app;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        app = TestApp.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        app.close();
    }

    private WsClient connect() {
        WsClient client = WsClient.connect(app);
        clients.add(client);
        return client;
    }

    @Test
    void deliversEachCommentToEverySubscriberOnce() {
        List<WsClient> readers = List.of(connect(), connect(), connect());
        for (WsClient reader : readers) {
            reader.subscribe("blog/hello", 0L);
            JsonObject subscribed = reader.next("subscribed");
            assertThat(subscribed.getLong("seq")).isZero();
            assertThat(subscribed.getBoolean("reset")).isFalse();
        }
        JsonObject posted = Http.postComment(app, "blog/hello", "Ann", "Nice *post*");

        for (WsClient reader : readers) {
            JsonObject frame = reader.next("comment");
            assertThat(frame.getString("thread")).isEqualTo("blog/hello");
            assertThat(frame.getLong("seq")).isEqualTo(1);
            assertThat(frame.getJsonObject("comment")).isEqualTo(posted);
            reader.assertExhausted(QUIET);
        }
    }

    @Test
    void webSocketPostIsAckedAndBroadcastToOthers() {
        WsClient poster = connect();
        WsClient reader = connect();
        poster.subscribe("t", 0L).next("subscribed");
        reader.subscribe("t", 0L).next("subscribed");

        poster.post("r1", "t", "  Bob  ", "hello **there**");

        List<JsonObject> posterFrames = List.of(poster.next(), poster.next());
        JsonObject ack = posterFrames.stream().filter(f -> f.getString("type").equals("ack")).findFirst().orElseThrow();
        JsonObject echo = posterFrames.stream().filter(f -> f.getString("type").equals("comment")).findFirst().orElseThrow();
        assertThat(ack.getString("id")).isEqualTo("r1");
        JsonObject comment = ack.getJsonObject("comment");
        assertThat(comment.getString("author")).isEqualTo("Bob");
        assertThat(comment.getString("html")).contains("<strong>there</strong>");
        assertThat(echo.getJsonObject("comment")).isEqualTo(comment);
        assertThat(reader.next("comment").getJsonObject("comment")).isEqualTo(comment);
        poster.assertExhausted(QUIET);
        reader.assertExhausted(QUIET);
    }

    @Test
    void reconnectWithSinceReplaysExactlyTheMissedEvents() {
        for (int i = 1; i <= 5; i++) {
            Http.postComment(app, "r", "Ann", "comment " + i);
        }
        WsClient reader = connect();
        reader.subscribe("r", 2L);
        for (long seq = 3; seq <= 5; seq++) {
            JsonObject frame = reader.next("comment");
            assertThat(frame.getLong("seq")).isEqualTo(seq);
            assertThat(frame.getJsonObject("comment").getString("body")).isEqualTo("comment " + seq);
        }
        JsonObject subscribed = reader.next("subscribed");
        assertThat(subscribed.getLong("seq")).isEqualTo(5);
        assertThat(subscribed.getBoolean("reset")).isFalse();

        Http.postComment(app, "r", "Ann", "comment 6");
        assertThat(reader.next("comment").getLong("seq")).isEqualTo(6);
        reader.assertExhausted(QUIET);
    }

    @Test
    void subscribingWithoutSinceStartsLiveWithoutReplay() {
        Http.postComment(app, "n", "Ann", "old");
        WsClient reader = connect();
        assertThat(reader.subscribe("n", null).next("subscribed").getLong("seq")).isEqualTo(1);
        Http.postComment(app, "n", "Ann", "new");
        assertThat(reader.next("comment").getLong("seq")).isEqualTo(2);
        reader.assertExhausted(QUIET);
    }

    @Test
    void sinceBeyondLatestOrTooFarBackAnswersReset() {
        TestApp small = TestApp.start(java.util.Map.of("PARLEY_REPLAY_LIMIT", "3"));
        try (WsClient reader = WsClient.connect(small)) {
            for (int i = 0; i < 5; i++) {
                Http.postComment(small, "x", "Ann", "c" + i);
            }
            JsonObject ahead = reader.subscribe("x", 99L).next("subscribed");
            assertThat(ahead.getBoolean("reset")).isTrue();
            assertThat(ahead.getLong("seq")).isEqualTo(5);

            reader.send("{\"type\":\"unsubscribe\",\"thread\":\"x\"}").next("unsubscribed");
            JsonObject tooFar = reader.subscribe("x", 1L).next("subscribed");
            assertThat(tooFar.getBoolean("reset")).isTrue();

            reader.send("{\"type\":\"unsubscribe\",\"thread\":\"x\"}").next("unsubscribed");
            reader.subscribe("x", 2L);
            assertThat(reader.next("comment").getLong("seq")).isEqualTo(3);
            assertThat(reader.next("comment").getLong("seq")).isEqualTo(4);
            assertThat(reader.next("comment").getLong("seq")).isEqualTo(5);
            assertThat(reader.next("subscribed").getBoolean("reset")).isFalse();
            reader.assertExhausted(QUIET);
        } finally {
            small.close();
        }
    }

    @Test
    void subscribingTwiceAnswersAgainWithoutDuplicateDelivery() {
        WsClient reader = connect();
        reader.subscribe("d", 0L).next("subscribed");
        reader.subscribe("d", 0L).next("subscribed");
        Http.postComment(app, "d", "Ann", "once");
        assertThat(reader.next("comment").getLong("seq")).isEqualTo(1);
        reader.assertExhausted(QUIET);
    }

    @Test
    void everySubscribeIsAnsweredEvenWhenSentBackToBack() {
        for (int i = 1; i <= 3; i++) {
            Http.postComment(app, "b2b", "Ann", "c" + i);
        }
        WsClient reader = connect();
        reader.send("{\"type\":\"subscribe\",\"thread\":\"b2b\",\"since\":0}");
        reader.send("{\"type\":\"subscribe\",\"thread\":\"b2b\",\"since\":50}");
        reader.send("{\"type\":\"subscribe\",\"thread\":\"b2b\",\"since\":1}");
        for (long seq = 1; seq <= 3; seq++) {
            assertThat(reader.next("comment").getLong("seq")).isEqualTo(seq);
        }
        for (int i = 0; i < 3; i++) {
            JsonObject subscribed = reader.next("subscribed");
            assertThat(subscribed.getLong("seq")).isEqualTo(3);
            assertThat(subscribed.getBoolean("reset")).isFalse();
        }
        reader.assertExhausted(QUIET);
    }

    @Test
    void unsubscribedClientReceivesNothingMore() {
        WsClient reader = connect();
        reader.subscribe("u", 0L).next("subscribed");
        reader.send("{\"type\":\"unsubscribe\",\"thread\":\"u\"}");
        assertThat(reader.next("unsubscribed").getString("thread")).isEqualTo("u");
        Http.postComment(app, "u", "Ann", "unseen");
        reader.assertExhausted(QUIET);
    }

    @Test
    void presenceCountsReadersAndIsCoalesced() {
        WsClient a = connect();
        WsClient b = connect();
        assertThat(a.subscribe("p", 0L).next("subscribed").getLong("online")).isEqualTo(1);
        assertThat(b.subscribe("p", 0L).next("subscribed").getLong("online")).isEqualTo(2);
        awaitPresence(a, 2);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread=p")).getLong("online")).isEqualTo(2);
        b.close();
        awaitPresence(a, 1);
        assertThat(a.presenceFrames()).allSatisfy(f -> assertThat(f.getString("thread")).isEqualTo("p"));
        assertThat(a.presenceFrames().size()).as("coalesced, not one per change").isLessThanOrEqualTo(3);
    }

    private static void awaitPresence(WsClient client, long online) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> frames = client.presenceFrames();
            if (!frames.isEmpty() && frames.get(frames.size() - 1).getLong("online") == online) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("presence never reached " + online + ": " + client.presenceFrames());
    }
}
