package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.RawWsClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REST and WebSocket read text through one strict UTF-8 decoder: what one refuses, the other
 * refuses too, and no string may hold a lone surrogate (a JSON escape such as backslash-ud800), which the
 * database cannot store as itself and would merge with another.
 */
class StrictUtf8Test {
    private static final String POST = "{\"thread\":\"utf\",\"author\":\"Ann\",\"body\":\"a/b\"}";
    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
    }


    /**
     * The post above, badly encoded: its '/' (0x2F) as overlong two-, three- and four-byte forms
     * and as an encoded surrogate (not UTF-8: a WebSocket closes with 1007), and the whole post in
     * encodings a JSON parser would detect by itself (ASCII in them is UTF-8 with NULs: not JSON).
     */
    static List<Arguments> badEncodings() {
        return List.of(Arguments.of("overlong 2 bytes", overlong(0xC0, 0xAF), true),
                Arguments.of("overlong 3 bytes", overlong(0xE0, 0x80, 0xAF), true),
                Arguments.of("overlong 4 bytes", overlong(0xF0, 0x80, 0x80, 0xAF), true),
                Arguments.of("CESU-8 surrogate", overlong(0xED, 0xA0, 0x80), true),
                Arguments.of("UTF-16BE", POST.getBytes(StandardCharsets.UTF_16BE), false),
                Arguments.of("UTF-16LE", POST.getBytes(StandardCharsets.UTF_16LE), false),
                Arguments.of("UTF-32BE", POST.getBytes(Charset.forName("UTF-32BE")), false),
                Arguments.of("UTF-32LE", POST.getBytes(Charset.forName("UTF-32LE")), false));
    }

    private static byte[] overlong(int... slash) {
        String[] halves = POST.split("/");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(halves[0].getBytes(StandardCharsets.US_ASCII));
        for (int b : slash) {
            out.write(b);
        }
        out.writeBytes(halves[1].getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEncodings")
    void restRefusesWhatWebSocketRefuses(String encoding, byte[] body, boolean notUtf8) throws Exception {
        assertError(postBytes(body), 400, "invalid_json");
        try (RawWsClient raw = RawWsClient.connect(app.port(), 65536)) {
            raw.sendFrame(0x1, body);
            if (notUtf8) {
                assertThat(raw.readUntilClose()).isEqualTo(1007);
            } else {
                assertThat(new JsonObject(raw.readFrame().text()).getString("code")).isEqualTo("invalid_json");
            }
        }
        assertThat(Http.get(app.baseUrl() + "/api/v1/comments?thread=utf").body()).doesNotContain("\"id\"");
    }

    private static HttpResponse<String> postBytes(byte[] body) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "POST|/api/v1/comments|{\"thread\":\"k\\ud800\",\"author\":\"Ann\",\"body\":\"b\"}",
            "POST|/api/v1/comments|{\"thread\":\"k\\udc00x\",\"author\":\"Ann\",\"body\":\"b\"}",
            "POST|/api/v1/comments|{\"thread\":\"k\",\"author\":\"Ann\\ud800\",\"body\":\"b\"}",
            "POST|/api/v1/comments|{\"thread\":\"k\",\"author\":\"Ann\",\"body\":\"b\\udfff\\ud800\"}",
            "POST|/api/v1/comments|{\"thread\":\"k\",\"author\":\"Ann\",\"body\":\"b\",\"sso\":\"\\ud800\"}",
            "POST|/api/v1/comments|{\"thread\":\"k\",\"author\":\"Ann\",\"body\":\"b\",\"x\\ud800\":1}",
            "POST|/api/v1/preview|{\"body\":\"b\\ud800\"}",
            "PATCH|/api/v1/comments/1|{\"body\":\"b\\ud800\"}",
            "POST|/api/v1/admin/bans|{\"authorId\":\"a\\ud800\",\"seconds\":60}",
            "POST|/api/v1/admin/bans|{\"authorId\":\"a\",\"seconds\":60,\"reason\":\"r\\ud800\"}",
            "PUT|/api/v1/admin/threads/lock|{\"thread\":\"k\\ud800\",\"locked\":true}",
            "PUT|/api/v1/admin/settings|{\"premoderation\":false,\"blockedWords\":[\"w\\ud800\"]}",
    })
    void loneSurrogatesAreRefusedInEveryTextField(String method, String path, String body) {
        boolean moderator = method.equals("PATCH") || path.contains("/admin/");
        String[] headers = moderator ? new String[] {"Authorization", bearer(ADMIN)} : new String[0];
        assertError(request(method, app.baseUrl() + path, body, headers), 400, "invalid_json");
    }

    @Test
    void loneSurrogatesAreRefusedOverWebSocketToo() {
        try (WsClient ws = WsClient.connect(app)) {
            ws.send("{\"type\":\"subscribe\",\"thread\":\"k\\ud800\"}");
            assertThat(ws.next("error").getString("code")).isEqualTo("invalid_json");
            ws.send("{\"type\":\"post\",\"id\":\"p\",\"thread\":\"k\",\"author\":\"Ann\",\"body\":\"b\\udbff\"}");
            assertThat(ws.next("error").getString("code")).isEqualTo("invalid_json");
            ws.assertExhausted(java.time.Duration.ofMillis(100));
        }
    }

    @Test
    void twoThreadKeysThatDifferOnlyInALoneSurrogateNeverShareAThread() {
        for (String escape : List.of("\\ud800", "\\ud801")) {
            assertError(Http.postJson(app.baseUrl() + "/api/v1/comments",
                    "{\"thread\":\"merge" + escape + "\",\"author\":\"Ann\",\"body\":\"" + escape.substring(1) + "\"}"),
                    400, "invalid_json");
        }
        for (String stored : List.of("merge?", "merge\uFFFD")) {
            assertThat(Http.get(app.baseUrl() + "/api/v1/threads?thread=" + java.net.URLEncoder.encode(stored,
                    StandardCharsets.UTF_8)).body()).contains("\"seq\":0");
        }
    }

    @Test
    void properSurrogatePairsAndUtf8StillPass() {
        HttpResponse<String> answer = Http.postJson(app.baseUrl() + "/api/v1/comments",
                "{\"thread\":\"pairs \\ud83d\\ude00\",\"author\":\"Ann \u00e9\",\"body\":\"\\ud83d\\ude00 and \ud83d\ude01\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonObject posted = Http.json(answer);
        assertThat(posted.getString("thread")).isEqualTo("pairs \ud83d\ude00");
        assertThat(posted.getString("body")).isEqualTo("\ud83d\ude00 and \ud83d\ude01");
    }
}
