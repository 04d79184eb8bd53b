package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Address hashes are kept only for PARLEY_IP_HASH_RETENTION. */
class RetentionTest {

    @Test
    void addressHashesAreForgottenAfterTheRetention() throws InterruptedException {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", Hostile.ADMIN, "PARLEY_IP_HASH_RETENTION", "1s"))) {
            Http.postComment(app, "retain", "Ann", "hello");
            String admin = app.baseUrl() + "/api/v1/admin/comments";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            JsonObject listed;
            do {
                Thread.sleep(100);
                listed = Http.json(Hostile.request("GET", admin, null, "Authorization", Hostile.bearer(Hostile.ADMIN)))
                        .getJsonArray("comments").getJsonObject(0);
            } while (listed.getValue("ipHash") != null && System.nanoTime() < deadline);
            assertThat(listed.getValue("ipHash")).isNull();
            assertThat(listed.getString("body")).isEqualTo("hello");
        }
    }
}
