package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad frames get an error frame and the connection stays up; only binary and oversize close it. */
class ConnectionLimitsTest {
    private TestApp app;
    private WsClient ws;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("PARLEY_MAX_SUBSCRIPTIONS", "3"));
        ws = WsClient.connect(app);
    }

    @AfterEach
    void stop() {
        ws.close();
        app.close();
    }

    private void assertError(String frame, String code) {
        ws.send(frame);
        JsonObject error = ws.next("error");
        assertThat(error.getString("code")).as(frame).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    void malformedFramesGetErrorsAndTheConnectionStaysUsable() {
        assertError("{not json", "invalid_json");
        assertError("[1,2]", "invalid_json");
        assertError("\"text\"", "invalid_json");
        assertError("{\"type\":\"dance\"}", "invalid_frame");
        assertError("{}", "invalid_frame");
        assertError("{\"type\":\"subscribe\"}", "invalid_thread");
        assertError("{\"type\":\"subscribe\",\"thread\":42}", "invalid_thread");
        assertError("{\"type\":\"subscribe\",\"thread\":\"a\\nb\"}", "invalid_thread");
        assertError("{\"type\":\"subscribe\",\"thread\":\"" + "x".repeat(257) + "\"}", "invalid_thread");
        assertError("{\"type\":\"subscribe\",\"thread\":\"t\",\"since\":-1}", "invalid_since");
        assertError("{\"type\":\"subscribe\",\"thread\":\"t\",\"since\":\"5\"}", "invalid_since");
        assertError("{\"type\":\"post\",\"id\":\"p1\",\"thread\":\"t\",\"author\":\" \",\"body\":\"b\"}", "invalid_author");
        assertError("{\"type\":\"post\",\"id\":\"p2\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"\"}", "invalid_body");
        assertError("{\"type\":\"post\",\"id\":\"p3\",\"thread\":\"t\",\"author\":\"a\",\"body\":\""
                + "y".repeat(8001) + "\"}", "invalid_body");
        assertError("{\"type\":\"post\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"b\",\"parent\":\"x\"}", "invalid_parent");
        assertError("{\"type\":\"post\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"b\",\"parent\":999}", "invalid_parent");
        assertError("{\"type\":\"post\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"b\",\"key\":\"\"}", "invalid_key");
        assertError("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "invalid_json");

        ws.send("{\"type\":\"post\",\"id\":\"ok\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"still here\"}");
        JsonObject ack = ws.next("ack");
        assertThat(ack.getString("id")).isEqualTo("ok");
        assertThat(Http.get(app.baseUrl() + "/api/v1/threads?thread=t").body()).contains("\"count\":1");
    }

    @Test
    void errorFramesEchoTheRequestId() {
        ws.send("{\"type\":\"post\",\"id\":\"req-7\",\"thread\":\"t\",\"author\":\"a\"}");
        JsonObject error = ws.next("error");
        assertThat(error.getString("id")).isEqualTo("req-7");
        assertThat(error.getString("code")).isEqualTo("invalid_body");
    }

    @Test
    void refusesMoreSubscriptionsThanTheLimit() {
        for (int i = 0; i < 3; i++) {
            ws.subscribe("s" + i, 0L).next("subscribed");
        }
        ws.subscribe("s3", 0L);
        assertThat(ws.next("error").getString("code")).isEqualTo("too_many_subscriptions");
        ws.subscribe("s0", 0L).next("subscribed");
    }

    @Test
    void binaryFrameClosesWith1003() {
        ws.sendBinary(new byte[] {1, 2, 3});
        assertThat(ws.awaitClose()).isEqualTo(1003);
    }

    @Test
    void frameOver64KiBClosesWith1009() {
        ws.send("{\"type\":\"post\",\"thread\":\"t\",\"author\":\"a\",\"body\":\"" + "z".repeat(70_000) + "\"}");
        assertThat(ws.awaitClose()).isEqualTo(1009);
        assertThat(Http.get(app.baseUrl() + "/api/v1/threads?thread=t").body()).contains("\"count\":0");
    }

    @Test
    void aFreshConnectionStillWorksAfterAnotherWasClosedForAbuse() {
        ws.sendBinary(new byte[] {0});
        ws.awaitClose();
        try (WsClient other = WsClient.connect(app)) {
            other.subscribe("t", 0L).next("subscribed");
            other.assertExhausted(Duration.ofMillis(100));
        }
    }
}
