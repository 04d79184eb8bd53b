package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.SseClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The event stream's bounds, the same as a WebSocket's: one count of open connections per
 * address for both, the outbound budget (a client that reads nothing is cut off, never buffered
 * for), the connection gauges, and the drain that ends every stream.
 */
class EventStreamLimitsTest {

    @Test
    void streamsAndSocketsShareTheAddressCapAndAClosedOneGivesItsSlotBack() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_CONNECT_BURST", "100",
                "PARLEY_MAX_CONNECTIONS_PER_ADDRESS", "3"));
             WsClient socket = WsClient.connect(app);
             SseClient first = SseClient.open(app.port(), "/api/v1/stream?thread=cap");
             SseClient second = SseClient.open(app.port(), "/api/v1/stream?thread=cap")) {
            first.next("subscribed");
            second.next("subscribed");
            SseClient refused = SseClient.open(app.port(), "/api/v1/stream?thread=cap");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            assertThat(refused.error().getString("code")).isEqualTo("rate_limited");
            assertThat(refused.error().getString("message")).contains("too many open connections");

            first.close();
            await(() -> app.app().metrics().streams.get() == 1, "the closed stream gave its slot back");
            try (SseClient again = SseClient.open(app.port(), "/api/v1/stream?thread=cap")) {
                assertThat(again.status()).isEqualTo(200);
                again.next("subscribed");
            }
        }
    }

    @Test
    void aStreamOutlivesTheRequestDeadlinesAndTheIdleTimeout() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_REQUEST_HEAD_TIMEOUT", "1s", "PARLEY_REQUEST_BODY_TIMEOUT", "1s",
                "PARLEY_HTTP_IDLE_TIMEOUT", "1s", "PARLEY_PING_EVERY", "400ms", "PARLEY_PONG_TIMEOUT", "400ms"));
             SseClient reader = SseClient.open(app.port(), "/api/v1/stream?thread=long")) {
            reader.next("subscribed");
            // Eight heartbeats take well over the deadlines: the stream is no request still arriving.
            await(() -> reader.comments().stream().filter("ping"::equals).count() >= 8, "heartbeats for 3 s");
            Http.postComment(app, "long", "Ann", "still streaming");
            assertThat(reader.next("comment").id()).isEqualTo("1");
            assertThat(reader.ended()).isFalse();
            assertThat(app.app().metrics().requestTimeouts.count()).isZero();
        }
    }

    @Test
    void aStreamIsCountedAmongTheConnectionsWhileItIsOpen() {
        try (TestApp app = TestApp.start()) {
            try (SseClient reader = SseClient.open(app.port(), "/api/v1/stream?thread=gauge")) {
                reader.next("subscribed");
                assertThat(app.app().metrics().connections.get()).isEqualTo(1);
                assertThat(app.app().metrics().streams.get()).isEqualTo(1);
                assertThat(app.app().metrics().subscriptions.get()).isEqualTo(1);
                assertThat(Http.get(app.baseUrl() + "/metrics").body()).contains("parley_streams 1.0");
            }
            await(() -> app.app().metrics().connections.get() == 0 && app.app().metrics().streams.get() == 0
                    && app.app().metrics().subscriptions.get() == 0, "a closed stream leaves the gauges");
        }
    }

    @Test
    void aClientThatReadsNothingIsCutOffWhileAReadingOneGetsEverything() throws Exception {
        int comments = 150;
        try (TestApp app = TestApp.start(Map.of("PARLEY_OUTBOX_BYTES", "262144"));
             Socket unread = openUnread(app.port(), "/api/v1/stream?thread=flood&since=0");
             SseClient reading = SseClient.open(app.port(), "/api/v1/stream?thread=flood&since=0")) {
            reading.next("subscribed");
            await(() -> app.app().metrics().streams.get() == 2, "both streams are open");
            String body = "x".repeat(7000);
            for (int i = 1; i <= comments && app.app().metrics().slowConsumerDisconnects.count() == 0; i++) {
                Http.postComment(app, "flood", "poster", body + i);
            }
            assertThat(app.app().metrics().slowConsumerDisconnects.count())
                    .as("cut off before ~1 MB was published for it").isEqualTo(1.0);
            // What the kernel held is still there to read; then the stream ends: nothing more was kept.
            unread.setSoTimeout(20_000);
            InputStream in = unread.getInputStream();
            byte[] buffer = new byte[65536];
            long read = 0;
            for (int n; (n = readOrReset(in, buffer)) > 0; ) {
                read += n;
            }
            assertThat(read).as("bytes the unread stream got before its end").isLessThan(1_000_000);
            await(() -> app.app().metrics().streams.get() == 1, "the cut-off stream is gone");

            long published = Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread=flood")).getLong("seq");
            for (long seq = 1; seq <= published; seq++) {
                assertThat(reading.next("comment").id()).isEqualTo(Long.toString(seq));
            }
        }
    }

    @Test
    void aBanOfTheAddressEndsItsStreamsAndRefusesNewOnes() {
        String admin = "moderator-token-for-tests";
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", admin));
             SseClient reader = SseClient.open(app.port(), "/api/v1/stream?thread=ban")) {
            reader.next("subscribed");
            Http.postComment(app, "ban", "Eve", "from the reader's address");
            reader.next("comment");
            String ipHash = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            app.baseUrl() + "/api/v1/admin/comments")).header("Authorization", "Bearer " + admin)))
                    .getJsonArray("comments").getJsonObject(0).getString("ipHash");
            assertThat(Http.postJson(app.baseUrl() + "/api/v1/admin/bans",
                    "{\"ipHash\":\"" + ipHash + "\",\"seconds\":3600}", "Authorization", "Bearer " + admin)
                    .statusCode()).isEqualTo(201);
            reader.awaitEnd();
            assertThat(reader.comments()).anyMatch(c -> c.startsWith("close 1008"));
            try (SseClient again = SseClient.open(app.port(), "/api/v1/stream?thread=ban")) {
                assertThat(again.status()).isEqualTo(403);
                assertThat(again.error().getString("code")).isEqualTo("banned");
            }
        }
    }

    @Test
    void aDrainEndsEveryStreamCleanly() {
        TestApp app = TestApp.start();
        try (SseClient reader = SseClient.open(app.port(), "/api/v1/stream?thread=bye&since=0")) {
            reader.next("subscribed");
            Http.postComment(app, "bye", "Ann", "before restart");
            reader.next("comment");
            assertThat(app.app().stop()).as("drained in time: a stream is no request in flight").isTrue();
            reader.awaitEnd();
            assertThat(reader.comments()).as("why it ended, for people reading the stream")
                    .anyMatch(c -> c.startsWith("close 1012"));
            TestApp again = app.restart();
            try (SseClient back = SseClient.open(again.port(), "/api/v1/stream?thread=bye", "Last-Event-ID: 0")) {
                assertThat(back.next("comment").data().getJsonObject("comment").getString("body"))
                        .isEqualTo("before restart");
                assertThat(back.next("subscribed").data().getLong("seq")).isEqualTo(1);
            } finally {
                again.close();
            }
        } finally {
            app.close();
        }
    }

    private static Socket openUnread(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return socket;
    }

    /** Bytes read, or -1 at the end; a reset (the server dropped a socket it could not write) is an end too. */
    private static int readOrReset(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException reset) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.onSpinWait();
        }
    }
}
