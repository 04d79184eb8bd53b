package dev.parley.security;

import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.RawWsClient;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Moderators act through the API; every action is audited and reaches readers live. */
class ModerationTest {
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String url(String path) {
        return app.baseUrl() + path;
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return request(method, url(path), body, "Authorization", bearer(ADMIN));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET|/api/v1/admin/comments|",
            "POST|/api/v1/admin/comments/1/approve|{}",
            "POST|/api/v1/admin/comments/1/restore|{}",
            "GET|/api/v1/admin/bans|",
            "POST|/api/v1/admin/bans|{\"authorId\":\"x\",\"seconds\":60}",
            "DELETE|/api/v1/admin/bans/1|",
            "PUT|/api/v1/admin/threads/lock|{\"thread\":\"t\",\"locked\":true}",
            "GET|/api/v1/admin/settings|",
            "PUT|/api/v1/admin/settings|{\"premoderation\":true}",
            "GET|/api/v1/admin/audit|",
            "GET|/api/v1/admin/authors/x|",
            "DELETE|/api/v1/admin/authors/x|",
    })
    void moderatorEndpointsRefuseMissingAndWrongTokens(String method, String path, String body) {
        assertError(request(method, url(path), body), 401, "unauthorized");
        assertError(request(method, url(path), body, "Authorization", bearer("not-the-moderator-token")), 403, "forbidden");
        String authorToken = Http.postCommentAnswer(app, "who", "Ann", "an author, not a moderator").getString("authorToken");
        assertError(request(method, url(path), body, "Authorization", bearer(authorToken)), 403, "forbidden");
        assertThat(Http.json(admin("GET", "/api/v1/admin/settings", null)).getBoolean("premoderation")).isFalse();
    }

    @Test
    void deleteAndRestoreReachReadersLiveAndAreAudited() {
        JsonObject c = Http.postComment(app, "mod", "Ann", "rude words");
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("mod", 1L).next("subscribed");
            assertThat(admin("DELETE", "/api/v1/comments/" + c.getLong("id"), null).statusCode()).isEqualTo(204);
            JsonObject deleted = reader.next("updated").getJsonObject("comment");
            assertThat(deleted.getBoolean("deleted")).isTrue();
            assertThat(deleted.getString("body")).isEmpty();
            JsonObject listed = Http.json(admin("GET", "/api/v1/admin/comments?status=deleted", null))
                    .getJsonArray("comments").getJsonObject(0);
            assertThat(listed.getString("body")).as("moderators still see it").isEqualTo("rude words");
            assertThat(listed.getString("authorId")).isNotBlank();
            assertThat(listed.getString("ipHash")).isNotBlank().doesNotContain("127.0.0.1");

            assertThat(admin("POST", "/api/v1/admin/comments/" + c.getLong("id") + "/restore", "{}").statusCode()).isEqualTo(200);
            JsonObject restored = reader.next("updated").getJsonObject("comment");
            assertThat(restored.getBoolean("deleted")).isFalse();
            assertThat(restored.getString("body")).isEqualTo("rude words");
        }
        JsonArray audit = Http.json(admin("GET", "/api/v1/admin/audit", null)).getJsonArray("entries");
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("action")).toList()).containsSubsequence("restore", "delete");
    }

    @Test
    void anAuthorsOwnDeletionCannotBeRestored() {
        JsonObject c = Http.postCommentAnswer(app, "gone", "Ann", "regret");
        request("DELETE", url("/api/v1/comments/" + c.getLong("id")), null, "Authorization", bearer(c.getString("authorToken")));
        assertError(admin("POST", "/api/v1/admin/comments/" + c.getLong("id") + "/restore", "{}"), 404, "not_found");
        JsonObject listed = Http.json(admin("GET", "/api/v1/admin/comments?status=deleted", null))
                .getJsonArray("comments").getJsonObject(0);
        assertThat(listed.getString("body")).as("erased for good").isEmpty();
    }

    @Test
    void preModeratedCommentsAppearOnlyWhenApproved() {
        admin("PUT", "/api/v1/admin/settings", "{\"premoderation\":true}");
        try (WsClient reader = WsClient.connect(app); WsClient author = WsClient.connect(app)) {
            reader.subscribe("pre", 0L).next("subscribed");
            author.post("p", "pre", "Ann", "please approve me");
            JsonObject ack = author.next("ack");
            assertThat(ack.getJsonObject("comment").getBoolean("pending")).isTrue();
            assertThat(ack.getJsonObject("comment").getLong("seq")).isZero();
            reader.assertExhausted(Duration.ofMillis(300));
            assertThat(Http.json(Http.get(url("/api/v1/comments?thread=pre"))).getJsonArray("comments")).isEmpty();
            long id = ack.getJsonObject("comment").getLong("id");
            JsonObject pending = Http.json(admin("GET", "/api/v1/admin/comments?status=pending", null))
                    .getJsonArray("comments").getJsonObject(0);
            assertThat(pending.getLong("id")).isEqualTo(id);

            HttpResponse<String> approved = admin("POST", "/api/v1/admin/comments/" + id + "/approve", "{}");
            assertThat(Http.json(approved).getLong("seq")).isEqualTo(1);
            JsonObject live = reader.next("comment");
            assertThat(live.getLong("seq")).isEqualTo(1);
            assertThat(live.getJsonObject("comment").getString("body")).isEqualTo("please approve me");
            assertThat(live.getJsonObject("comment").containsKey("pending")).isFalse();
            assertError(admin("POST", "/api/v1/admin/comments/" + id + "/approve", "{}"), 404, "not_found");
        }
    }

    @Test
    void aBannedAuthorIsCutOffAndRefusedWhenTheyReconnect() {
        try (WsClient troll = WsClient.connect(app); WsClient reader = WsClient.connect(app)) {
            troll.post("1", "ban", "Troll", "first");
            JsonObject ack = troll.next("ack");
            String token = ack.getString("authorToken");
            String authorId = Http.json(admin("GET", "/api/v1/admin/comments", null)).getJsonArray("comments")
                    .getJsonObject(0).getString("authorId");
            HttpResponse<String> ban = admin("POST", "/api/v1/admin/bans",
                    new JsonObject().put("authorId", authorId).put("seconds", 3600).put("reason", "trolling").encode());
            assertThat(ban.statusCode()).isEqualTo(201);
            assertThat(troll.awaitClose()).isEqualTo(1008);
            assertThat(reader.isClosed()).isFalse();

            assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("ban", "I'm back"), "Authorization",
                    bearer(token)), 403, "banned");
            try (WsClient again = WsClient.connect(app)) {
                again.send(new JsonObject().put("type", "post").put("id", "2").put("thread", "ban").put("author", "Troll")
                        .put("body", "back again").put("token", token));
                assertThat(again.next("error").getString("code")).isEqualTo("banned");
                assertThat(again.awaitClose()).isEqualTo(1008);
            }
            long banId = Http.json(ban).getLong("id");
            assertThat(Http.json(admin("GET", "/api/v1/admin/bans", null)).getJsonArray("bans")).hasSize(1);
            assertThat(admin("DELETE", "/api/v1/admin/bans/" + banId, null).statusCode()).isEqualTo(204);
            assertThat(Http.postJson(url("/api/v1/comments"), Hostile.post("ban", "reformed"), "Authorization",
                    bearer(token)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aBannedAddressCannotEvenConnect() {
        Http.postComment(app, "ipban", "Ann", "hi");
        String ipHash = Http.json(admin("GET", "/api/v1/admin/comments", null)).getJsonArray("comments")
                .getJsonObject(0).getString("ipHash");
        admin("POST", "/api/v1/admin/bans", new JsonObject().put("ipHash", ipHash).put("seconds", 60).encode());
        assertThatThrownBy(() -> RawWsClient.connect(app.port(), 65536)).hasMessageContaining("403");
        assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("ipban", "new identity, same address")),
                403, "banned");
    }

    @Test
    void lockedThreadsAreReadOnlyAndSaySoBeforeAnyPost() {
        assertThat(locked("closed")).as("never written, never locked").isFalse();
        assertThat(admin("PUT", "/api/v1/admin/threads/lock", "{\"thread\":\"closed\",\"locked\":true}").statusCode())
                .isEqualTo(200);
        assertThat(locked("closed")).isTrue();
        assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("closed", "anyone?")), 403, "thread_locked");
        admin("PUT", "/api/v1/admin/threads/lock", "{\"thread\":\"closed\",\"locked\":false}");
        assertThat(locked("closed")).isFalse();
        assertThat(Http.postJson(url("/api/v1/comments"), Hostile.post("closed", "open again")).statusCode()).isEqualTo(201);
    }

    /** What GET /api/v1/threads says of the thread's lock (the widget reads it as it loads). */
    private boolean locked(String thread) {
        return Http.json(Http.get(url("/api/v1/threads?thread=" + thread))).getBoolean("locked");
    }

    @Test
    void blockedWordsAndDomainsAreRefused() {
        admin("PUT", "/api/v1/admin/settings",
                "{\"premoderation\":false,\"blockedWords\":[\"viagra\"],\"blockedDomains\":[\"spam.example\"]}");
        assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("filter", "cheap VIAGRA here")), 400, "blocked_content");
        assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("filter", "see https://shop.spam.example/x")),
                400, "blocked_content");
        assertThat(Http.postJson(url("/api/v1/comments"), Hostile.post("filter", "viagrafalls is a place name"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void exportAndEraseEverythingByOneAuthor() {
        JsonObject first = Http.postCommentAnswer(app, "gdpr/a", "Ann", "first words");
        String token = first.getString("authorToken");
        Http.postJson(url("/api/v1/comments"), Hostile.post("gdpr/b", "second words"), "Authorization", bearer(token));
        Http.postComment(app, "gdpr/a", "Bob", "not Ann's");
        String authorId = Http.json(admin("GET", "/api/v1/admin/comments", null)).getJsonArray("comments").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("body").equals("first words")).findFirst()
                .orElseThrow().getString("authorId");
        JsonObject export = Http.json(admin("GET", "/api/v1/admin/authors/" + authorId, null));
        assertThat(export.getJsonArray("comments").stream().map(c -> ((JsonObject) c).getString("body")).toList())
                .containsExactly("first words", "second words");
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("gdpr/a", 2L).next("subscribed");
            assertThat(Http.json(admin("DELETE", "/api/v1/admin/authors/" + authorId, null)).getInteger("erased")).isEqualTo(2);
            JsonObject erased = reader.next("updated").getJsonObject("comment");
            assertThat(erased.getBoolean("deleted")).isTrue();
        }
        JsonObject after = Http.json(admin("GET", "/api/v1/admin/authors/" + authorId, null));
        assertThat(after.getJsonArray("comments")).as("the erased comments no longer name their author").isEmpty();
        assertThat(after.encode()).doesNotContain("first words").doesNotContain("second words");
        assertThat(Http.get(url("/api/v1/comments?thread=gdpr/a")).body()).contains("not Ann's");
        List<String> actions = Http.json(admin("GET", "/api/v1/admin/audit", null)).getJsonArray("entries").stream()
                .map(e -> ((JsonObject) e).getString("action")).toList();
        assertThat(actions).contains("export", "erase");
    }
}
