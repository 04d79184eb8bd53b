package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, as an orchestrator stops a node: /readyz answers 503 from the drain's first moment, new
 * writes get 503 with Retry-After, a request already in flight is answered, sockets close with
 * 1012 and event streams end, the last line ("parley stopped") reaches the output, and a clean drain exits 0.
 */
class DrainTest {
    @TempDir
    Path dataDir;

    @Test
    void aSigtermDrainsCleanly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        try (NodeProcess node = NodeProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_HTTP_HOST", "127.0.0.1", "PARLEY_HTTP_PORT", Integer.toString(port),
                "PARLEY_DRAIN_NOTICE", "1s", "PARLEY_DRAIN_TIMEOUT", "20s", "PARLEY_RATE_LIMITS", "off"))) {
            assertThat(node.awaitOutput(l -> l.contains("parley listening"), 30)).isTrue();
            WsClient reader = WsClient.connect("ws://127.0.0.1:" + port + "/ws", null, true);
            reader.subscribe("drain", 0L).next("subscribed");
            SseClient streamReader = SseClient.open(port, "/api/v1/stream?thread=drain&since=0");
            streamReader.next("subscribed");

            // A post whose body is still on its way when the stop begins.
            String body = "{\"thread\":\"drain\",\"author\":\"Ann\",\"body\":\"in flight\"}";
            Socket slowPost = new Socket("127.0.0.1", port);
            slowPost.setSoTimeout(30_000);
            OutputStream out = slowPost.getOutputStream();
            out.write(("POST /api/v1/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body.substring(0, 10))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            List<Integer> readiness = new CopyOnWriteArrayList<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        readiness.add(Http.get(base + "/readyz").statusCode());
                    } catch (RuntimeException refused) {
                        readiness.add(-1);
                    }
                    sleep(50);
                }
            });
            poller.start();
            sleep(300);
            node.terminate();
            assertThat(node.awaitOutput(l -> l.contains("parley draining"), 10)).isTrue();

            HttpResponse<String> refused = Http.postJson(base + "/api/v1/comments",
                    "{\"thread\":\"drain\",\"author\":\"Bob\",\"body\":\"too late\"}");
            Http.assertError(refused, 503, "unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = slowPost.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 201");
            slowPost.close();

            assertThat(reader.awaitClose()).isEqualTo(1012);
            streamReader.awaitEnd();
            assertThat(streamReader.comments()).as("an event stream ends too, and is no request in flight")
                    .anyMatch(c -> c.startsWith("close 1012"));
            Integer exit = node.awaitExit(30);
            polling.set(false);
            poller.join();
            assertThat(exit).as("a clean drain exits 0").isZero();
            assertThat(readiness).as("/readyz polled every 50 ms").contains(200, 503);
            assertThat(readiness.indexOf(503)).isGreaterThan(readiness.indexOf(200));
            assertThat(node.out().get(node.out().size() - 1)).contains("parley stopped");
            assertThat(node.out()).noneMatch(l -> l.contains("ERROR"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
