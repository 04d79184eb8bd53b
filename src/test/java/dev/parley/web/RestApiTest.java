package dev.parley.web;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestApiTest {
    private static final String ADMIN = "moderator-token-0123456789";
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String url(String path) {
        return app.baseUrl() + path;
    }

    private static HttpResponse<String> post(String json, String... headers) {
        return Http.postJson(url("/api/v1/comments"), json, headers);
    }

    @Test
    void postsAndListsThreadedCommentsInSeqOrder() {
        JsonObject first = Http.postComment(app, "rest/list", "Ann", "first");
        HttpResponse<String> reply = post(new JsonObject().put("thread", "rest/list").put("parent", first.getLong("id"))
                .put("author", "Bob").put("body", "reply").encode());
        assertThat(reply.statusCode()).isEqualTo(201);
        Http.postComment(app, "rest/list", "Cy", "third");

        JsonObject page = Http.json(Http.get(url("/api/v1/comments?thread=rest/list")));
        assertThat(page.getString("thread")).isEqualTo("rest/list");
        assertThat(page.getLong("seq")).isEqualTo(3);
        JsonArray comments = page.getJsonArray("comments");
        assertThat(comments).hasSize(3);
        assertThat(comments.getJsonObject(1).getLong("parent")).isEqualTo(first.getLong("id"));
        assertThat(comments.getJsonObject(0).getValue("parent")).isNull();

        JsonObject after = Http.json(Http.get(url("/api/v1/comments?thread=rest/list&after=1&limit=1")));
        assertThat(after.getLong("seq")).isEqualTo(3);
        assertThat(after.getJsonArray("comments")).hasSize(1);
        assertThat(after.getJsonArray("comments").getJsonObject(0).getLong("seq")).isEqualTo(2);
    }

    @Test
    void commentObjectHasEveryProtocolField() {
        JsonObject c = Http.postCommentAnswer(app, "rest/fields", "  Ann  ", "  Nice *post*  ");
        assertThat(c.fieldNames()).containsExactlyInAnyOrder("id", "thread", "seq", "parent", "author", "body",
                "html", "createdAt", "editedAt", "deleted", "verified", "avatar", "authorKey", "authorToken", "editableUntil");
        assertThat(c.getString("authorToken")).startsWith("a1.");
        assertThat(Instant.parse(c.getString("editableUntil"))).as("the default 15-minute edit window")
                .isEqualTo(Instant.parse(c.getString("createdAt")).plus(Duration.ofMinutes(15)));
        assertThat(c.getBoolean("verified")).isFalse();
        assertThat(c.getValue("avatar")).isNull();
        assertThat(c.getString("author")).isEqualTo("Ann");
        assertThat(c.getString("body")).isEqualTo("Nice *post*");
        assertThat(c.getString("html")).isEqualTo("<p>Nice <em>post</em></p>");
        assertThat(c.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(c.getValue("editedAt")).isNull();
        assertThat(c.getBoolean("deleted")).isFalse();
    }

    @Test
    void authorKeyIsTheSameForOneAuthorDiffersBetweenAuthorsAndHidesTheAuthorId() {
        JsonObject first = Http.postCommentAnswer(app, "rest/keys", "Ann", "first");
        String token = first.getString("authorToken");
        JsonObject second = Http.postCommentAnswer(app, "rest/keys", "Ann", "second", "Authorization", "Bearer " + token);
        JsonObject other = Http.postCommentAnswer(app, "rest/keys", "Ann", "someone else");
        String authorId = token.split("\\.")[1];

        String key = first.getString("authorKey");
        assertThat(key).matches("[A-Za-z0-9_-]{11}").doesNotContain(authorId);
        assertThat(second.getString("authorKey")).isEqualTo(key);
        assertThat(other.getString("authorKey")).isNotEqualTo(key);
        JsonArray listed = Http.json(Http.get(url("/api/v1/comments?thread=rest/keys"))).getJsonArray("comments");
        assertThat(listed.stream().map(c -> ((JsonObject) c).getString("authorKey")).toList())
                .containsExactly(key, key, other.getString("authorKey"));
        assertThat(listed.encode()).doesNotContain(authorId);
    }

    @Test
    void unknownThreadIsAnEmptyThread() {
        JsonObject page = Http.json(Http.get(url("/api/v1/comments?thread=never/written")));
        assertThat(page.getLong("seq")).isZero();
        assertThat(page.getJsonArray("comments")).isEmpty();
        JsonObject info = Http.json(Http.get(url("/api/v1/threads?thread=never/written")));
        assertThat(info).isEqualTo(new JsonObject().put("thread", "never/written").put("seq", 0).put("count", 0).put("online", 0)
                .put("locked", false).put("scoreSeq", 0));
    }

    @Test
    void badQueriesAreRefusedWithTheRightCode() {
        assertError(Http.get(url("/api/v1/comments")), 400, "invalid_thread");
        assertError(Http.get(url("/api/v1/comments?thread=t&limit=0")), 400, "invalid_limit");
        assertError(Http.get(url("/api/v1/comments?thread=t&limit=501")), 400, "invalid_limit");
        assertError(Http.get(url("/api/v1/comments?thread=t&limit=abc")), 400, "invalid_limit");
        assertError(Http.get(url("/api/v1/comments?thread=t&after=-1")), 400, "invalid_limit");
        assertError(Http.get(url("/api/v1/events?thread=t&after=x")), 400, "invalid_limit");
        assertError(Http.get(url("/api/v1/threads")), 400, "invalid_thread");
        assertError(Http.get(url("/api/v1/nothing")), 404, "not_found");
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments")))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertError(put, 405, "method_not_allowed");
        assertThat(put.headers().firstValue("Allow")).as("what the path answers").hasValue("GET, POST");
        HttpResponse<String> postOne = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments/7")))
                .method("POST", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertError(postOne, 405, "method_not_allowed");
        assertThat(postOne.headers().firstValue("Allow")).hasValue("PATCH, DELETE");
        HttpResponse<String> getOne = Http.get(url("/api/v1/comments/7"));
        assertError(getOne, 405, "method_not_allowed");
        assertThat(getOne.headers().firstValue("Allow")).as("a GET does not fall through to the files")
                .hasValue("PATCH, DELETE");
    }

    @Test
    void badBodiesAreRefusedAndNothingIsStored() {
        assertError(post("{\"thread\":"), 400, "invalid_json");
        assertError(post("[]"), 400, "invalid_json");
        assertError(post(""), 400, "invalid_json");
        assertError(post("{\"thread\":\"bad\",\"thread\":\"dup\",\"author\":\"a\",\"body\":\"b\"}"), 400, "invalid_json");
        assertError(post("{\"thread\":\"\",\"author\":\"a\",\"body\":\"b\"}"), 400, "invalid_thread");
        assertError(post("{\"thread\":\"bad\",\"author\":7,\"body\":\"b\"}"), 400, "invalid_author");
        assertError(post("{\"thread\":\"bad\",\"author\":\"" + "a".repeat(65) + "\",\"body\":\"b\"}"), 400, "invalid_author");
        assertError(post("{\"thread\":\"bad\",\"author\":\"a\",\"body\":\"   \"}"), 400, "invalid_body");
        assertError(post("{\"thread\":\"bad\",\"author\":\"a\",\"body\":\"b\",\"parent\":1.5}"), 400, "invalid_parent");
        assertError(post("{\"thread\":\"bad\",\"author\":\"a\",\"body\":\"b\"}", "Idempotency-Key", "x".repeat(65)),
                400, "invalid_key");
        HttpResponse<String> invalidUtf8 = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})));
        assertError(invalidUtf8, 400, "invalid_json");
        assertThat(Http.json(Http.get(url("/api/v1/threads?thread=bad"))).getLong("count")).isZero();
    }

    @Test
    void bodyCountsCodePointsNotUtf16Units() {
        String emoji = "😀".repeat(8000);
        assertThat(post(new JsonObject().put("thread", "rest/emoji").put("author", "a").put("body", emoji).encode())
                .statusCode()).isEqualTo(201);
        assertError(post(new JsonObject().put("thread", "rest/emoji").put("author", "a").put("body", emoji + "😀").encode()),
                400, "invalid_body");
    }

    @Test
    void parentMustExistInTheSameThread() {
        JsonObject other = Http.postComment(app, "rest/other", "Ann", "elsewhere");
        assertError(post(new JsonObject().put("thread", "rest/parent").put("parent", other.getLong("id"))
                .put("author", "a").put("body", "b").encode()), 400, "invalid_parent");
        assertError(post(new JsonObject().put("thread", "rest/parent").put("parent", 987654)
                .put("author", "a").put("body", "b").encode()), 400, "invalid_parent");
        JsonObject info = Http.json(Http.get(url("/api/v1/threads?thread=rest/parent")));
        assertThat(info.getLong("seq")).as("a refused post takes no seq").isZero();
    }

    @Test
    void oversizedBodyIs413AndWrongMediaTypeIs415() {
        String huge = new JsonObject().put("thread", "big").put("author", "a").put("body", "x".repeat(70_000)).encode();
        assertError(post(huge), 413, "too_large");
        assertError(Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("thread=t&author=a&body=b"))), 415, "unsupported_media_type");
        assertError(Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(huge))), 415,
                "unsupported_media_type");
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheOriginalComment() {
        String body = new JsonObject().put("thread", "rest/idem").put("author", "Ann").put("body", "once").encode();
        HttpResponse<String> first = post(body, "Idempotency-Key", "k-1");
        HttpResponse<String> again = post(new JsonObject().put("thread", "rest/idem").put("author", "Ann")
                .put("body", "different text").encode(), "Idempotency-Key", "k-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(withoutToken(again)).isEqualTo(withoutToken(first));
        try (WsClient ws = WsClient.connect(app)) {
            ws.send(new JsonObject().put("type", "post").put("id", "w").put("key", "k-1").put("thread", "rest/idem")
                    .put("author", "Ann").put("body", "once"));
            assertThat(ws.next("ack").getJsonObject("comment")).isEqualTo(withoutToken(first));
        }
        assertThat(Http.json(Http.get(url("/api/v1/threads?thread=rest/idem"))).getLong("count")).isEqualTo(1);
        assertThat(post(body.replace("once", "twice"), "Idempotency-Key", "k-2").statusCode()).isEqualTo(201);
        assertThat(post(body, "Idempotency-Key", "k-3").statusCode()).as("same text again: duplicate").isEqualTo(409);
    }

    private static JsonObject withoutToken(HttpResponse<String> response) {
        JsonObject json = Http.json(response);
        json.remove("authorToken");
        json.remove("editableUntil");
        return json;
    }

    @Test
    void concurrentRequestsWithOneKeyYieldOneComment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        String body = new JsonObject().put("thread", "rest/race").put("author", "Ann").put("body", "race").encode();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> post(body, "Idempotency-Key", "same")));
        }
        Set<Long> ids = new HashSet<>();
        int created = 0;
        for (Future<HttpResponse<String>> r : results) {
            HttpResponse<String> response = r.get();
            created += response.statusCode() == 201 ? 1 : 0;
            ids.add(Http.json(response).getLong("id"));
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(ids).hasSize(1);
        assertThat(Http.json(Http.get(url("/api/v1/threads?thread=rest/race"))).getLong("seq")).isEqualTo(1);
    }

    @Test
    void foreignOriginsCannotPostOrUpgradeButAllowedOnesGetCors() {
        assertError(post("{\"thread\":\"o\",\"author\":\"a\",\"body\":\"b\"}", "Origin", "https://evil.example"),
                403, "forbidden_origin");
        HttpResponse<String> upgrade = Http.send(HttpRequest.newBuilder(URI.create(url("/ws")))
                .header("Origin", "https://evil.example").GET());
        assertError(upgrade, 403, "forbidden_origin");
        assertThat(Http.json(Http.get(url("/api/v1/threads?thread=o"))).getLong("count")).isZero();

        HttpResponse<String> allowed = post("{\"thread\":\"o\",\"author\":\"a\",\"body\":\"b\"}", "Origin", "http://localhost:3000");
        assertThat(allowed.statusCode()).isEqualTo(201);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(allowed.headers().allValues("Vary")).contains("Origin");

        HttpResponse<String> preflight = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:9999").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, idempotency-key"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                v -> assertThat(v).contains("Idempotency-Key").contains("Authorization"));

        HttpResponse<String> foreignRead = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/threads?thread=o")))
                .header("Origin", "https://evil.example").GET());
        assertThat(foreignRead.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void moderatorEditsAndDeletesWithLiveUpdatesAndEvents() {
        JsonObject c = Http.postComment(app, "rest/mod", "Ann", "typo");
        String path = url("/api/v1/comments/" + c.getLong("id"));
        try (WsClient ws = WsClient.connect(app)) {
            ws.subscribe("rest/mod", 1L).next("subscribed");
            HttpResponse<String> noToken = Http.send(HttpRequest.newBuilder(URI.create(path))
                    .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
            assertError(noToken, 401, "unauthorized");
            HttpResponse<String> wrong = Http.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", "Bearer nope")
                    .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
            assertError(wrong, 401, "unauthorized");
            String otherAuthor = Http.postCommentAnswer(app, "rest/mod-other", "Eve", "mine").getString("authorToken");
            HttpResponse<String> notTheirs = Http.send(HttpRequest.newBuilder(URI.create(path))
                    .header("Authorization", "Bearer " + otherAuthor).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
            assertError(notTheirs, 403, "forbidden");

            HttpResponse<String> edited = Http.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"fixed **now**\"}")));
            assertThat(edited.statusCode()).isEqualTo(200);
            assertThat(Http.json(edited).getString("editedAt")).isNotNull();
            JsonObject update = ws.next("updated");
            assertThat(update.getLong("seq")).isEqualTo(2);
            assertThat(update.getJsonObject("comment").getString("html")).contains("<strong>now</strong>");

            HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", "Bearer " + ADMIN).DELETE());
            assertThat(deleted.statusCode()).isEqualTo(204);
            JsonObject removal = ws.next("updated");
            assertThat(removal.getLong("seq")).isEqualTo(3);
            assertThat(removal.getJsonObject("comment").getBoolean("deleted")).isTrue();
            assertThat(removal.getJsonObject("comment").getString("body")).isEmpty();

            assertError(Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/comments/999999")))
                    .header("Authorization", "Bearer " + ADMIN).DELETE()), 404, "not_found");
        }
        JsonObject events = Http.json(Http.get(url("/api/v1/events?thread=rest/mod")));
        assertThat(events.getLong("seq")).isEqualTo(3);
        assertThat(events.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList())
                .containsExactly("comment", "updated", "updated");
        JsonObject list = Http.json(Http.get(url("/api/v1/comments?thread=rest/mod")));
        assertThat(list.getJsonArray("comments").getJsonObject(0).getBoolean("deleted")).as("keeps its place").isTrue();
        assertThat(Http.json(Http.get(url("/api/v1/threads?thread=rest/mod"))).getLong("count")).isZero();
    }

    @Test
    void healthAndReadiness() {
        assertThat(Http.get(url("/healthz")).body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(Http.get(url("/readyz")).statusCode()).isEqualTo(200);
    }
}
