package dev.parley.store;

import dev.parley.comment.CommentStore;
import dev.parley.comment.NewComment;
import dev.parley.comment.StorageException;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** {@link CommentStore} over JDBC, for SQLite and PostgreSQL alike (the SQL below runs on both). */
public final class JdbcCommentStore implements CommentStore {
    private static final String COMMENT_COLUMNS = "c.id, t.thread_key, c.seq, c.parent_id, c.author, c.body,"
            + " c.html, c.created_at, c.edited_at, c.deleted";

    private final Database db;

    public JdbcCommentStore(Database db) {
        this.db = db;
    }

    @Override
    public Posted create(NewComment c, String html, Instant now) {
        try {
            return db.write(conn -> insert(conn, c, html, now.toEpochMilli()));
        } catch (StorageException e) {
            // Two requests with one key raced (PostgreSQL): the loser's transaction rolled back
            // entirely, seq included, so answering with the winner's comment leaves no gap.
            if (c.idempotencyKey() != null && isUniqueViolation(e)) {
                return db.read(conn -> byKey(conn, c.thread(), c.idempotencyKey()))
                        .map(existing -> new Posted(creation(existing), true))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Posted insert(Connection conn, NewComment c, String html, long now) throws SQLException {
        if (c.idempotencyKey() != null) {
            Optional<Comment> existing = byKey(conn, c.thread(), c.idempotencyKey());
            if (existing.isPresent()) {
                return new Posted(creation(existing.get()), true);
            }
        }
        if (c.parent() != null && !parentIsIn(conn, c.parent(), c.thread())) {
            throw new ApiException(ErrorCode.INVALID_PARENT,
                    "parent " + c.parent() + " is not a comment of this thread");
        }
        update(conn, "INSERT INTO threads (thread_key, seq, comment_count, created_at) VALUES (?, 0, 0, ?)"
                + " ON CONFLICT (thread_key) DO NOTHING", c.thread(), now);
        long[] thread = nextSeq(conn, "UPDATE threads SET seq = seq + 1, comment_count = comment_count + 1"
                + " WHERE thread_key = ? RETURNING id, seq", c.thread());
        long threadId = thread[0];
        long seq = thread[1];
        long id;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO comments (thread_id, seq, parent_id, author,"
                + " body, html, created_at, deleted, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            bind(ps, threadId, seq, c.parent(), c.author(), c.body(), html, now, false, c.idempotencyKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        recordEvent(conn, threadId, seq, EventType.COMMENT, id, now);
        Comment comment = new Comment(id, c.thread(), seq, c.parent(), c.author(), c.body(), html,
                Instant.ofEpochMilli(now), null, false);
        return new Posted(new ThreadEvent(c.thread(), seq, EventType.COMMENT, comment), false);
    }

    @Override
    public Optional<ThreadEvent> edit(long id, String body, String html, Instant now) {
        return db.write(conn -> {
            Optional<Comment> current = find(conn, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (current.get().deleted()) {
                throw new ApiException(ErrorCode.CONFLICT, "comment " + id + " is deleted");
            }
            update(conn, "UPDATE comments SET body = ?, html = ?, edited_at = ? WHERE id = ?",
                    body, html, now.toEpochMilli(), id);
            return Optional.of(change(conn, id, "UPDATE threads SET seq = seq + 1 WHERE thread_key = ?"
                    + " RETURNING id, seq", current.get().thread(), now));
        });
    }

    @Override
    public Optional<ThreadEvent> delete(long id, Instant now) {
        return db.write(conn -> {
            Optional<Comment> current = find(conn, id);
            if (current.isEmpty() || current.get().deleted()) {
                return Optional.empty();
            }
            update(conn, "UPDATE comments SET deleted = ?, author = '', body = '', html = '' WHERE id = ?", true, id);
            return Optional.of(change(conn, id, "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count - 1 WHERE thread_key = ? RETURNING id, seq",
                    current.get().thread(), now));
        });
    }

    /** Takes the thread's next seq for a change of comment {@code id} and records the event. */
    private ThreadEvent change(Connection conn, long id, String seqSql, String thread, Instant now)
            throws SQLException {
        long[] next = nextSeq(conn, seqSql, thread);
        recordEvent(conn, next[0], next[1], EventType.UPDATED, id, now.toEpochMilli());
        return new ThreadEvent(thread, next[1], EventType.UPDATED, find(conn, id).orElseThrow());
    }

    @Override
    public Optional<Comment> find(long id) {
        return db.read(conn -> find(conn, id));
    }

    @Override
    public Page<Comment> comments(String thread, long after, int limit) {
        // One statement, so the latest seq and the rows come from one snapshot.
        String sql = "SELECT t.seq AS thread_seq, " + COMMENT_COLUMNS + " FROM threads t"
                + " LEFT JOIN comments c ON c.thread_id = t.id AND c.seq > ?"
                + " WHERE t.thread_key = ? ORDER BY c.seq LIMIT ?";
        return db.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, after, thread, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    long seq = 0;
                    List<Comment> items = new ArrayList<>();
                    while (rs.next()) {
                        seq = rs.getLong("thread_seq");
                        rs.getLong("id");
                        if (!rs.wasNull()) {
                            items.add(comment(rs));
                        }
                    }
                    return new Page<>(seq, items);
                }
            }
        });
    }

    @Override
    public Page<ThreadEvent> events(String thread, long after, int limit) {
        String sql = "SELECT t.seq AS thread_seq, e.seq AS event_seq, e.kind, " + COMMENT_COLUMNS
                + " FROM threads t"
                + " LEFT JOIN thread_events e ON e.thread_id = t.id AND e.seq > ?"
                + " LEFT JOIN comments c ON c.id = e.comment_id"
                + " WHERE t.thread_key = ? ORDER BY e.seq LIMIT ?";
        return db.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, after, thread, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    long seq = 0;
                    List<ThreadEvent> items = new ArrayList<>();
                    while (rs.next()) {
                        seq = rs.getLong("thread_seq");
                        long eventSeq = rs.getLong("event_seq");
                        if (!rs.wasNull()) {
                            items.add(new ThreadEvent(thread, eventSeq,
                                    EventType.fromWire(rs.getString("kind")), comment(rs)));
                        }
                    }
                    return new Page<>(seq, items);
                }
            }
        });
    }

    @Override
    public ThreadStats stats(String thread) {
        return db.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, comment_count FROM threads WHERE thread_key = ?")) {
                bind(ps, thread);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new ThreadStats(rs.getLong(1), rs.getLong(2)) : new ThreadStats(0, 0);
                }
            }
        });
    }

    @Override
    public Map<String, Long> latestSeqs(Collection<String> threads) {
        Map<String, Long> latest = new HashMap<>();
        List<String> all = List.copyOf(threads);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "SELECT thread_key, seq FROM threads WHERE thread_key IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            db.read(conn -> {
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    bind(ps, chunk.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            latest.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                return null;
            });
        }
        return latest;
    }

    private static ThreadEvent creation(Comment c) {
        return new ThreadEvent(c.thread(), c.seq(), EventType.COMMENT, c);
    }

    private static Optional<Comment> byKey(Connection conn, String thread, String key) throws SQLException {
        return one(conn, "SELECT " + COMMENT_COLUMNS + " FROM comments c JOIN threads t ON t.id = c.thread_id"
                + " WHERE t.thread_key = ? AND c.idempotency_key = ?", thread, key);
    }

    private static Optional<Comment> find(Connection conn, long id) throws SQLException {
        return one(conn, "SELECT " + COMMENT_COLUMNS + " FROM comments c JOIN threads t ON t.id = c.thread_id"
                + " WHERE c.id = ?", id);
    }

    private static boolean parentIsIn(Connection conn, long parent, String thread) throws SQLException {
        return find(conn, parent).map(p -> p.thread().equals(thread)).orElse(false);
    }

    private static long[] nextSeq(Connection conn, String sql, String thread) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, thread);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("thread row missing for " + thread);
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static void recordEvent(Connection conn, long threadId, long seq, EventType type, long commentId,
                                    long now) throws SQLException {
        update(conn, "INSERT INTO thread_events (thread_id, seq, kind, comment_id, created_at) VALUES (?, ?, ?, ?, ?)",
                threadId, seq, type.wire(), commentId, now);
    }

    private static Optional<Comment> one(Connection conn, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(comment(rs)) : Optional.empty();
            }
        }
    }

    private static void update(Connection conn, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
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

    private static Comment comment(ResultSet rs) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        long edited = rs.getLong("edited_at");
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        return new Comment(rs.getLong("id"), rs.getString("thread_key"), rs.getLong("seq"), parentId,
                rs.getString("author"), rs.getString("body"), rs.getString("html"),
                Instant.ofEpochMilli(rs.getLong("created_at")), editedAt, rs.getBoolean("deleted"));
    }

    private static boolean isUniqueViolation(StorageException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
