package dev.parley.store;

import dev.parley.comment.AuthorName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V6, both dialects: reserved names were keyed by their trimmed lower case; they are now keyed by
 * their confusable skeleton ({@link AuthorName#key}), so {@code verified_names} is rekeyed.
 *
 * <p>A Flyway migration rather than a recomputation at every start: it runs once per database,
 * inside Flyway's transaction and under its lock, so two nodes starting together cannot both
 * rewrite the table, and nothing is left to check on later starts. Two old keys may now be one
 * (say {@code paypal} and {@code payрal}, both signed-in names): one row stays, which is all the
 * reservation needs. It holds every key in memory once (about 200 bytes a name).
 */
public final class NameKeyMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6");
    }

    @Override
    public String getDescription() {
        return "name skeletons";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection conn = context.getConnection();
        List<String> oldKeys = Sql.list(conn, "SELECT name_key FROM verified_names", rs -> rs.getString(1));
        // One row per new key: the one already under it if any (it need not move), else the first.
        Map<String, String> keeper = new HashMap<>();
        for (String old : oldKeys) {
            if (old.equals(AuthorName.key(old))) {
                keeper.put(old, old);
            }
        }
        for (String old : oldKeys) {
            keeper.putIfAbsent(AuthorName.key(old), old);
        }
        Set<String> kept = new HashSet<>(keeper.values());
        batch(conn, "DELETE FROM verified_names WHERE name_key = ?",
                oldKeys.stream().filter(k -> !kept.contains(k)).map(k -> new String[] {k}).toList());
        // Moving through keys no row holds, so no update meets a key that has yet to move away
        // (PostgreSQL checks the primary key after every statement).
        String parking = parking(oldKeys);
        List<String[]> park = new ArrayList<>();
        List<String[]> land = new ArrayList<>();
        for (Map.Entry<String, String> e : keeper.entrySet()) {
            if (!e.getKey().equals(e.getValue())) {
                String temporary = parking + park.size();
                park.add(new String[] {temporary, e.getValue()});
                land.add(new String[] {e.getKey(), temporary});
            }
        }
        batch(conn, "UPDATE verified_names SET name_key = ? WHERE name_key = ?", park);
        batch(conn, "UPDATE verified_names SET name_key = ? WHERE name_key = ?", land);
    }

    /** A prefix no existing key starts with. */
    private static String parking(List<String> keys) {
        String prefix = "\u0001v6-";
        while (true) {
            String p = prefix;
            if (keys.stream().noneMatch(k -> k.startsWith(p))) {
                return prefix;
            }
            prefix += "-";
        }
    }

    private static void batch(Connection conn, String sql, List<String[]> rows) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int pending = 0;
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setString(i + 1, row[i]);
                }
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }
}
