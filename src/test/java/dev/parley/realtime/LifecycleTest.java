package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.RawWsClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeats both ways and graceful shutdown. */
class LifecycleTest {
    private static final Map<String, String> FAST_HEARTBEAT = Map.of(
            "PARLEY_PING_EVERY", "200ms", "PARLEY_PONG_TIMEOUT", "400ms");

    @Test
    void closesAConnectionThatDoesNotAnswerPingsWith4001() throws Exception {
        // A raw client: JDK and browser clients answer control pings by themselves.
        try (TestApp app = TestApp.start(FAST_HEARTBEAT); RawWsClient silent = RawWsClient.connect(app.port(), 65536)) {
            RawWsClient.Frame first = silent.readFrame();
            assertThat(first.text()).isEqualTo("{\"type\":\"ping\"}");
            assertThat(silent.readFrame().opcode()).as("control ping").isEqualTo(0x9);
            assertThat(silent.readUntilClose()).isEqualTo(4001);
            assertThat(app.app().metrics().heartbeatTimeouts.count()).isEqualTo(1.0);
        }
    }

    @Test
    void socketsThatConnectTogetherArePingedInDifferentTicks() throws Exception {
        // 40 sockets opened within a moment: their first pings are spread over the second half of
        // the interval (250 ms ticks), not written in one burst (and answered in one burst).
        int sockets = 40;
        try (TestApp app = TestApp.start(Map.of("PARLEY_PING_EVERY", "2s", "PARLEY_PONG_TIMEOUT", "10s"))) {
            java.util.List<RawWsClient> clients = new java.util.ArrayList<>();
            long[] firstPingAt = new long[sockets];
            java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(sockets);
            try {
                for (int i = 0; i < sockets; i++) {
                    clients.add(RawWsClient.connect(app.port(), 65536));
                }
                java.util.List<java.util.concurrent.Future<?>> reads = new java.util.ArrayList<>();
                for (int i = 0; i < sockets; i++) {
                    int n = i;
                    reads.add(readers.submit(() -> {
                        clients.get(n).readFrame();
                        firstPingAt[n] = System.nanoTime();
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> read : reads) {
                    read.get(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                readers.shutdownNow();
                for (RawWsClient client : clients) {
                    client.close();
                }
            }
            long[] sorted = firstPingAt.clone();
            java.util.Arrays.sort(sorted);
            int bursts = 1;
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] - sorted[i - 1] > 150_000_000L) {
                    bursts++;
                }
            }
            assertThat(bursts).as("separate heartbeat ticks the first pings went out in").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void keepsAConnectionThatAnswersPings() {
        try (TestApp app = TestApp.start(FAST_HEARTBEAT); WsClient alive = WsClient.connect(app)) {
            Instant until = Instant.now().plusMillis(1500);
            while (Instant.now().isBefore(until) || alive.pingsSeen() < 4) {
                alive.subscribe("hb", null).next("subscribed");
                assertThat(alive.isClosed()).isFalse();
            }
            Http.postComment(app, "hb", "Ann", "still live");
            assertThat(alive.next("comment").getLong("seq")).isEqualTo(1);
        }
    }

    @Test
    void gracefulShutdownClosesSocketsWith1012AndKeepsData() {
        TestApp app = TestApp.start();
        try (WsClient a = WsClient.connect(app); WsClient b = WsClient.connect(app)) {
            a.subscribe("bye", 0L).next("subscribed");
            Http.postComment(app, "bye", "Ann", "before restart");
            a.next("comment");
            app.stop();
            assertThat(a.awaitClose()).isEqualTo(1012);
            assertThat(b.awaitClose()).isEqualTo(1012);
            TestApp again = app.restart();
            try (WsClient c = WsClient.connect(again)) {
                c.subscribe("bye", 0L);
                assertThat(c.next("comment").getJsonObject("comment").getString("body")).isEqualTo("before restart");
                assertThat(c.next("subscribed").getLong("seq")).isEqualTo(1);
            } finally {
                again.close();
            }
        } finally {
            app.close();
        }
    }
}
