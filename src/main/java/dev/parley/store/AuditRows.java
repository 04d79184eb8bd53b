package dev.parley.store;

import dev.parley.comment.AuditEntry;
import java.sql.Connection;
import java.sql.SQLException;

/** Writes an audit entry on the connection of the change it records: one transaction, one fate. */
final class AuditRows {
    private AuditRows() {
    }

    static void insert(Connection conn, AuditEntry e) throws SQLException {
        Sql.update(conn, "INSERT INTO audit (at, actor, action, target, detail, site) VALUES (?, ?, ?, ?, ?, ?)",
                e.at().toEpochMilli(), e.actor(), e.action(), e.target(), e.detail(), e.site());
    }
}
