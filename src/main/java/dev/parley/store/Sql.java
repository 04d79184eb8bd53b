package dev.parley.store;

import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Small JDBC helpers shared by the stores: binding, one-row and many-row reads, row mapping. */
final class Sql {
    /** Every column a comment row maps from; select with {@code FROM comments c JOIN threads t}. */
    static final String COMMENT_COLUMNS = "c.id, t.thread_key, c.seq, c.parent_id, c.author, c.body, c.html,"
            + " c.created_at, c.edited_at, c.deleted, c.verified, c.avatar, c.pending, c.author_id, c.ip_hash,"
            + " c.deleted_by";
    static final String FROM_COMMENTS = " FROM comments c JOIN threads t ON t.id = c.thread_id";

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (arg == null) {
                ps.setObject(i + 1, null);
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    static int update(Connection conn, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static <T> List<T> list(Connection conn, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection conn, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(conn, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static boolean exists(Connection conn, String sql, Object... args) throws SQLException {
        return one(conn, sql, rs -> Boolean.TRUE, args).isPresent();
    }

    /**
     * A comment row as stored: content kept even when deleted (for moderators). authorKey turns the
     * row's author id into the comment's public {@code authorKey}.
     */
    static StoredComment stored(ResultSet rs, UnaryOperator<String> authorKey) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        long edited = rs.getLong("edited_at");
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        String authorId = rs.getString("author_id");
        boolean deleted = rs.getBoolean("deleted");
        Comment comment = new Comment(rs.getLong("id"), rs.getString("thread_key"), rs.getLong("seq"), parentId,
                rs.getString("author"), rs.getString("body"), rs.getString("html"),
                Instant.ofEpochMilli(rs.getLong("created_at")), editedAt, deleted,
                rs.getBoolean("verified"), rs.getString("avatar"), rs.getBoolean("pending"),
                deleted || authorId == null ? null : authorKey.apply(authorId));
        return new StoredComment(comment, authorId, rs.getString("ip_hash"), rs.getString("deleted_by"));
    }
}
