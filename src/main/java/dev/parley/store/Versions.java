package dev.parley.store;

import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Edit history: the texts an edit replaced, kept in the edit's transaction. Bounded per comment:
 * the first text and the newest {@link #MAX_KEPT} - 1 replaced ones stay (an author may edit every
 * few seconds for the whole edit window; a moderator wants to see what was first posted and what
 * changed last).
 */
final class Versions {
    static final int MAX_KEPT = 20;
    private static final String COLUMNS = "comment_id, body, html, written_at, replaced_at, edited_by";

    private Versions() {
    }

    /** Keeps the text {@code current} had before the edit at {@code now}. */
    static void keep(Connection conn, StoredComment current, Instant now, String editedBy) throws SQLException {
        Instant writtenAt = current.comment().editedAt() != null ? current.comment().editedAt() : current.comment().createdAt();
        long id = current.comment().id();
        Sql.update(conn, "INSERT INTO comment_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", id,
                current.comment().body(), current.comment().html(), writtenAt.toEpochMilli(), now.toEpochMilli(), editedBy);
        Sql.update(conn, "DELETE FROM comment_versions WHERE comment_id = ?"
                + " AND id <> (SELECT MIN(id) FROM comment_versions WHERE comment_id = ?)"
                + " AND id NOT IN (SELECT id FROM comment_versions WHERE comment_id = ? ORDER BY id DESC LIMIT ?)",
                id, id, id, MAX_KEPT - 1);
    }

    /** The comment's earlier texts, oldest first. */
    static List<Version> of(Connection conn, long commentId) throws SQLException {
        return Sql.list(conn, "SELECT " + COLUMNS + " FROM comment_versions WHERE comment_id = ? ORDER BY id",
                Versions::version, commentId);
    }

    /** Every earlier text of an author's comments (a data export), oldest first. */
    static List<Version> ofAuthor(Connection conn, String authorId) throws SQLException {
        return Sql.list(conn, "SELECT v." + COLUMNS.replace(", ", ", v.") + " FROM comment_versions v"
                + " JOIN comments c ON c.id = v.comment_id WHERE c.author_id = ? ORDER BY v.id",
                Versions::version, authorId);
    }

    /** Drops a comment's history with its text (an author's deletion, an erasure). */
    static void remove(Connection conn, long commentId) throws SQLException {
        Sql.update(conn, "DELETE FROM comment_versions WHERE comment_id = ?", commentId);
    }

    private static Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }
}
