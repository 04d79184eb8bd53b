package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * #11.5: a long block list is one automaton compiled when it changes, so the admin API takes a
 * published word list (10,000 entries) and every post is still checked against all of it.
 */
class LongBlockListTest {
    @AutoClose
    private final TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));

    private HttpResponse<String> saveSettings(String body) {
        return request("PUT", app.baseUrl() + "/api/v1/admin/settings", body, "Authorization", bearer(ADMIN));
    }

    private static List<String> words(int count, long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder w = new StringBuilder();
            for (int n = 5 + random.nextInt(8); n > 0; n--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void tenThousandBlockedWordsAreAcceptedAndEveryPostIsCheckedAgainstThem() {
        List<String> words = words(10_000, 7);
        String settings = new JsonObject().put("premoderation", false).put("blockedWords", new JsonArray(words))
                .put("blockedDomains", new JsonArray(List.of("spam.example"))).encode();
        assertThat(settings.length()).as("larger than the usual 64 KiB request limit").isGreaterThan(65_536);
        HttpResponse<String> saved = saveSettings(settings);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonObject read = Http.json(request("GET", app.baseUrl() + "/api/v1/admin/settings", null,
                "Authorization", bearer(ADMIN)));
        assertThat(read.getJsonArray("blockedWords")).hasSize(10_000);

        for (String word : List.of(words.get(0), words.get(4_999), words.get(9_999))) {
            assertError(Http.postJson(app.baseUrl() + "/api/v1/comments",
                    Hostile.post("long-list", "well, " + word.toUpperCase() + "!")), 400, "blocked_content");
        }
        try (WsClient ws = WsClient.connect(app)) {
            ws.post("w", "long-list", "Mallory", "so " + words.get(9_998));
            assertThat(ws.next("error").getString("code")).isEqualTo("blocked_content");
        }
        assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments", Hostile.post("long-list",
                "An ordinary comment that uses none of the " + words.size() + " words.")).statusCode()).isEqualTo(201);
    }

    @Test
    void listsBeyondTheLimitsAreRefused() {
        String tooMany = new JsonObject().put("premoderation", false)
                .put("blockedWords", new JsonArray(words(10_001, 8))).encode();
        assertError(saveSettings(tooMany), 400, "invalid_json");
        String tooLarge = new JsonObject().put("premoderation", false)
                .put("blockedWords", new JsonArray(List.of("x".repeat(200))))
                .put("padding", "p".repeat(1024 * 1024)).encode();
        HttpResponse<String> large = saveSettings(tooLarge);
        assertError(large, 413, "too_large");
        assertThat(Http.json(large).getJsonObject("error").getString("message")).contains("1048576");
        assertError(request("PUT", app.baseUrl() + "/api/v1/admin/settings", tooMany), 401, "unauthorized");
    }
}
