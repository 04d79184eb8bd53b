package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.RawWsClient;
import dev.parley.TestApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One address cannot hold any number of WebSockets: the connect limit is a rate, so without a cap
 * an address could open one a second forever. Past PARLEY_MAX_CONNECTIONS_PER_ADDRESS the upgrade
 * is refused with 429; a closed connection gives its slot back.
 */
class ConnectionCapTest {

    @Test
    void anAddressPastItsOpenConnectionCapIsRefusedUntilOneCloses() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_CONNECT_BURST", "100",
                "PARLEY_MAX_CONNECTIONS_PER_ADDRESS", "3"))) {
            List<RawWsClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(RawWsClient.connect(app.port(), 65536));
                }
                assertThatThrownBy(() -> RawWsClient.connect(app.port(), 65536))
                        .isInstanceOf(IOException.class).hasMessageContaining("429");
                String refused = rawUpgrade(app.port());
                assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 10")
                        .contains("\"code\":\"rate_limited\"").contains("too many open connections");

                open.remove(0).close();
                RawWsClient again = RawWsClient.connectWithin(app.port());
                open.add(again);
            } finally {
                for (RawWsClient c : open) {
                    c.close();
                }
            }
        }
    }

    /** An upgrade request on a plain socket; the whole answer as text. */
    static String rawUpgrade(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

}
