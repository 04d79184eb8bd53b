package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Address hashes are kept only for PARLEY_IP_HASH_RETENTION, wherever they are stored, except
 * where an active ban needs one (as long as the ban lasts).
 */
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

    @Test
    void everyStoredAddressHashIsForgottenExceptWhereAnActiveBanNeedsIt() throws InterruptedException {
        try (TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", Hostile.ADMIN, "PARLEY_IP_HASH_RETENTION", "1s",
                "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32")); StoredData stored = StoredData.of(app, null)) {
            String banned = hashOf(app, "198.51.100.1");
            String once = hashOf(app, "198.51.100.2");
            ban(app, banned, 3600);
            ban(app, once, 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline
                    && (!stored.find(once).isEmpty() || stored.find(banned).stream().anyMatch(f -> f.table().equals("comments")))) {
                Thread.sleep(100);
            }
            assertThat(stored.find(once)).as("an expired ban's address, everywhere").isEmpty();
            assertThat(stored.find(banned).stream().map(StoredData.Finding::place).sorted().toList())
                    .as("an active ban's address, only where the ban needs it").containsExactly("audit.target", "bans.ip_hash");
        }
    }

    private static String hashOf(TestApp app, String address) {
        long id = Http.json(Http.postJson(app.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "retain")
                .put("author", "Ann").put("body", "from " + address).encode(), "X-Forwarded-For", address)).getLong("id");
        return Http.json(Hostile.request("GET", app.baseUrl() + "/api/v1/admin/comments", null, "Authorization",
                        Hostile.bearer(Hostile.ADMIN))).getJsonArray("comments").stream().map(JsonObject.class::cast)
                .filter(c -> c.getLong("id") == id).findFirst().orElseThrow().getString("ipHash");
    }

    private static void ban(TestApp app, String ipHash, int seconds) {
        assertThat(Hostile.request("POST", app.baseUrl() + "/api/v1/admin/bans", new JsonObject().put("ipHash", ipHash)
                .put("seconds", seconds).put("reason", "r").encode(), "Authorization", Hostile.bearer(Hostile.ADMIN))
                .statusCode()).isEqualTo(201);
    }
}
