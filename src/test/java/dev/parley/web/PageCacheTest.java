package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The cached first page is never stale after a post, an edit or a deletion. */
class PageCacheTest {
    private static final String ADMIN = "moderator-token-page-cache";

    private static JsonObject page(TestApp app, String thread) {
        return Http.json(Http.get(app.baseUrl() + "/api/v1/comments?thread=" + thread));
    }

    @Test
    void everyChangeIsVisibleInTheVeryNextRead() {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN))) {
            assertThat(page(app, "hot").getJsonArray("comments")).isEmpty();
            JsonObject first = Http.postComment(app, "hot", "Ann", "one");
            assertThat(page(app, "hot").getLong("seq")).isEqualTo(1);
            assertThat(page(app, "hot")).isEqualTo(page(app, "hot"));
            Http.postComment(app, "hot", "Bob", "two");
            assertThat(page(app, "hot").getJsonArray("comments")).hasSize(2);
            Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + first.getLong("id")))
                    .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"one, edited\"}")));
            assertThat(page(app, "hot").getJsonArray("comments").getJsonObject(0).getString("body")).isEqualTo("one, edited");
            Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments/" + first.getLong("id")))
                    .header("Authorization", "Bearer " + ADMIN).DELETE());
            assertThat(page(app, "hot").getJsonArray("comments").getJsonObject(0).getBoolean("deleted")).isTrue();
            assertThat(page(app, "hot").getLong("seq")).isEqualTo(4);
        }
    }

    @Test
    void readsRacingPostsNeverLeaveAStalePage() throws Exception {
        try (TestApp app = TestApp.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int poster = p;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        Http.postComment(app, "race", "poster", "p" + poster + " #" + i);
                    }
                }));
            }
            for (int r = 0; r < 4; r++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        JsonObject page = page(app, "race");
                        assertThat(page.getJsonArray("comments").size()).isEqualTo((int) page.getLong("seq").longValue());
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            JsonObject last = page(app, "race");
            assertThat(last.getLong("seq")).isEqualTo(80);
            assertThat(last.getJsonArray("comments")).hasSize(80);
        }
    }
}
