package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.RawWsClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Floods hit the limits with the right codes while everyone else carries on; hostile bodies are refused. */
class AbuseTest {
    private TestApp app;

    private TestApp start(Map<String, String> extra) {
        // The default burst of 5 posts, but one more a minute instead of every 3 s: on a loaded
        // machine six posts can take 3 s, and the sixth would be let through.
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_ADMIN_TOKEN", Hostile.ADMIN,
                "PARLEY_POST_EVERY", "60s"));
        env.putAll(extra);
        app = TestApp.start(env);
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> postFrom(String address, String thread, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = address;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post(thread, body), all);
    }

    @Test
    void aFloodingAddressGets429WithRetryAfterWhileOthersPost() {
        start(Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"));
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("flood", 0L).next("subscribed");
            for (int i = 0; i < 5; i++) {
                assertThat(postFrom("203.0.113.7", "flood", "spam " + i).statusCode()).isEqualTo(201);
            }
            HttpResponse<String> refused = postFrom("203.0.113.7", "flood", "spam 5");
            assertError(refused, 429, "rate_limited");
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(50, 60));
            assertError(postFrom("198.51.100.1, 203.0.113.7", "flood", "spoofed hop"), 429, "rate_limited");
            assertThat(postFrom("198.51.100.2", "flood", "a normal reader").statusCode()).isEqualTo(201);
            for (long seq = 1; seq <= 6; seq++) {
                assertThat(reader.next("comment").getLong("seq")).isEqualTo(seq);
            }
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        start(Map.of());
        for (int i = 0; i < 5; i++) {
            assertThat(postFrom("192.0.2." + i, "spoof", "message " + i).statusCode()).isEqualTo(201);
        }
        assertError(postFrom("192.0.2.99", "spoof", "a fresh address, it claims"), 429, "rate_limited");
    }

    @Test
    void anAuthorIsLimitedAcrossAddressesButARetryIsNot() {
        start(Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"));
        HttpResponse<String> first = postFrom("203.0.113.1", "author", "mine 0", "Idempotency-Key", "k0");
        String token = Http.json(first).getString("authorToken");
        // The first post had no token yet: it counted for its address only, not for the author.
        for (int i = 1; i <= 5; i++) {
            assertThat(postFrom("203.0.113." + (i + 1), "author", "mine " + i, "Authorization", bearer(token)).statusCode())
                    .isEqualTo(201);
        }
        assertError(postFrom("203.0.113.50", "author", "one more", "Authorization", bearer(token)), 429, "rate_limited");
        assertThat(postFrom("203.0.113.1", "author", "mine 0", "Idempotency-Key", "k0").statusCode())
                .as("a retry of a committed post is answered, not counted").isEqualTo(200);
    }

    @Test
    void aWebSocketFloodGetsErrorFramesThenClose4429() {
        start(Map.of());
        try (WsClient flooder = WsClient.connect(app)) {
            for (int i = 0; i < 5; i++) {
                flooder.post("p" + i, "wsflood", "Bot", "spam number " + i);
                flooder.next("ack");
            }
            for (int i = 5; i < 16; i++) {
                flooder.post("p" + i, "wsflood", "Bot", "spam number " + i);
            }
            for (int i = 0; i < 10; i++) {
                JsonObject error = flooder.next("error");
                assertThat(error.getString("code")).isEqualTo("rate_limited");
            }
            assertThat(flooder.awaitClose()).as("10 refused in a row").isEqualTo(4429);
        }
        try (WsClient other = WsClient.connect(app)) {
            other.subscribe("wsflood", 0L);
            for (long seq = 1; seq <= 5; seq++) {
                assertThat(other.next("comment").getLong("seq")).isEqualTo(seq);
            }
        }
    }

    @Test
    void connectionAndSubscriptionFloodsAreLimited() {
        start(Map.of("PARLEY_CONNECT_BURST", "3", "PARLEY_CONNECT_EVERY", "60s", "PARLEY_SUBSCRIBE_BURST", "3",
                "PARLEY_SUBSCRIBE_EVERY", "60s"));
        WsClient a = WsClient.connect(app);
        WsClient b = WsClient.connect(app);
        WsClient c = WsClient.connect(app);
        assertThatThrownBy(() -> RawWsClient.connect(app.port(), 65536)).hasMessageContaining("429");
        for (int i = 0; i < 3; i++) {
            a.subscribe("s" + i, null).next("subscribed");
        }
        a.subscribe("s3", null);
        JsonObject error = a.next("error");
        assertThat(error.getString("code")).isEqualTo("rate_limited");
        a.close();
        b.close();
        c.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "honeypot filled|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"b\",\"website\":\"http://spam\"}|400|rejected",
            "honeypot wrong type|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"b\",\"website\":1}|400|rejected",
            "six links|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"http://a.x http://b.x http://c.x http://d.x http://e.x http://f.x\"}|400|too_many_links",
            "sso not a string|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"b\",\"sso\":7}|400|invalid_json",
            "deep nesting|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"b\",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}|400|invalid_json",
            "trailing garbage|{\"thread\":\"h\",\"author\":\"a\",\"body\":\"b\"} {}|400|invalid_json",
            "duplicate keys|{\"thread\":\"h\",\"thread\":\"i\",\"author\":\"a\",\"body\":\"b\"}|400|invalid_json",
            "number as body|{\"thread\":\"h\",\"author\":\"a\",\"body\":12}|400|invalid_body",
            "control char thread|{\"thread\":\"h\\u0000\",\"author\":\"a\",\"body\":\"b\"}|400|invalid_thread",
    })
    void hostileBodiesAreRefusedWithTheirCode(String why, String json, int status, String code) {
        start(Map.of("PARLEY_RATE_LIMITS", "off"));
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", json), status, code);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/threads?thread=h")).getLong("count")).isZero();
    }

    @Test
    void theSameBodyTwiceIsADuplicate() {
        start(Map.of("PARLEY_RATE_LIMITS", "off"));
        assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post("dup", "first!")).statusCode()).isEqualTo(201);
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post("dup", "first!")), 409, "duplicate");
    }

    @Test
    void oversizedAndMalformedInputIsRefusedOnBothTransports() throws Exception {
        start(Map.of("PARLEY_RATE_LIMITS", "off"));
        assertError(Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post("big", "x".repeat(100_000))),
                413, "too_large");
        try (RawWsClient raw = RawWsClient.connect(app.port(), 65536)) {
            raw.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertThat(raw.readUntilClose()).as("invalid UTF-8 in a text frame").isEqualTo(1007);
        }
        try (WsClient ws = WsClient.connect(app)) {
            ws.send("{\"type\":\"post\",\"x\":" + "[".repeat(30) + "]".repeat(30) + "}");
            assertThat(ws.next("error").getString("code")).isEqualTo("invalid_json");
            ws.send("{\"type\":\"post\",\"thread\":\"w\",\"author\":\"a\",\"body\":\"b\",\"website\":\"x\"}");
            assertThat(ws.next("error").getString("code")).isEqualTo("rejected");
        }
    }

    @ParameterizedTest(name = "{0} from a foreign origin")
    @CsvSource({"POST,/api/v1/comments", "PATCH,/api/v1/comments/1", "DELETE,/api/v1/comments/1",
            "PUT,/api/v1/admin/settings", "POST,/api/v1/admin/bans"})
    void foreignOriginsCannotChangeAnything(String method, String path) {
        start(Map.of("PARLEY_RATE_LIMITS", "off"));
        HttpResponse<String> response = request(method, app.baseUrl() + path, "{}", "Origin", "https://evil.example",
                "Authorization", bearer(Hostile.ADMIN));
        assertError(response, 403, "forbidden_origin");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThatThrownBy(() -> WsClient.connect(app.wsUrl(), "https://evil.example", true))
                .hasStackTraceContaining("403");
    }
}
