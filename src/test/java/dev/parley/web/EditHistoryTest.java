package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An edited comment keeps its earlier texts for moderators; its author's deletion takes them away. */
class EditHistoryTest {
    private static final String ADMIN = "moderator-token-edit-history";

    private static HttpResponse<String> send(TestApp app, String method, String path, String body, String token) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonArray history(TestApp app, long id) {
        HttpResponse<String> answer = send(app, "GET", "/api/v1/admin/comments/" + id + "/history", null, ADMIN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer).getJsonArray("versions");
    }

    @Test
    void moderatorsSeeEveryEarlierTextOldestFirstWithWhoReplacedIt() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN))) {
            JsonObject mine = Http.postCommentAnswer(app, "t", "Ann", "first *words*");
            long id = mine.getLong("id");
            assertThat(history(app, id)).as("never edited").isEmpty();
            JsonObject edited = Http.json(send(app, "PATCH", "/api/v1/comments/" + id, "{\"body\":\"second\"}",
                    mine.getString("authorToken")));
            send(app, "PATCH", "/api/v1/comments/" + id, "{\"body\":\"third, by a moderator\"}", ADMIN);

            JsonArray versions = history(app, id);
            assertThat(versions).hasSize(2);
            JsonObject first = versions.getJsonObject(0);
            assertThat(first.getString("body")).isEqualTo("first *words*");
            assertThat(first.getString("html")).isEqualTo("<p>first <em>words</em></p>");
            assertThat(first.getString("writtenAt")).isEqualTo(mine.getString("createdAt"));
            assertThat(first.getString("replacedAt")).isEqualTo(edited.getString("editedAt"));
            assertThat(first.getString("editedBy")).isEqualTo("author");
            assertThat(versions.getJsonObject(1).getString("body")).isEqualTo("second");
            assertThat(versions.getJsonObject(1).getString("editedBy")).isEqualTo("moderator");
            assertThat(send(app, "GET", "/api/v1/admin/comments/" + id + "/history", null, mine.getString("authorToken"))
                    .statusCode()).as("an author's token is no moderator's").isEqualTo(403);
            Http.assertError(send(app, "GET", "/api/v1/admin/comments/999999/history", null, ADMIN), 404, "not_found");
        }
    }

    @Test
    void anAuthorsDeletionRemovesTheHistoryAModeratorsKeepsIt() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN))) {
            JsonObject mine = Http.postCommentAnswer(app, "t", "Ann", "regretted");
            JsonObject other = Http.postCommentAnswer(app, "t", "Bo", "moderated");
            for (JsonObject c : new JsonObject[] {mine, other}) {
                send(app, "PATCH", "/api/v1/comments/" + c.getLong("id"), "{\"body\":\"changed\"}", c.getString("authorToken"));
            }
            assertThat(send(app, "DELETE", "/api/v1/comments/" + mine.getLong("id"), null, mine.getString("authorToken"))
                    .statusCode()).isEqualTo(204);
            assertThat(send(app, "DELETE", "/api/v1/comments/" + other.getLong("id"), null, ADMIN).statusCode()).isEqualTo(204);
            assertThat(history(app, mine.getLong("id"))).isEmpty();
            assertThat(history(app, other.getLong("id"))).singleElement()
                    .satisfies(v -> assertThat(((JsonObject) v).getString("body")).isEqualTo("moderated"));
        }
    }

    @Test
    void aCommentKeepsItsFirstTextAndItsNewestNineteenEarlierOnes() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN))) {
            long id = Http.postComment(app, "t", "Ann", "v0").getLong("id");
            for (int i = 1; i <= 30; i++) {
                send(app, "PATCH", "/api/v1/comments/" + id, "{\"body\":\"v" + i + "\"}", ADMIN);
            }
            JsonArray versions = history(app, id);
            assertThat(versions).hasSize(20);
            assertThat(versions.getJsonObject(0).getString("body")).isEqualTo("v0");
            assertThat(versions.getJsonObject(1).getString("body")).isEqualTo("v11");
            assertThat(versions.getJsonObject(19).getString("body")).isEqualTo("v29");
        }
    }
}
