package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.RawWsClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reader that cannot keep up is cut off with 4008; it never slows or starves the others. */
class BackpressureTest {
    private static final int COMMENTS = 150;

    @Test
    void slowConsumerIsCutOffWhileANormalOneReceivesEverything() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PARLEY_OUTBOX_BYTES", "262144"));
             RawWsClient slow = RawWsClient.connect(app.port(), 4096);
             WsClient normal = WsClient.connect(app);
             WsClient poster = WsClient.connect(app)) {
            slow.sendText("{\"type\":\"subscribe\",\"thread\":\"flood\",\"since\":0}");
            normal.subscribe("flood", 0L).next("subscribed");
            assertThat(slow.readFrame().text()).contains("\"subscribed\"");
            // The slow client now reads nothing while ~4 MB of frames are published. Once it is cut
            // off it reads at once, as a reconnecting client would: the server drops a socket that
            // does not finish the close handshake within 5 s, and a loaded machine may take that long.
            String body = "x".repeat(7000);
            java.util.concurrent.CompletableFuture<Integer> closeCode = null;
            for (int i = 1; i <= COMMENTS; i++) {
                poster.post("p" + i, "flood", "poster", body + i);
                poster.next("ack");
                if (closeCode == null && app.app().metrics().slowConsumerDisconnects.count() > 0) {
                    closeCode = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return slow.readUntilClose();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
            for (long seq = 1; seq <= COMMENTS; seq++) {
                assertThat(normal.next("comment").getLong("seq")).isEqualTo(seq);
            }
            assertThat(closeCode).as("cut off while the flood went on").isNotNull();
            assertThat(closeCode.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4008);
            assertThat(app.app().metrics().slowConsumerDisconnects.count()).isEqualTo(1.0);
            normal.assertExhausted(Duration.ofMillis(200));
        }
    }

    @Test
    void compressionIsNeverNegotiated() throws Exception {
        // permessage-deflate would cost CPU per subscriber and inflate without a cap.
        try (TestApp app = TestApp.start();
             RawWsClient client = RawWsClient.connect(app.port(), 65536,
                     "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertThat(client.handshake()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        }
    }

    @Test
    void singleFrameOverTheLimitClosesWith1009() throws Exception {
        try (TestApp app = TestApp.start(); RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            client.sendText("{\"type\":\"pong\",\"pad\":\"" + "p".repeat(70_000) + "\"}");
            assertThat(client.readUntilClose()).isEqualTo(1009);
        }
    }
}
