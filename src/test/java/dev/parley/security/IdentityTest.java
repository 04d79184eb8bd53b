package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Author tokens and signed-in (SSO) identities: forged, expired and tampered ones are refused. */
class IdentityTest {
    private static TestApp app;
    private static TestApp otherSecret;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", Hostile.ADMIN, "PARLEY_SSO_SECRET", Hostile.SSO_SECRET,
                "PARLEY_EDIT_WINDOW", "2s"));
        otherSecret = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
        otherSecret.close();
    }

    private static String url(String path) {
        return app.baseUrl() + path;
    }

    private static JsonObject mine(String thread) {
        return Http.postCommentAnswer(app, thread, "Ann", "my own words");
    }

    static List<String> forgedTokens() {
        String real = Http.postCommentAnswer(otherSecret, "t", "Eve", "from another server").getString("authorToken");
        String[] parts = real.split("\\.");
        return List.of(
                real,                                                  // signed with another server's secret
                "a1." + parts[1] + "." + parts[2].substring(1) + "A",  // tampered MAC
                "a1.someoneelse." + parts[2],                          // MAC of another id
                "a1." + parts[1] + ".",                                // no MAC
                "a1..",                                                // nothing at all
                "a2." + parts[1] + "." + parts[2],                     // unknown version
                "Bearer",                                              // junk
                "x".repeat(300),                                       // oversized
                Hostile.ADMIN + "x");                                  // near-miss of the moderator token
    }

    @ParameterizedTest
    @MethodSource("forgedTokens")
    void forgedOrForeignAuthorTokensAreRefusedEverywhere(String token) {
        JsonObject comment = mine("forged/" + Math.abs(token.hashCode()));
        String path = url("/api/v1/comments/" + comment.getLong("id"));
        assertError(request("PATCH", path, "{\"body\":\"x\"}", "Authorization", bearer(token)), 401, "unauthorized");
        assertError(request("DELETE", path, null, "Authorization", bearer(token)), 401, "unauthorized");
        assertError(Http.postJson(url("/api/v1/comments"), Hostile.post("forged", "hi " + token.length()),
                "Authorization", bearer(token)), 401, "unauthorized");
        try (WsClient ws = WsClient.connect(app)) {
            ws.send(new JsonObject().put("type", "post").put("id", "f").put("thread", "forged").put("author", "a")
                    .put("body", "b").put("token", token));
            JsonObject error = ws.next("error");
            assertThat(error.getString("code")).isEqualTo("unauthorized");
            assertThat(error.getString("id")).isEqualTo("f");
        }
        assertThat(Http.get(url("/api/v1/comments?thread=forged/" + Math.abs(token.hashCode()))).body())
                .contains("my own words");
    }

    @Test
    void authorsEditAndDeleteOwnCommentsLiveButNotOthers() {
        JsonObject ann = mine("own");
        JsonObject bob = Http.postCommentAnswer(app, "own", "Bob", "bob's words");
        String annToken = ann.getString("authorToken");
        try (WsClient reader = WsClient.connect(app)) {
            reader.subscribe("own", 2L).next("subscribed");
            assertError(request("PATCH", url("/api/v1/comments/" + bob.getLong("id")), "{\"body\":\"hijacked\"}",
                    "Authorization", bearer(annToken)), 403, "forbidden");
            assertError(request("DELETE", url("/api/v1/comments/" + bob.getLong("id")), null,
                    "Authorization", bearer(annToken)), 403, "forbidden");
            HttpResponse<String> edit = request("PATCH", url("/api/v1/comments/" + ann.getLong("id")),
                    "{\"body\":\"fixed\"}", "Authorization", bearer(annToken));
            assertThat(edit.statusCode()).isEqualTo(200);
            assertThat(reader.next("updated").getJsonObject("comment").getString("body")).isEqualTo("fixed");
            assertThat(request("DELETE", url("/api/v1/comments/" + ann.getLong("id")), null,
                    "Authorization", bearer(annToken)).statusCode()).isEqualTo(204);
            JsonObject deleted = reader.next("updated").getJsonObject("comment");
            assertThat(deleted.getBoolean("deleted")).isTrue();
            assertThat(deleted.getString("body")).isEmpty();
            reader.assertExhausted(Duration.ofMillis(200));
        }
        assertThat(Http.get(url("/api/v1/comments?thread=own")).body()).contains("bob's words").doesNotContain("hijacked");
    }

    @Test
    void theEditWindowCloses() throws InterruptedException {
        JsonObject ann = mine("window");
        String path = url("/api/v1/comments/" + ann.getLong("id"));
        HttpResponse<String> late;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            Thread.sleep(200);
            late = request("PATCH", path, "{\"body\":\"too late\"}", "Authorization", bearer(ann.getString("authorToken")));
        } while (late.statusCode() == 200 && System.nanoTime() < deadline);
        assertError(late, 403, "edit_window_closed");
        assertThat(request("PATCH", path, "{\"body\":\"moderator may\"}", "Authorization", bearer(Hostile.ADMIN))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenReachesOnlyItsOwner() {
        try (WsClient reader = WsClient.connect(app); WsClient poster = WsClient.connect(app)) {
            reader.subscribe("secret", 0L).next("subscribed");
            poster.post("p", "secret", "Ann", "hello");
            JsonObject ack = poster.next("ack");
            String token = ack.getString("authorToken");
            assertThat(token).startsWith("a1.");
            assertThat(Instant.parse(ack.getString("editableUntil"))).as("the 2 s edit window, in the ack only")
                    .isEqualTo(Instant.parse(ack.getJsonObject("comment").getString("createdAt")).plusSeconds(2));
            JsonObject seen = reader.next("comment");
            assertThat(seen.encode()).doesNotContain(token).doesNotContain("authorToken").doesNotContain("editableUntil");
            String listing = Http.get(url("/api/v1/comments?thread=secret")).body()
                    + Http.get(url("/api/v1/events?thread=secret")).body();
            assertThat(listing).doesNotContain(token).doesNotContain("authorToken").doesNotContain("editableUntil");
            poster.send(new JsonObject().put("type", "post").put("id", "q").put("thread", "secret").put("author", "Ann")
                    .put("body", "again").put("token", token));
            assertThat(poster.next().getString("type")).isIn("ack", "comment");
        }
    }

    static List<Object[]> badJwts() {
        long now = System.currentTimeMillis() / 1000;
        String ok = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        return List.of(
                new Object[] {"alg none", unsigned("{\"alg\":\"none\"}", claims("u1", "Ann", now + 60))},
                new Object[] {"alg HS512", Hostile.jwt("{\"alg\":\"HS512\"}", claims("u1", "Ann", now + 60), Hostile.SSO_SECRET)},
                new Object[] {"wrong secret", Hostile.jwt(ok, claims("u1", "Ann", now + 60), "another-secret-0123456789abcdefghij")},
                new Object[] {"expired", Hostile.jwt(ok, claims("u1", "Ann", now - 3600), Hostile.SSO_SECRET)},
                new Object[] {"lives a week", Hostile.jwt(ok, claims("u1", "Ann", now + 7 * 86400), Hostile.SSO_SECRET)},
                new Object[] {"no sub", Hostile.jwt(ok, "{\"name\":\"Ann\",\"exp\":" + (now + 60) + "}", Hostile.SSO_SECRET)},
                new Object[] {"no exp", Hostile.jwt(ok, "{\"sub\":\"u1\",\"name\":\"Ann\"}", Hostile.SSO_SECRET)},
                new Object[] {"name too long", Hostile.jwt(ok, claims("u1", "N".repeat(65), now + 60), Hostile.SSO_SECRET)},
                new Object[] {"javascript avatar", Hostile.jwt(ok, new JsonObject().put("sub", "u1").put("name", "Ann")
                        .put("avatar", "javascript:alert(1)").put("exp", now + 60).encode(), Hostile.SSO_SECRET)},
                new Object[] {"tampered claims", tamper(Hostile.validJwt("u1", "Ann"))},
                new Object[] {"two parts", "abc.def"},
                new Object[] {"garbage", "%%%.%%%.%%%"});
    }

    private static String unsigned(String header, String claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes()) + "." + b64.encodeToString(claims.getBytes()) + ".";
    }

    private static String claims(String sub, String name, long exp) {
        return new JsonObject().put("sub", sub).put("name", name).put("exp", exp).encode();
    }

    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String claims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\",\"name\":\"Admin\",\"exp\":9999999999}".getBytes());
        return parts[0] + "." + claims + "." + parts[2];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJwts")
    void badSignInTokensAreRefused(String why, String jwt) {
        HttpResponse<String> response = Http.postJson(url("/api/v1/comments"),
                new JsonObject().put("thread", "sso").put("author", "x").put("body", "b " + why).put("sso", jwt).encode());
        assertError(response, 401, "unauthorized");
    }

    @Test
    void signedInAuthorsAreVerifiedAndTheirNameIsReserved() {
        HttpResponse<String> posted = Http.postJson(url("/api/v1/comments"), new JsonObject().put("thread", "sso-ok")
                .put("author", "whatever I type").put("body", "hello").put("sso", Hostile.validJwt("u-42", "Grace Hopper")).encode());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonObject c = Http.json(posted);
        assertThat(c.getString("author")).isEqualTo("Grace Hopper");
        assertThat(c.getBoolean("verified")).isTrue();
        assertThat(c.getString("avatar")).isEqualTo("https://example.com/u-42.png");
        assertError(Http.postJson(url("/api/v1/comments"), new JsonObject().put("thread", "sso-ok")
                .put("author", " grace HOPPER ").put("body", "I am Grace").encode()), 400, "invalid_author");
        HttpResponse<String> again = Http.postJson(url("/api/v1/comments"), new JsonObject().put("thread", "sso-ok")
                .put("body", "second").put("sso", Hostile.validJwt("u-42", "Grace Hopper")).encode());
        assertThat(Http.json(again).getString("authorToken")).isEqualTo(c.getString("authorToken"));
    }
}
