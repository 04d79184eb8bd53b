package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Polling {@code GET /api/v1/events?after=N}, the widget's last fallback, is exact: a poller that
 * reads on from the last seq it got sees every event once and in order, also while a burst of
 * posts goes on, and only its own site's.
 */
class EventsPollingTest {

    @Test
    void aPollerReadingOnFromItsLastSeqSeesEveryEventOnceInOrderDuringABurst() throws Exception {
        try (TestApp app = TestApp.start()) {
            int comments = 90;
            ExecutorService posters = Executors.newFixedThreadPool(3);
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < comments; i++) {
                int n = i;
                posts.add(posters.submit(() -> Http.postComment(app, "poll", "P" + (n % 3), "burst " + n)));
            }
            List<Long> seen = new ArrayList<>();
            long after = 0;
            try {
                while (seen.size() < comments) {
                    JsonObject page = poll(app, "thread=poll&after=" + after + "&limit=7");
                    JsonArray events = page.getJsonArray("events");
                    for (int i = 0; i < events.size(); i++) {
                        JsonObject e = events.getJsonObject(i);
                        assertThat(e.getJsonObject("comment").getLong("seq")).isEqualTo(e.getLong("seq"));
                        seen.add(e.getLong("seq"));
                    }
                    assertThat(page.getLong("seq")).as("the latest seq is never behind the page")
                            .isGreaterThanOrEqualTo(events.isEmpty() ? after : seen.getLast());
                    // Read on from the last event, not from `seq`, which may be ahead of a limited page.
                    after = events.isEmpty() ? after : seen.getLast();
                }
                for (Future<?> post : posts) {
                    post.get();
                }
            } finally {
                posters.shutdownNow();
            }
            assertThat(seen).isEqualTo(LongStream.rangeClosed(1, comments).boxed().toList());
            JsonObject last = poll(app, "thread=poll&after=" + after);
            assertThat(last.getJsonArray("events")).isEmpty();
            assertThat(last.getLong("seq")).isEqualTo(comments);
        }
    }

    @Test
    void aLimitedPageSaysHowFarTheThreadIsAheadAndEditsComeAsUpdates() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", "moderator-token-for-tests"))) {
            for (int i = 1; i <= 5; i++) {
                Http.postComment(app, "paged", "Ann", "c" + i);
            }
            long id = Http.postComment(app, "paged", "Ann", "to delete").getLong("id");
            Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/api/v1/comments/" + id))
                    .header("Authorization", "Bearer moderator-token-for-tests").DELETE());
            JsonObject first = poll(app, "thread=paged&after=0&limit=2");
            assertThat(first.getLong("seq")).isEqualTo(7);
            assertThat(seqs(first)).containsExactly(1L, 2L);
            JsonObject rest = poll(app, "thread=paged&after=5");
            assertThat(seqs(rest)).containsExactly(6L, 7L);
            assertThat(rest.getJsonArray("events").getJsonObject(1).getString("type")).isEqualTo("updated");
            assertThat(rest.getJsonArray("events").getJsonObject(1).getJsonObject("comment").getBoolean("deleted")).isTrue();
            assertThat(seqs(poll(app, "thread=paged&after=99"))).as("beyond the latest: nothing").isEmpty();
        }
    }

    @Test
    void aSitesEventsAreItsOwn() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", "moderator-token-for-tests"))) {
            assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl()
                            + "/api/v1/admin/sites/docs")).header("Authorization", "Bearer moderator-token-for-tests")
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"allowedOrigins\":[]}"))).statusCode())
                    .isEqualTo(200);
            Http.postComment(app, "/page", "Ann", "default");
            Http.postJson(app.baseUrl() + "/api/v1/comments?site=docs",
                    "{\"thread\":\"/page\",\"author\":\"Bob\",\"body\":\"docs 1\"}");
            Http.postJson(app.baseUrl() + "/api/v1/comments?site=docs",
                    "{\"thread\":\"/page\",\"author\":\"Bob\",\"body\":\"docs 2\"}");
            JsonObject docs = poll(app, "site=docs&thread=/page&after=0");
            assertThat(docs.getString("thread")).isEqualTo("/page");
            assertThat(docs.getJsonArray("events").stream().map(e -> ((JsonObject) e).getJsonObject("comment")
                    .getString("body")).toList()).containsExactly("docs 1", "docs 2");
            assertThat(seqs(poll(app, "thread=/page&after=0"))).containsExactly(1L);
        }
    }

    private static JsonObject poll(TestApp app, String query) {
        var answer = Http.get(app.baseUrl() + "/api/v1/events?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("events").stream().map(e -> ((JsonObject) e).getLong("seq")).toList();
    }
}
