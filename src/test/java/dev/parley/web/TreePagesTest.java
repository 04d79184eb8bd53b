package dev.parley.web;

import static dev.parley.Http.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tree pages (top-level comments with their replies) and one comment's context, over REST. */
class TreePagesTest {
    private static final String ADMIN = "tree-admin-token-0123456789";
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));
        assertThat(as("PUT", "/api/v1/admin/sites/alpha", "{\"allowedOrigins\":[\"https://alpha.example\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(as("PUT", "/api/v1/admin/sites/held", "{\"allowedOrigins\":[\"https://held.example\"]}")
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void pagesTopLevelCommentsNewestFirstEachFollowedByItsReplies() {
        String thread = "tree/newest";
        List<Long> roots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            roots.add(post(null, thread, null, "root " + i).getLong("id"));
        }
        long reply = post(null, thread, roots.get(4), "reply to the newest").getLong("id");
        long deeper = post(null, thread, reply, "reply to the reply").getLong("id");
        post(null, thread, roots.get(1), "reply to root 1");

        JsonObject first = tree(null, thread, "order=newest&limit=2");
        assertThat(first.getString("order")).isEqualTo("newest");
        assertThat(first.getLong("seq")).isEqualTo(8);
        assertThat(first.getLong("count")).isEqualTo(8);
        assertThat(ids(first)).containsExactly(roots.get(4), reply, deeper, roots.get(3));
        assertThat(first.getBoolean("more")).isTrue();
        assertThat(first.getBoolean("repliesCut")).isFalse();

        assertThat(ids(tree(null, thread, "order=newest&limit=0"))).as("a limit below 1 is taken as 1")
                .containsExactly(roots.get(4), reply, deeper);

        JsonObject second = tree(null, thread, "order=newest&limit=2&before=" + first.getLong("next"));
        assertThat(ids(second)).hasSize(3).startsWith(roots.get(2), roots.get(1));
        assertThat(second.getBoolean("more")).isTrue();
        JsonObject last = tree(null, thread, "order=newest&limit=2&before=" + second.getLong("next"));
        assertThat(ids(last)).containsExactly(roots.get(0));
        assertThat(last.getBoolean("more")).isFalse();

        JsonObject oldest = tree(null, thread, "order=oldest&limit=3");
        assertThat(ids(oldest)).startsWith(roots.get(0), roots.get(1)).hasSize(4).endsWith(roots.get(2));
        assertThat(ids(tree(null, thread, "order=oldest&after=" + oldest.getLong("next"))))
                .containsExactly(roots.get(3), roots.get(4), reply, deeper);
    }

    @Test
    void aPageEndsBeforeATopLevelCommentWhoseRepliesDoNotFitAndOneThatCannotFitComesCut() {
        String thread = "tree/bounded";
        long small = post(null, thread, null, "small root").getLong("id");
        post(null, thread, small, "small reply");
        long big = post(null, thread, null, "big root").getLong("id");
        for (int i = 0; i <= CommentTrees.MAX_REPLIES; i++) {
            post(null, thread, big, "reply " + i);
        }
        long after = post(null, thread, null, "root after").getLong("id");

        JsonObject first = tree(null, thread, "order=oldest&limit=3");
        assertThat(ids(first)).hasSize(2).startsWith(small);
        assertThat(first.getBoolean("more")).isTrue();
        assertThat(first.getBoolean("repliesCut")).isFalse();
        JsonObject second = tree(null, thread, "order=oldest&limit=3&after=" + first.getLong("next"));
        assertThat(ids(second)).hasSize(1 + CommentTrees.MAX_REPLIES).startsWith(big);
        assertThat(second.getBoolean("repliesCut")).isTrue();
        assertThat(second.getBoolean("more")).isTrue();
        assertThat(ids(tree(null, thread, "order=oldest&after=" + second.getLong("next")))).containsExactly(after);
    }

    @Test
    void theFirstPageOfEachOrderIsFreshAfterEveryChange() {
        String thread = "tree/fresh";
        long root = post(null, thread, null, "first root").getLong("id");
        assertThat(ids(tree(null, thread, "order=newest"))).containsExactly(root);
        assertThat(ids(tree(null, thread, "order=oldest"))).containsExactly(root);

        JsonObject reply = postAnswer(null, thread, root, "a reply");
        long second = post(null, thread, null, "second root").getLong("id");
        assertThat(ids(tree(null, thread, "order=newest"))).containsExactly(second, root, reply.getLong("id"));
        assertThat(ids(tree(null, thread, "order=oldest"))).containsExactly(root, reply.getLong("id"), second);

        Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + reply.getLong("id")))
                .header("Authorization", "Bearer " + reply.getString("authorToken")).DELETE());
        JsonObject after = tree(null, thread, "order=oldest&limit=1");
        assertThat(after.getJsonArray("comments").getJsonObject(1).getBoolean("deleted")).isTrue();
        assertThat(after.getLong("count")).isEqualTo(2);
        assertThat(after.getBoolean("more")).as("a slice of the cached page").isTrue();
        assertThat(after.getLong("next")).isEqualTo(1);
    }

    @Test
    void aLimitAboveTheMostIsTakenAsTheMost() {
        for (int i = 0; i <= CommentTrees.MAX_ROOTS; i++) {
            post(null, "tree/many", null, "root " + i);
        }
        JsonObject page = tree(null, "tree/many", "order=oldest&limit=100000");
        assertThat(ids(page)).hasSize(CommentTrees.MAX_ROOTS);
        assertThat(page.getBoolean("more")).isTrue();
    }

    @Test
    void aCommentsContextHasItsAncestorsAndItsTopLevelCommentsReplies() {
        String thread = "tree/context";
        long other = post(null, thread, null, "another root").getLong("id");
        long root = post(null, thread, null, "the root").getLong("id");
        long a = post(null, thread, root, "first reply").getLong("id");
        long b = post(null, thread, a, "second reply").getLong("id");
        long sibling = post(null, thread, root, "a sibling").getLong("id");

        JsonObject context = Http.json(Http.get(app.baseUrl() + "/api/v1/comments/" + b + "/context"));
        assertThat(context.getString("thread")).isEqualTo(thread);
        assertThat(context.getLong("comment")).isEqualTo(b);
        assertThat(context.getLong("seq")).isEqualTo(5);
        assertThat(ids(context)).containsExactly(root, a, b, sibling).doesNotContain(other);
        assertThat(context.getBoolean("repliesCut")).isFalse();
    }

    @Test
    void deletedCommentsKeepTheirPlaceAndHeldOnesNeverShow() {
        String thread = "tree/moderated";
        long root = post(null, thread, null, "visible root").getLong("id");
        JsonObject gone = postAnswer(null, thread, root, "soon deleted");
        Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + gone.getLong("id")))
                .header("Authorization", "Bearer " + gone.getString("authorToken")).DELETE());
        JsonObject deleted = tree(null, thread, "order=newest").getJsonArray("comments").getJsonObject(1);
        assertThat(deleted.getBoolean("deleted")).isTrue();
        assertThat(deleted.getString("body")).isEmpty();
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/comments/" + gone.getLong("id") + "/context"))
                .getJsonArray("comments").getJsonObject(1).getString("body")).isEmpty();

        String moderated = "tree/held";
        long open = post("held", moderated, null, "before moderation").getLong("id");
        assertThat(as("PUT", "/api/v1/admin/settings?site=held", "{\"premoderation\":true,\"blockedWords\":[],\"blockedDomains\":[]}").statusCode()).isEqualTo(200);
        // Settings reach posts within a second: post until one waits for approval.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonObject held;
        int i = 0;
        do {
            assertThat(System.nanoTime()).isLessThan(deadline);
            held = post("held", moderated, null, "held " + i++);
        } while (!held.getBoolean("pending", false));
        JsonObject page = tree("held", moderated, "order=oldest");
        assertThat(page.getJsonArray("comments").stream().map(c -> ((JsonObject) c).getString("body")))
                .doesNotContain("held " + (i - 1)).contains("before moderation");
        assertError(Http.get(app.baseUrl() + "/api/v1/comments/" + held.getLong("id") + "/context?site=held"), 404, "not_found");
        assertThat(Http.get(app.baseUrl() + "/api/v1/comments/" + open + "/context?site=held").statusCode()).isEqualTo(200);
    }

    @Test
    void aCommentOfAnotherSiteIsNotFoundAndEachSiteHasItsOwnPages() {
        long alpha = post("alpha", "tree/site", null, "on alpha").getLong("id");
        post(null, "tree/site", null, "on the default site");
        assertError(Http.get(app.baseUrl() + "/api/v1/comments/" + alpha + "/context"), 404, "not_found");
        assertThat(ids(Http.json(Http.get(app.baseUrl() + "/api/v1/comments/" + alpha + "/context?site=alpha"))))
                .containsExactly(alpha);
        assertThat(tree("alpha", "tree/site", "order=newest").getJsonArray("comments")).hasSize(1);
        assertThat(tree(null, "tree/site", "order=newest").getJsonArray("comments").getJsonObject(0).getString("body"))
                .isEqualTo("on the default site");
        assertError(Http.get(app.baseUrl() + "/api/v1/comments/" + alpha + "/context?site=gamma"), 404, "not_found");
    }

    @Test
    void badQueriesGetTheProtocolsErrors() {
        String base = app.baseUrl() + "/api/v1/comments";
        assertError(Http.get(base + "?thread=t&order=newest&limit=ten"), 400, "invalid_limit");
        assertError(Http.get(base + "?thread=t&order=newest&limit=1.5"), 400, "invalid_limit");
        assertError(Http.get(base + "?thread=t&order=newest&before=-1"), 400, "invalid_limit");
        assertError(Http.get(base + "?thread=t&order=oldest&after=x"), 400, "invalid_limit");
        assertError(Http.get(base + "?order=newest"), 400, "invalid_thread");
        assertError(Http.get(base + "/abc/context"), 400, "invalid_id");
        assertError(Http.get(base + "/0/context"), 400, "invalid_id");
        assertError(Http.get(base + "/999999999/context"), 404, "not_found");
        JsonObject empty = tree(null, "tree/never-written", "order=newest");
        assertThat(empty.getJsonArray("comments")).isEmpty();
        assertThat(empty.getBoolean("more")).isFalse();
    }

    private static JsonObject tree(String site, String thread, String query) {
        HttpResponse<String> answer = Http.get(app.baseUrl() + "/api/v1/comments?thread=" + thread + "&" + query
                + (site == null ? "" : "&site=" + site));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    private static List<Long> ids(JsonObject page) {
        JsonArray comments = page.getJsonArray("comments");
        return comments.stream().map(c -> ((JsonObject) c).getLong("id")).toList();
    }

    private static JsonObject post(String site, String thread, Long parent, String body) {
        return postAnswer(site, thread, parent, body);
    }

    private static JsonObject postAnswer(String site, String thread, Long parent, String body) {
        JsonObject c = new JsonObject().put("thread", thread).put("author", "Ann").put("body", body);
        if (parent != null) {
            c.put("parent", parent);
        }
        HttpResponse<String> answer = Http.postJson(app.baseUrl() + "/api/v1/comments" + (site == null ? "" : "?site=" + site),
                c.encode());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return Http.json(answer);
    }

    private static HttpResponse<String> as(String method, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json"));
    }
}
