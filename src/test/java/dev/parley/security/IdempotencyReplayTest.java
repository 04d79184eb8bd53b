package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A retry with a committed idempotency key gets the original comment, never a second one; but
 * only the original poster gets it as they saw it, with their token. Anyone else who replays the
 * key (another author, or no token from another address) learns only what readers see.
 */
class IdempotencyReplayTest {
    private static final String ANNS_ADDRESS = "198.51.100.7";
    private static final String MALLORYS_ADDRESS = "203.0.113.66";
    @AutoClose TestApp app;

    @BeforeEach
    void start() {
        // Behind a trusted proxy (the test itself), each request names its client address.
        app = TestApp.start(Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.1/32", "PARLEY_ADMIN_TOKEN", ADMIN));
    }


    private HttpResponse<String> post(String thread, String author, String body, String key, String address, String token) {
        List<String> headers = new ArrayList<>(List.of("Idempotency-Key", key, "X-Forwarded-For", address));
        if (token != null) {
            headers.addAll(List.of("Authorization", bearer(token)));
        }
        return Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", thread)
                .put("author", author).put("body", body).encode(), headers.toArray(String[]::new));
    }

    private String malloryToken() {
        return Http.json(post("elsewhere", "Mallory", "my own comment", "m-1", MALLORYS_ADDRESS, null))
                .getString("authorToken");
    }

    @Test
    void theOriginalPostersRetryOfAFirstPostGetsTheirOwnToken() {
        HttpResponse<String> first = post("replay", "Ann", "hello", "k-1", ANNS_ADDRESS, null);
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> retry = post("replay", "Ann", "hello", "k-1", ANNS_ADDRESS, null);
        assertThat(retry.statusCode()).isEqualTo(200);
        JsonObject again = Http.json(retry);
        assertThat(again.getLong("id")).isEqualTo(Http.json(first).getLong("id"));
        assertThat(again.getString("authorToken")).as("the token that can edit it")
                .isEqualTo(Http.json(first).getString("authorToken"));
        assertThat(request("PATCH", app.baseUrl() + "/api/v1/comments/" + again.getLong("id"), "{\"body\":\"edited\"}",
                "Authorization", bearer(again.getString("authorToken"))).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherAuthorReplayingTheKeyGetsThePublicCommentWithoutAnyToken() {
        JsonObject anns = Http.json(post("replay", "Ann", "hello", "k-2", ANNS_ADDRESS, null));
        HttpResponse<String> replay = post("replay", "Mallory", "hello", "k-2", ANNS_ADDRESS, malloryToken());
        assertThat(replay.statusCode()).isEqualTo(200);
        JsonObject seen = Http.json(replay);
        assertThat(seen.getLong("id")).isEqualTo(anns.getLong("id"));
        assertThat(seen.getString("body")).isEqualTo("hello");
        assertThat(seen.fieldNames()).doesNotContain("authorToken", "editableUntil");
    }

    @Test
    void aTokenlessReplayFromAnotherAddressGetsNoToken() {
        Http.json(post("replay", "Ann", "hello", "k-3", ANNS_ADDRESS, null));
        HttpResponse<String> replay = post("replay", "Ann", "hello", "k-3", MALLORYS_ADDRESS, null);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(Http.json(replay).fieldNames()).doesNotContain("authorToken", "editableUntil");
    }

    @Test
    void aTokenlessReplayFromTheSameAddressOfALaterPostGetsNoToken() {
        String token = Http.json(post("replay", "Ann", "first", "k-4", ANNS_ADDRESS, null)).getString("authorToken");
        Http.json(post("replay", "Ann", "second, with my token", "k-5", ANNS_ADDRESS, token));
        HttpResponse<String> replay = post("replay", "Ann", "second, with my token", "k-5", ANNS_ADDRESS, null);
        assertThat(Http.json(replay).fieldNames()).as("a neighbour behind Ann's NAT").doesNotContain("authorToken");
    }

    @Test
    void aPendingCommentIsNeverReplayedToAnyoneButItsPoster() {
        request("PUT", app.baseUrl() + "/api/v1/admin/settings", "{\"premoderation\":true}", "Authorization", bearer(ADMIN));
        JsonObject pending = Http.json(post("replay", "Ann", "waiting for a moderator", "k-6", ANNS_ADDRESS, null));
        assertThat(pending.getBoolean("pending")).isTrue();
        HttpResponse<String> byMallory = post("replay", "Mallory", "x", "k-6", MALLORYS_ADDRESS, malloryToken());
        assertError(byMallory, 409, "conflict");
        assertThat(byMallory.body()).doesNotContain("waiting for a moderator");
        assertError(post("replay", "Mallory", "x", "k-6", MALLORYS_ADDRESS, null), 409, "conflict");
        JsonObject byAnn = Http.json(post("replay", "Ann", "waiting for a moderator", "k-6", ANNS_ADDRESS, null));
        assertThat(byAnn.getBoolean("pending")).isTrue();
        assertThat(byAnn.getString("authorToken")).isEqualTo(pending.getString("authorToken"));
    }

    @Test
    void overWebSocketAReplayByAnotherAuthorIsAnsweredTheSameWay() {
        JsonObject anns = Http.json(post("replay", "Ann", "hello", "k-7", "127.0.0.1", null));
        String mallory = malloryToken();
        try (WsClient ws = WsClient.connect(app)) {
            ws.send(new JsonObject().put("type", "post").put("id", "r").put("key", "k-7").put("thread", "replay")
                    .put("author", "Mallory").put("body", "hello").put("token", mallory));
            JsonObject ack = ws.next("ack");
            assertThat(ack.getJsonObject("comment").getLong("id")).isEqualTo(anns.getLong("id"));
            assertThat(ack.fieldNames()).doesNotContain("authorToken", "editableUntil");
            ws.send(new JsonObject().put("type", "post").put("id", "s").put("key", "k-7").put("thread", "replay")
                    .put("author", "Ann").put("body", "hello"));
            assertThat(ws.next("ack").getString("authorToken")).as("Ann's first post, retried from her address")
                    .isEqualTo(anns.getString("authorToken"));
        }
    }

    @Test
    void keysArePerThread() {
        JsonObject one = Http.json(post("replay-a", "Ann", "hello", "k-8", ANNS_ADDRESS, null));
        HttpResponse<String> other = post("replay-b", "Ann", "hello", "k-8", ANNS_ADDRESS, null);
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(Http.json(other).getLong("id")).isNotEqualTo(one.getLong("id"));
    }
}
