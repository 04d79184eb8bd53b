package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A reader's address is theirs: the data export shows it, the erasure removes every trace of it. */
class MailErasureTest {
    private static final String ADMIN = "moderator-token-for-tests";

    @AutoClose
    final Mailbox mailbox = Mailbox.start();

    private static HttpRequest.Builder admin(TestApp app, String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + ADMIN);
    }

    private static long rowsWith(TestApp app, String address) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + app.dataDir().resolve("parley.db"))) {
            long rows = 0;
            for (String table : new String[] {"mail_subscriptions", "mail_outbox", "mail_addresses"}) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table
                        + " WHERE address = '" + address + "'")) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            return rows;
        }
    }

    @Test
    void theExportShowsTheAddressAndTheErasureRemovesItEverywhere() throws SQLException {
        try (TestApp app = TestApp.start(MailNotificationTest.settings(mailbox, "PARLEY_ADMIN_TOKEN", ADMIN))) {
            long ada = MailNotificationTest.post(app, "/t", "Ada", "Mail me", null, "ada@example.com").getLong("id");
            mailbox.await(1);
            String authorId = Http.json(Http.send(admin(app, "/api/v1/admin/comments?status=all").GET()))
                    .getJsonArray("comments").stream().map(JsonObject.class::cast)
                    .filter(c -> c.getLong("id") == ada).findFirst().orElseThrow().getString("authorId");

            JsonObject export = Http.json(Http.send(admin(app, "/api/v1/admin/authors/" + authorId).GET()));
            JsonObject subscription = export.getJsonArray("mailSubscriptions").getJsonObject(0);
            assertThat(subscription.getString("address")).isEqualTo("ada@example.com");
            assertThat(subscription.getLong("commentId")).isEqualTo(ada);
            assertThat(rowsWith(app, "ada@example.com")).isPositive();

            assertThat(Http.send(admin(app, "/api/v1/admin/authors/" + authorId).DELETE()).statusCode()).isEqualTo(200);
            assertThat(rowsWith(app, "ada@example.com")).isZero();
            assertThat(Http.json(Http.send(admin(app, "/api/v1/admin/authors/" + authorId).GET()))
                    .getJsonArray("mailSubscriptions")).isEmpty();
        }
    }
}
