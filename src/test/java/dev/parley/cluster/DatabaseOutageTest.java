package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.PostgresProcess;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL going away: clear refusals, nothing half-written, recovery without a restart. */
class DatabaseOutageTest {

    @Test
    void postsAreRefusedWithUnavailableWhileTheDatabaseIsDownAndWorkAfterwards() {
        try (PostgresProcess pg = PostgresProcess.start();
             TestApp app = TestApp.start(Map.of("PARLEY_DATABASE_URL", pg.jdbcUrl()));
             WsClient ws = WsClient.connect(app)) {
            ws.subscribe("db", 0L).next("subscribed");
            Http.postComment(app, "db", "Ann", "before");
            assertThat(ws.next("comment").getLong("seq")).isEqualTo(1);

            pg.stopServer();
            HttpResponse<String> rest = Http.postJson(app.baseUrl() + "/api/v1/comments",
                    "{\"thread\":\"db\",\"author\":\"a\",\"body\":\"lost?\"}");
            assertThat(rest.statusCode()).isEqualTo(503);
            assertThat(rest.headers().firstValue("Retry-After")).isPresent();
            assertThat(Http.json(rest).getJsonObject("error").getString("code")).isEqualTo("unavailable");

            ws.post("w1", "db", "Bob", "during the outage");
            JsonObject error = ws.next("error");
            assertThat(error.getString("id")).isEqualTo("w1");
            assertThat(error.getString("code")).isEqualTo("unavailable");
            ws.assertExhausted(Duration.ofMillis(300));

            pg.startServer();
            JsonObject after = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (after == null && System.nanoTime() < deadline) {
                HttpResponse<String> retry = Http.postJson(app.baseUrl() + "/api/v1/comments",
                        "{\"thread\":\"db\",\"author\":\"a\",\"body\":\"after\"}", "Idempotency-Key", "after-1");
                if (retry.statusCode() == 201) {
                    after = Http.json(retry);
                }
            }
            assertThat(after).as("recovered without a restart").isNotNull();
            assertThat(after.getLong("seq")).as("the refused posts took no seq").isEqualTo(2);
            assertThat(ws.next("comment").getLong("seq")).isEqualTo(2);
            ws.post("w2", "db", "Bob", "live again");
            assertThat(ws.next().getString("type")).isIn("ack", "comment");
        }
    }
}
