package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Services;
import dev.parley.comment.AuthorName;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 rekeys the reserved names of a database written before it: old keys (trimmed lower case)
 * become skeletons, look-alikes collapse into one row, and a key that needs no change stays.
 */
class NameKeyMigrationTest {
    /** Old keys as V2..V4 stored them, with the signed-in user of each. */
    private static final Map<String, String> OLD = Map.of(
            "paypal", "u-1",
            "payрal", "u-2",          // Cyrillic er: collapses into paypal
            "grace hopper", "u-3",
            "modern", "u-4",           // m → rn: its key changes
            "rnodern", "u-5",          // already a skeleton: keeps its row
            "王小明", "u-6");

    @TempDir
    Path dataDir;

    @Test
    void sqliteReservedNamesAreRekeyedBySkeleton() throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve("parley.db").toAbsolutePath();
        migrateAndCheck(url, new Database.Settings(dataDir, "", 2));
    }

    @Test
    void postgresqlReservedNamesAreRekeyedBySkeleton() throws SQLException {
        String url = Services.createPostgresDatabase();
        try {
            migrateAndCheck(url, new Database.Settings(Path.of("unused"), url, 2));
        } finally {
            Services.dropPostgresDatabase(url);
        }
    }

    private static void migrateAndCheck(String url, Database.Settings settings) throws SQLException {
        // V4 is the last migration before V6 that surely exists (V5 belongs to another change).
        Flyway.configure().dataSource(url, null, null).locations(Dialect.of(url).migrations()).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("INSERT INTO verified_names (name_key, sso_user) VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : OLD.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.executeUpdate();
            }
        }
        try (Database db = new Database(settings, new SimpleMeterRegistry())) {
            List<String> keys = db.read(conn -> Sql.list(conn, "SELECT name_key FROM verified_names ORDER BY name_key",
                    rs -> rs.getString(1)));
            assertThat(keys).containsExactlyInAnyOrder(AuthorName.key("paypal"), AuthorName.key("grace hopper"),
                    AuthorName.key("rnodern"), AuthorName.key("王小明"));
            assertThat(keys).doesNotContain("payрal", "modern");
            JdbcCommentStore store = new JdbcCommentStore(db, authorId -> "key-" + authorId);
            for (String name : List.of("PayPal", "pаypal", "Grace Hopper", "modern", "MODERN", "王小明")) {
                assertThat(store.postChecks(new NewComment("t", null, name, "b", null), Poster.anonymous("a", "ip", false),
                        Instant.EPOCH, Instant.EPOCH).nameReserved()).as(name).isTrue();
            }
        }
    }
}
