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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edits and deletions obey what posts obey: they are rate-limited per author and per address
 * (each one reaches every reader), a banned author (or address) can change nothing, and only
 * moderators edit in a locked thread. Limits are on here, as in production: a burst of 5 changes,
 * then one every 3 s.
 */
class EditAbuseTest {
    @AutoClose TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_RATE_LIMITS", "on"));
    }


    private HttpResponse<String> admin(String method, String path, String body) {
        return request(method, app.baseUrl() + path, body, "Authorization", bearer(ADMIN));
    }

    private HttpResponse<String> edit(JsonObject comment, String token, String body) {
        return request("PATCH", app.baseUrl() + "/api/v1/comments/" + comment.getLong("id"),
                new JsonObject().put("body", body).encode(), "Authorization", bearer(token));
    }

    private HttpResponse<String> delete(JsonObject comment, String token) {
        return request("DELETE", app.baseUrl() + "/api/v1/comments/" + comment.getLong("id"), null,
                "Authorization", bearer(token));
    }

    /** The comment as a moderator sees it: with its authorId and ipHash. */
    private JsonObject stored(long id) {
        return Http.json(admin("GET", "/api/v1/admin/comments", null)).getJsonArray("comments").stream()
                .map(JsonObject.class::cast).filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
    }

    @Test
    void theSixthEditInABurstIsRefusedAndReachesNoReader() {
        JsonObject mine = Http.postCommentAnswer(app, "flood", "Ann", "version 0");
        String token = mine.getString("authorToken");
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("flood", 1L).next("subscribed");
            for (int i = 1; i <= 5; i++) {
                assertThat(edit(mine, token, "version " + i).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> sixth = edit(mine, token, "version 6");
            assertError(sixth, 429, "rate_limited");
            assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
            assertError(delete(mine, token), 429, "rate_limited");
            for (int i = 1; i <= 5; i++) {
                assertThat(reader.next("updated").getJsonObject("comment").getString("body")).isEqualTo("version " + i);
            }
            reader.assertExhausted(Duration.ofMillis(300));
        }
        assertThat(stored(mine.getLong("id")).getString("body")).isEqualTo("version 5");
    }

    @Test
    void anAddressSharesOneBudgetAmongItsAuthorsAndModeratorsHaveNone() {
        JsonObject ann = Http.postCommentAnswer(app, "shared", "Ann", "Ann's");
        JsonObject bob = Http.postCommentAnswer(app, "shared", "Bob", "Bob's");
        for (int i = 1; i <= 5; i++) {
            assertThat(edit(ann, ann.getString("authorToken"), "Ann's, take " + i).statusCode()).isEqualTo(200);
        }
        assertError(edit(bob, bob.getString("authorToken"), "Bob's, from the same address"), 429, "rate_limited");
        for (int i = 1; i <= 10; i++) {
            assertThat(edit(bob, ADMIN, "moderated " + i).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBannedAuthorCanNeitherEditNorDeleteTheirComment() {
        JsonObject mine = Http.postCommentAnswer(app, "bans", "Troll", "before the ban");
        String token = mine.getString("authorToken");
        admin("POST", "/api/v1/admin/bans", new JsonObject().put("authorId", stored(mine.getLong("id")).getString("authorId"))
                .put("seconds", 600).put("reason", "trolling").encode());
        assertError(edit(mine, token, "sneaky edit"), 403, "banned");
        assertError(delete(mine, token), 403, "banned");
        assertThat(stored(mine.getLong("id")).getString("body")).isEqualTo("before the ban");
    }

    @Test
    void aBannedAddressCanNeitherEditNorDelete() {
        JsonObject mine = Http.postCommentAnswer(app, "bans", "Troll", "from a banned address");
        admin("POST", "/api/v1/admin/bans", new JsonObject().put("ipHash", stored(mine.getLong("id")).getString("ipHash"))
                .put("seconds", 600).encode());
        assertError(edit(mine, mine.getString("authorToken"), "sneaky edit"), 403, "banned");
        assertError(delete(mine, mine.getString("authorToken")), 403, "banned");
    }

    @Test
    void onlyModeratorsEditInALockedThreadWhileAuthorsMayStillTakeTheirWordsBack() {
        JsonObject first = Http.postCommentAnswer(app, "locked", "Ann", "first words");
        JsonObject second = Http.postCommentAnswer(app, "locked", "Ann", "second words");
        admin("PUT", "/api/v1/admin/threads/lock", "{\"thread\":\"locked\",\"locked\":true}");
        assertError(edit(first, first.getString("authorToken"), "rewritten after the lock"), 403, "thread_locked");
        assertThat(stored(first.getLong("id")).getString("body")).isEqualTo("first words");
        assertThat(edit(first, ADMIN, "a moderator's note").statusCode()).isEqualTo(200);
        assertThat(delete(second, second.getString("authorToken")).statusCode()).isEqualTo(204);
    }
}
