package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.SseClient;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/stream}, the event-stream fallback, is exactly as exact as the WebSocket
 * (LiveDeliveryTest): replay after {@code since} or {@code Last-Event-ID}, then {@code subscribed},
 * then live, each seq once and in order, with the same JSON as the frames and the seq as the id.
 */
class EventStreamTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private TestApp app(Map<String, String> settings) {
        TestApp app = TestApp.start(settings);
        open.add(app);
        return app;
    }

    private SseClient stream(TestApp app, String query, String... headers) {
        SseClient client = SseClient.open(app.port(), "/api/v1/stream?" + query, headers);
        open.add(client);
        return client;
    }

    @Test
    void replaysAfterSinceThenAnswersSubscribedThenGoesLive() {
        TestApp app = app(Map.of());
        for (int i = 1; i <= 5; i++) {
            Http.postComment(app, "r", "Ann", "comment " + i);
        }
        SseClient reader = stream(app, "thread=r&since=2");
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(reader.header("Cache-Control")).contains("no-store");
        assertThat(reader.header("X-Accel-Buffering")).isEqualTo("no");
        for (long seq = 3; seq <= 5; seq++) {
            SseClient.Message m = reader.next("comment");
            assertThat(m.id()).as("the id is the seq").isEqualTo(Long.toString(seq));
            assertThat(m.data().getLong("seq")).isEqualTo(seq);
            assertThat(m.data().getString("thread")).isEqualTo("r");
            assertThat(m.data().getJsonObject("comment").getString("body")).isEqualTo("comment " + seq);
        }
        SseClient.Message subscribed = reader.next("subscribed");
        assertThat(subscribed.data().getLong("seq")).isEqualTo(5);
        assertThat(subscribed.data().getBoolean("reset")).isFalse();
        assertThat(subscribed.id()).as("resuming from it misses nothing").isEqualTo("5");
        assertThat(reader.retry()).as("the reconnection hint, spread per stream").isBetween(1000, 5000);

        JsonObject posted = Http.postComment(app, "r", "Ann", "comment 6");
        SseClient.Message live = reader.next("comment");
        assertThat(live.id()).isEqualTo("6");
        assertThat(live.data().getJsonObject("comment")).as("the same body as the WebSocket frame").isEqualTo(posted);
        reader.assertExhausted(QUIET);
    }

    @Test
    void lastEventIdResumesAfterTheLastSeqSeenAndWinsOverSince() {
        TestApp app = app(Map.of());
        for (int i = 1; i <= 4; i++) {
            Http.postComment(app, "resume", "Ann", "c" + i);
        }
        // What an EventSource sends when it reconnects: the URL it was opened with, and the last id.
        SseClient reader = stream(app, "thread=resume&since=0", "Last-Event-ID: 3");
        assertThat(reader.next("comment").id()).isEqualTo("4");
        assertThat(reader.next("subscribed").data().getLong("seq")).isEqualTo(4);
        reader.assertExhausted(QUIET);
    }

    @Test
    void withoutSinceStartsLiveWithoutReplay() {
        TestApp app = app(Map.of());
        Http.postComment(app, "n", "Ann", "old");
        SseClient reader = stream(app, "thread=n");
        assertThat(reader.next("subscribed").data().getLong("seq")).isEqualTo(1);
        Http.postComment(app, "n", "Ann", "new");
        assertThat(reader.next("comment").data().getLong("seq")).isEqualTo(2);
        reader.assertExhausted(QUIET);
    }

    @Test
    void everySeqOfABurstArrivesOnceAndInOrder() throws Exception {
        TestApp app = app(Map.of());
        Http.postComment(app, "burst", "Ann", "before");
        SseClient early = stream(app, "thread=burst&since=0");
        assertThat(early.next("comment").id()).isEqualTo("1");
        early.next("subscribed");
        int comments = 120;
        ExecutorService posters = Executors.newFixedThreadPool(4);
        List<Future<?>> posts = new ArrayList<>();
        SseClient joining = null;
        try {
            for (int i = 0; i < comments; i++) {
                int n = i;
                posts.add(posters.submit(() -> Http.postComment(app, "burst", "P" + (n % 4), "burst " + n)));
                if (i == comments / 2) {
                    joining = stream(app, "thread=burst&since=1"); // joins while the burst goes on
                }
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            posters.shutdownNow();
        }
        for (SseClient reader : List.of(early, joining)) {
            List<Long> seqs = new ArrayList<>();
            while (seqs.size() < comments) {
                SseClient.Message m = reader.next();
                if (m.type().equals("comment")) {
                    assertThat(m.id()).isEqualTo(m.data().getLong("seq").toString());
                    seqs.add(m.data().getLong("seq"));
                } else {
                    assertThat(m.type()).isEqualTo("subscribed");
                }
            }
            assertThat(seqs).as("seqs 2..%d, once each, in order", comments + 1)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(2, comments + 1).boxed().toList());
        }
        early.assertExhausted(QUIET);
    }

    @Test
    void sinceBeyondLatestOrTooFarBackAnswersReset() {
        TestApp app = app(Map.of("PARLEY_REPLAY_LIMIT", "3"));
        for (int i = 0; i < 5; i++) {
            Http.postComment(app, "x", "Ann", "c" + i);
        }
        SseClient ahead = stream(app, "thread=x&since=99");
        SseClient.Message reset = ahead.next("subscribed");
        assertThat(reset.data().getBoolean("reset")).isTrue();
        assertThat(reset.data().getLong("seq")).isEqualTo(5);
        assertThat(reset.id()).isEqualTo("5");

        SseClient tooFar = stream(app, "thread=x&since=1");
        assertThat(tooFar.next("subscribed").data().getBoolean("reset")).isTrue();
        Http.postComment(app, "x", "Ann", "after the reset");
        assertThat(tooFar.next("comment").id()).as("live frames follow the reset").isEqualTo("6");

        SseClient near = stream(app, "thread=x&since=3");
        for (long seq = 4; seq <= 6; seq++) {
            assertThat(near.next("comment").data().getLong("seq")).isEqualTo(seq);
        }
        assertThat(near.next("subscribed").data().getBoolean("reset")).isFalse();
        near.assertExhausted(QUIET);
    }

    @Test
    void aSiteStreamHearsItsOwnThreadOnly() {
        TestApp app = app(Map.of("PARLEY_ADMIN_TOKEN", "moderator-token-for-tests"));
        assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl()
                        + "/api/v1/admin/sites/docs")).header("Authorization", "Bearer moderator-token-for-tests")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"allowedOrigins\":[]}"))).statusCode())
                .isEqualTo(200);
        SseClient docs = stream(app, "site=docs&thread=/page&since=0");
        SseClient plain = stream(app, "thread=/page&since=0");
        docs.next("subscribed");
        plain.next("subscribed");
        Http.postComment(app, "/page", "Ann", "on the default site");
        JsonObject onDocs = new JsonObject().put("thread", "/page").put("author", "Bob").put("body", "on docs");
        assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments?site=docs", onDocs.encode()).statusCode())
                .isEqualTo(201);
        SseClient.Message docsComment = docs.next("comment");
        assertThat(docsComment.data().getString("thread")).as("named as the client named it").isEqualTo("/page");
        assertThat(docsComment.data().getJsonObject("comment").getString("body")).isEqualTo("on docs");
        assertThat(plain.next("comment").data().getJsonObject("comment").getString("body"))
                .isEqualTo("on the default site");
        docs.assertExhausted(QUIET);
        plain.assertExhausted(QUIET);

        SseClient unknown = stream(app, "site=nosuch&thread=/page");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().getString("code")).isEqualTo("not_found");
    }

    @Test
    void badRequestsAndForeignOriginsAreRefusedInTheErrorShape() {
        TestApp app = app(Map.of());
        assertRefused(stream(app, "since=0"), 400, "invalid_thread");
        assertRefused(stream(app, "thread=t&since=-1"), 400, "invalid_since");
        assertRefused(stream(app, "thread=t&since=abc"), 400, "invalid_since");
        assertRefused(stream(app, "thread=t", "Last-Event-ID: x"), 400, "invalid_since");
        assertRefused(stream(app, "thread=t", "Origin: https://evil.example"), 403, "forbidden_origin");
        assertRefused(stream(app, "since=-1", "Origin: https://evil.example"), 403, "forbidden_origin");

        SseClient allowed = stream(app, "thread=t", "Origin: http://localhost:5173");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).as("readable by the widget on another page")
                .isEqualTo("http://localhost:5173");
        allowed.next("subscribed");
    }

    @Test
    void aFetchBasedClientOnAnotherSiteMayResumeWithLastEventId() {
        TestApp app = app(Map.of());
        var preflight = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/api/v1/stream"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                allowed -> assertThat(allowed).containsIgnoringCase("Last-Event-ID"));
    }

    private static void assertRefused(SseClient client, int status, String code) {
        assertThat(client.status()).isEqualTo(status);
        assertThat(client.error().getString("code")).isEqualTo(code);
    }

    @Test
    void heartbeatsAreCommentsAndNeedNoAnswer() {
        TestApp app = app(Map.of("PARLEY_PING_EVERY", "200ms", "PARLEY_PONG_TIMEOUT", "400ms"));
        SseClient reader = stream(app, "thread=hb");
        reader.next("subscribed");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reader.comments().stream().filter("ping"::equals).count() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(reader.comments()).as("several pings, well past the pong timeout").filteredOn("ping"::equals)
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(app.app().metrics().heartbeatTimeouts.count()).isZero();
        Http.postComment(app, "hb", "Ann", "still live");
        assertThat(reader.next("comment").id()).isEqualTo("1");
    }
}
