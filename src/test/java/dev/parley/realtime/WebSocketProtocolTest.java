package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.RawWsClient;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 at the byte level, for Parley's own WebSocket pipeline (the server takes the socket
 * over from Vert.x after the handshake): the handshake answer, refusals in the error shape,
 * control frames, fragments, masking and the close handshake.
 */
class WebSocketProtocolTest {
    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @Test
    void answersTheHandshakeWithTheRfcAcceptKey() throws IOException {
        String answer = rawRequest("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n", false);
        assertThat(answer).startsWith("HTTP/1.1 101");
        assertThat(answer.toLowerCase()).contains("upgrade: websocket").contains("connection: upgrade")
                .contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=")
                .doesNotContain("sec-websocket-extensions");
    }

    @Test
    void refusesAnotherVersionWith426InTheErrorShape() throws IOException {
        String answer = rawRequest("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n", true);
        assertThat(answer).startsWith("HTTP/1.1 426");
        assertThat(answer.toLowerCase()).contains("sec-websocket-version: 13");
        assertThat(errorCode(answer)).isEqualTo("upgrade_required");
    }

    @Test
    void refusesAMissingOrMalformedKeyWith400InTheErrorShape() throws IOException {
        for (String key : new String[] {"", "Sec-WebSocket-Key: not-base64-16-bytes\r\n"}) {
            String answer = rawRequest("Upgrade: websocket\r\nConnection: Upgrade\r\n" + key
                    + "Sec-WebSocket-Version: 13\r\n", true);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(errorCode(answer)).isEqualTo("invalid_frame");
        }
    }

    @Test
    void readsAFrameSentRightBehindTheUpgradeRequest() throws IOException {
        // A client that does not wait for the 101: the frame arrives with the HTTP request, in
        // the HTTP decoder's buffer, and must reach the WebSocket decoder all the same.
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] subscribe = "{\"type\":\"subscribe\",\"thread\":\"eager\"}".getBytes(StandardCharsets.UTF_8);
            both.write(0x81);
            both.write(0x80 | subscribe.length);
            byte[] mask = {1, 2, 3, 4};
            both.write(mask);
            for (int i = 0; i < subscribe.length; i++) {
                both.write(subscribe[i] ^ mask[i % 4]);
            }
            socket.getOutputStream().write(both.toByteArray());
            socket.getOutputStream().flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            assertThat(in.readUnsignedByte()).as("FIN + text").isEqualTo(0x81);
            byte[] payload = new byte[in.readUnsignedByte()];
            in.readFully(payload);
            JsonObject subscribed = new JsonObject(new String(payload, StandardCharsets.UTF_8));
            assertThat(subscribed.getString("type")).isEqualTo("subscribed");
            assertThat(subscribed.getString("thread")).isEqualTo("eager");
        }
    }

    @Test
    void answersAPingWithAPongCarryingTheSamePayload() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            client.sendFrame(0x9, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWsClient.Frame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void joinsFragmentsIntoOneMessage() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            byte[] whole = "{\"type\":\"subscribe\",\"thread\":\"fragments\"}".getBytes(StandardCharsets.UTF_8);
            client.sendFrame(0x1, java.util.Arrays.copyOfRange(whole, 0, 10), false);
            client.sendFrame(0x0, java.util.Arrays.copyOfRange(whole, 10, 25), false);
            client.sendFrame(0x9, new byte[0]); // control frames may come between fragments
            client.sendFrame(0x0, java.util.Arrays.copyOfRange(whole, 25, whole.length), true);
            assertThat(client.readFrame().opcode()).isEqualTo(0xA);
            JsonObject subscribed = new JsonObject(client.readFrame().text());
            assertThat(subscribed.getString("type")).isEqualTo("subscribed");
            assertThat(subscribed.getString("thread")).isEqualTo("fragments");
        }
    }

    @Test
    void aMessageWhoseFragmentsTogetherPassTheFrameCapClosesWith1009() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            byte[] fragment = new byte[40 * 1024]; // each under the 64 KiB cap, the message over it
            java.util.Arrays.fill(fragment, (byte) 'z');
            client.sendFrame(0x1, fragment, false);
            client.sendFrame(0x0, fragment, false);
            assertThat(client.readUntilClose()).isEqualTo(1009);
        }
    }

    @Test
    void echoesTheClientsCloseCodeAndEndsTheConnection() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            client.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000
            RawWsClient.Frame close = client.readFrame();
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(client.input().read()).as("the server ends the TCP connection").isEqualTo(-1);
        }
    }

    @Test
    void closesAnUnmaskedClientFrameWith1002() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            client.sendUnmasked(0x1, "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(client.readUntilClose()).isEqualTo(1002);
        }
    }

    @Test
    void aServerCloseIsFollowedByTheEndOfTheConnectionOnceTheClientAnswers() throws IOException {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            client.sendFrame(0x2, new byte[] {1, 2, 3});
            assertThat(client.readUntilClose()).isEqualTo(1003);
            client.sendFrame(0x8, new byte[] {0x03, (byte) 0xEB});
            assertThat(client.input().read()).isEqualTo(-1);
        }
        // The server's side ends right after the client sees the end; other tests' sockets too.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (app.app().metrics().connections.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(app.app().metrics().connections.get()).as("no connection left behind").isZero();
    }

    /** Sends a GET /ws with the given headers and returns the whole answer (body too, if asked). */
    private static String rawRequest(String headers, boolean readBody) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && (!readBody || text.substring(end).contains("}"))) {
                    return text;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String errorCode(String answer) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        return new JsonObject(body.substring(body.indexOf('{'))).getJsonObject("error").getString("code");
    }
}
