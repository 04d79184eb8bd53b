package dev.parley.security;

import dev.parley.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test's view of everything a node stored, read straight from its database (SQLite file or
 * PostgreSQL): the schema from the database's own catalogue, and every value of every row, so a
 * test can ask where a piece of personal data still is without knowing the tables in advance.
 */
final class StoredData implements AutoCloseable {
    /** One stored value that contains what was looked for. */
    record Finding(String table, String column, Map<String, Object> row) {
        String place() {
            return table + "." + column;
        }
    }

    private final Connection conn;
    private final boolean sqlite;

    private StoredData(Connection conn, boolean sqlite) {
        this.conn = conn;
        this.sqlite = sqlite;
    }

    /** The node's database: {@code postgresUrl} when it runs on PostgreSQL, else its SQLite file. */
    static StoredData of(TestApp app, String postgresUrl) {
        try {
            return postgresUrl == null
                    ? new StoredData(DriverManager.getConnection("jdbc:sqlite:" + app.dataDir().resolve("parley.db")), true)
                    : new StoredData(DriverManager.getConnection(postgresUrl), false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table and its columns, lower case, as the catalogue lists them. */
    Map<String, List<String>> schema() {
        String sql = sqlite
                ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
                        + " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
                : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " ORDER BY table_name, ordinal_position";
        Map<String, List<String>> schema = new TreeMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                schema.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), t -> new ArrayList<>())
                        .add(rs.getString(2).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    /** Every row of every table with a value that contains {@code needle} (case ignored), per column. */
    List<Finding> find(String needle) {
        String wanted = needle.toLowerCase(Locale.ROOT);
        List<Finding> found = new ArrayList<>();
        for (String table : schema().keySet()) {
            for (Map<String, Object> row : rows(table)) {
                row.forEach((column, value) -> {
                    if (value != null && value.toString().toLowerCase(Locale.ROOT).contains(wanted)) {
                        found.add(new Finding(table, column, row));
                    }
                });
            }
        }
        return found;
    }

    List<Map<String, Object>> rows(String table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // a test's read-only connection
        }
    }
}
