package dev.parley.widget;

import dev.parley.Http;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Another client of the server, over REST without an Origin header: a script, or a moderator. */
public final class Api {
    public static final String MODERATOR_TOKEN = "widget-tests-moderator-token";
    /** TestApp environment that makes {@link #MODERATOR_TOKEN} a moderator, so tests can edit and delete. */
    public static final Map<String, String> MODERATED = Map.of("PARLEY_ADMIN_TOKEN", MODERATOR_TOKEN);

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Posts a comment and returns its id; fails unless the server answers 201. */
    public String post(String thread, String parent, String author, String body) {
        JsonObject comment = new JsonObject().put("thread", thread).put("author", author).put("body", body)
                .put("parent", parent == null ? null : Long.parseLong(parent));
        HttpResponse<String> created = expect(201, Http.postJson(baseUrl + "/api/v1/comments", comment.encode()));
        return String.valueOf(Http.json(created).getLong("id"));
    }

    /** Posts a top-level comment and returns the whole answer, whatever its status. */
    public HttpResponse<String> attempt(String thread, String author, String body) {
        JsonObject comment = new JsonObject().put("thread", thread).put("author", author).put("body", body);
        return Http.postJson(baseUrl + "/api/v1/comments", comment.encode());
    }

    /** Edits a comment as a moderator. */
    public void edit(String id, String body) {
        String patch = new JsonObject().put("body", body).encode();
        expect(200, Http.send(moderator("/api/v1/comments/" + id)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))));
    }

    /** Deletes a comment as a moderator. */
    public void delete(String id) {
        expect(204, Http.send(moderator("/api/v1/comments/" + id).DELETE()));
    }

    /** Posts a comment as the author this token proves (none: a new author); returns the 201 answer. */
    public JsonObject postAs(String token, String thread, String author, String body) {
        JsonObject comment = new JsonObject().put("thread", thread).put("author", author).put("body", body);
        String[] auth = token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
        return Http.json(expect(201, Http.postJson(baseUrl + "/api/v1/comments", comment.encode(), auth)));
    }

    /** Locks or unlocks a thread as a moderator. */
    public void lock(String thread, boolean locked) {
        String body = new JsonObject().put("thread", thread).put("locked", locked).encode();
        expect(200, Http.send(moderator("/api/v1/admin/threads/lock").PUT(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Replaces the moderation settings. */
    public void settings(boolean premoderation, String... blockedWords) {
        JsonObject settings = new JsonObject().put("premoderation", premoderation)
                .put("blockedWords", List.of(blockedWords)).put("blockedDomains", List.of());
        expect(200, Http.send(moderator("/api/v1/admin/settings")
                .PUT(HttpRequest.BodyPublishers.ofString(settings.encode()))));
    }

    /** The newest comments as a moderator sees them (GET /api/v1/admin/comments). */
    public JsonObject adminComments(String status) {
        return Http.json(expect(200, Http.send(moderator("/api/v1/admin/comments?status=" + status).GET())));
    }

    /** GET of a path under the server. */
    public HttpResponse<String> get(String path) {
        return Http.get(baseUrl + path);
    }

    private HttpRequest.Builder moderator(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + MODERATOR_TOKEN);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " " + response.body() + ", expected " + status);
        }
        return response;
    }
}
