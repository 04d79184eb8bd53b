package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.PostgresProcess;
import dev.parley.RawWsClient;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static HttpResponse<String> awaitResponse(String url, Predicate<HttpResponse<String>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = Http.get(url);
                if (condition.test(last)) {
                    return last;
                }
            } catch (IllegalStateException connectionRefused) {
                last = null;
            }
            sleep(50);
        }
        throw new AssertionError("condition never met; last answer: " + (last == null ? "none" : last.body()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void readinessTurnsFalseWhileDraining() throws Exception {
        TestApp app = TestApp.start(Map.of("PARLEY_DRAIN_TIMEOUT", "2s"));
        // A client that never answers the close frame keeps the node draining for a while.
        try (RawWsClient lingering = RawWsClient.connect(app.port(), 65536)) {
            assertThat(Http.get(app.baseUrl() + "/readyz").statusCode()).isEqualTo(200);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            HttpResponse<String> draining = awaitResponse(app.baseUrl() + "/readyz", r -> r.statusCode() == 503);
            assertThat(new JsonObject(draining.body()).getString("reason")).isEqualTo("draining");
            assertThat(Http.get(app.baseUrl() + "/healthz").statusCode()).as("still alive").isEqualTo(200);
            stopping.get();
        } finally {
            app.close();
        }
    }

    @Test
    void readinessTurnsFalseWhileStorageIsUnreachableAndRecovers() {
        try (PostgresProcess pg = PostgresProcess.start();
             TestApp app = TestApp.start(Map.of("PARLEY_DATABASE_URL", pg.jdbcUrl()))) {
            String ready = app.baseUrl() + "/readyz";
            assertThat(Http.get(ready).statusCode()).isEqualTo(200);
            pg.stopServer();
            HttpResponse<String> down = awaitResponse(ready, r -> r.statusCode() == 503);
            assertThat(new JsonObject(down.body()).getString("reason")).isEqualTo("storage unreachable");
            HttpResponse<String> post = Http.postJson(app.baseUrl() + "/api/v1/comments",
                    "{\"thread\":\"pg\",\"author\":\"a\",\"body\":\"while down\"}");
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(post.body()).getJsonObject("error").getString("code")).isEqualTo("unavailable");
            pg.startServer();
            awaitResponse(ready, r -> r.statusCode() == 200);
            assertThat(Http.postComment(app, "pg", "a", "after recovery").getLong("seq")).isEqualTo(1);
        }
    }
}
