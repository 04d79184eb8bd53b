package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A moderator's change and its audit entry are one transaction: when the entry cannot be written,
 * the change does not happen either (a lock, an edit or a ban without a trace in the log was
 * possible when the entry was written afterwards).
 */
class AuditAtomicityTest {
    private static final String ADMIN = "moderator-token-audit-atomicity";

    @AutoClose
    final TestApp app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN));

    private void auditTableRefusesWrites() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + app.dataDir().resolve("parley.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER audit_refused BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
        }
    }

    private HttpResponse<String> asModerator(String method, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aLockThatCannotBeAuditedDoesNotHappen() throws Exception {
        auditTableRefusesWrites();
        assertThat(asModerator("PUT", "/api/v1/admin/threads/lock", "{\"thread\":\"a\",\"locked\":true}").statusCode())
                .isEqualTo(500);
        assertThat(Http.postJson(app.baseUrl() + "/api/v1/comments",
                "{\"thread\":\"a\",\"author\":\"Ann\",\"body\":\"still open\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aModeratorsEditThatCannotBeAuditedDoesNotHappen() throws Exception {
        long id = Http.postComment(app, "b", "Ann", "as written").getLong("id");
        auditTableRefusesWrites();
        assertThat(asModerator("PATCH", "/api/v1/comments/" + id, "{\"body\":\"rewritten\"}").statusCode()).isEqualTo(500);
        assertThat(Http.json(Http.get(app.baseUrl() + "/api/v1/comments?thread=b")).getJsonArray("comments")
                .getJsonObject(0).getString("body")).isEqualTo("as written");
    }

    @Test
    void aBanThatCannotBeAuditedDoesNotHappen() throws Exception {
        auditTableRefusesWrites();
        assertThat(asModerator("POST", "/api/v1/admin/bans", "{\"ipHash\":\"abc\",\"seconds\":60}").statusCode())
                .isEqualTo(500);
        assertThat(Http.json(asModerator("GET", "/api/v1/admin/bans", null)).getJsonArray("bans")).isEmpty();
    }
}
