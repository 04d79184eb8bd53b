package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * HTTP connections cannot be held open for free: an idle one is closed, a request's head and
 * body each have a deadline counted from their start (a byte every few seconds restarts Vert.x's
 * idle timer, not these), and one address holds at most PARLEY_MAX_CONNECTIONS_PER_ADDRESS.
 */
class SlowClientTest {
    @AutoClose
    final TestApp app = TestApp.start(Map.of("PARLEY_HTTP_IDLE_TIMEOUT", "2s", "PARLEY_REQUEST_HEAD_TIMEOUT", "1s",
            "PARLEY_REQUEST_BODY_TIMEOUT", "1s", "PARLEY_RATE_LIMITS", "on", "PARLEY_MAX_CONNECTIONS_PER_ADDRESS", "5"));

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
        socket.setSoTimeout(200);
        return socket;
    }

    /** Whether the server closes the socket within {@code seconds}, while {@code trickle} keeps sending. */
    private static boolean closedWithin(Socket socket, long seconds, byte[] trickle) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int sent = 0;
        while (System.nanoTime() < deadline) {
            try {
                if (trickle != null && sent < trickle.length) {
                    out.write(trickle[sent++]);
                    out.flush();
                }
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing yet: keep trickling
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aHeadSentAByteAtATimeIsCutOffAtItsDeadline() throws Exception {
        byte[] head = ("GET /api/v1/threads?thread=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Pad: " + "a".repeat(200)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = open()) {
            assertThat(closedWithin(socket, 10, head)).isTrue();
        }
        assertThat(app.app().metrics().requestTimeouts.count()).isEqualTo(1.0);
    }

    @Test
    void aBodySentAByteAtATimeIsCutOffAtItsDeadline() throws Exception {
        String body = "{\"body\":\"" + "b".repeat(500) + "\"}";
        try (Socket socket = open()) {
            socket.getOutputStream().write(("POST /api/v1/preview HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(closedWithin(socket, 10, body.getBytes(StandardCharsets.US_ASCII))).isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket socket = open()) {
            assertThat(closedWithin(socket, 10, null)).isTrue();
        }
    }

    @Test
    void oneAddressHoldsAtMostTwiceItsCapOfTcpConnections() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                held.add(open());
            }
            try (Socket eleventh = open()) {
                assertThat(closedWithin(eleventh, 5, null)).as("twice the cap: closed at once").isTrue();
            }
            assertThat(app.app().metrics().connectionsRefused.count()).isEqualTo(1.0);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
