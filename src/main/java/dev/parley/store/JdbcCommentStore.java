package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.AuthorName;
import dev.parley.comment.AuditEntry;
import dev.parley.comment.CommentStore;
import dev.parley.comment.ModerationSettings;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import dev.parley.comment.StorageException;
import dev.parley.comment.StoredComment;
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
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** {@link CommentStore} over JDBC, for SQLite and PostgreSQL alike (the SQL below runs on both). */
public final class JdbcCommentStore implements CommentStore {
    private final Database db;
    private final Settings settings;
    private final CommentRows rows;

    /** {@code authorKey}: an author id to the comments' public authorKey (see CommentRows). */
    public JdbcCommentStore(Database db, java.util.function.UnaryOperator<String> authorKey) {
        this.rows = new CommentRows(authorKey);
        this.db = db;
        this.settings = new Settings(db);
    }

    @Override
    public Posted create(NewComment c, Poster poster, String html, Instant now, boolean pending) {
        try {
            return db.write(conn -> insert(conn, c, poster, html, now.toEpochMilli(), pending));
        } catch (StorageException e) {
            // Two requests with one key raced (PostgreSQL): the loser's transaction rolled back
            // entirely, seq included, so answering with the winner's comment leaves no gap.
            if (c.idempotencyKey() != null && isUniqueViolation(e)) {
                return findByKey(c.thread(), c.idempotencyKey())
                        .map(existing -> new Posted(creation(existing.comment().visible()), true, null))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Posted insert(Connection conn, NewComment c, Poster poster, String html, long now, boolean pending)
            throws SQLException {
        if (c.idempotencyKey() != null) {
            Optional<StoredComment> existing = byKey(conn, c.thread(), c.idempotencyKey());
            if (existing.isPresent()) {
                return new Posted(creation(existing.get().comment().visible()), true, null);
            }
        }
        if (c.parent() != null && !parentIsIn(conn, c.parent(), c.thread())) {
            throw new ApiException(ErrorCode.INVALID_PARENT, "parent " + c.parent() + " is not a comment of this thread");
        }
        ensureThread(conn, c.thread(), now);
        long threadId;
        long seq;
        if (pending) {
            // No seq yet: a unique negative placeholder keeps it out of every seq range.
            threadId = Sql.one(conn, "SELECT id FROM threads WHERE thread_key = ?", rs -> rs.getLong(1), c.thread()).orElseThrow();
            seq = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } else {
            long[] thread = nextSeq(conn, "UPDATE threads SET seq = seq + 1, comment_count = comment_count + 1"
                    + " WHERE thread_key = ? RETURNING id, seq", c.thread());
            threadId = thread[0];
            seq = thread[1];
        }
        long id;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO comments (thread_id, seq, parent_id, author,"
                + " body, html, created_at, deleted, idempotency_key, author_id, ip_hash, verified, avatar, pending)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, threadId, seq, c.parent(), c.author(), c.body(), html, now, false, c.idempotencyKey(),
                    poster.authorId(), poster.ipHash(), poster.verified(), poster.avatar(), pending);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (!pending) {
            recordEvent(conn, threadId, seq, EventType.COMMENT, id, now);
        }
        if (poster.verified()) {
            Sql.update(conn, "INSERT INTO verified_names (name_key, site, sso_user, author_id) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name_key, site) DO NOTHING",
                    nameKey(c.author()), poster.ssoSite(), poster.ssoUser(), poster.authorId());
        }
        Comment comment = new Comment(id, c.thread(), seq, c.parent(), c.author(), c.body(), html,
                Instant.ofEpochMilli(now), null, false, poster.verified(), poster.avatar(), pending,
                rows.authorKey(poster.authorId()));
        return new Posted(new ThreadEvent(c.thread(), pending ? 0 : seq, EventType.COMMENT, comment), false,
                poster.authorId());
    }

    @Override
    public Optional<StoredComment> findByKey(String thread, String key) {
        return db.read(conn -> byKey(conn, thread, key));
    }

    @Override
    public boolean firstOfAuthor(long id, String authorId) {
        return !db.read(conn -> Sql.exists(conn, "SELECT 1 FROM comments WHERE author_id = ? AND id < ? LIMIT 1",
                authorId, id));
    }

    @Override
    public Optional<StoredComment> findStored(long id) {
        return db.read(conn -> rows.stored(conn, id));
    }

    @Override
    public Optional<ThreadEvent> edit(long id, String body, String html, Instant now, Optional<AuditEntry> audit) {
        return db.write(conn -> {
            Optional<StoredComment> current = rows.stored(conn, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (current.get().comment().deleted()) {
                throw new ApiException(ErrorCode.CONFLICT, "comment " + id + " is deleted");
            }
            Versions.keep(conn, current.get(), now, audit.isPresent() ? "moderator" : "author");
            Sql.update(conn, "UPDATE comments SET body = ?, html = ?, edited_at = ? WHERE id = ?",
                    body, html, now.toEpochMilli(), id);
            if (audit.isPresent()) {
                AuditRows.insert(conn, audit.get());
            }
            return Optional.of(rows.change(conn, current.get().comment(), "UPDATE threads SET seq = seq + 1"
                    + " WHERE thread_key = ? RETURNING id, seq", now));
        });
    }

    @Override
    public Optional<ThreadEvent> delete(long id, Instant now, Optional<AuditEntry> moderatorAudit) {
        return db.write(conn -> {
            Optional<StoredComment> current = rows.stored(conn, id);
            if (current.isEmpty() || current.get().comment().deleted()) {
                return Optional.empty();
            }
            if (moderatorAudit.isPresent()) {
                Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = 'moderator' WHERE id = ?", true, id);
                AuditRows.insert(conn, moderatorAudit.get());
            } else {
                Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = 'author', author = '', body = '',"
                        + " html = '', avatar = NULL WHERE id = ?", true, id);
                Versions.remove(conn, id); // the history goes with the text
            }
            return Optional.of(rows.change(conn, current.get().comment(), "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count - 1 WHERE thread_key = ? RETURNING id, seq", now));
        });
    }

    @Override
    public Optional<Comment> find(long id) {
        return db.read(conn -> rows.stored(conn, id).map(s -> s.comment().visible()));
    }

    @Override
    public Page<Comment> comments(String thread, long after, int limit) {
        // One statement, so the latest seq and the rows come from one snapshot.
        String sql = "SELECT t.seq AS thread_seq, t.thread_key, " + COMMENT_COLUMNS.replace("t.thread_key, ", "")
                + " FROM threads t LEFT JOIN comments c ON c.thread_id = t.id AND c.seq > ?"
                + " WHERE t.thread_key = ? ORDER BY c.seq LIMIT ?";
        return db.read(conn -> ThreadRows.page(conn, sql, rs -> rows.visible(rs), after, thread, limit));
    }

    @Override
    public Tree tree(String thread, boolean newestFirst, long cursor, int limit, int maxReplies) {
        return db.read(conn -> TreeRows.page(conn, rows, thread, newestFirst, cursor, limit, maxReplies));
    }

    @Override
    public Optional<Tree> context(long id, int maxReplies) {
        return db.read(conn -> TreeRows.context(conn, rows, id, maxReplies));
    }

    @Override
    public Page<ThreadEvent> events(String thread, long after, int limit) {
        String sql = "SELECT t.seq AS thread_seq, e.seq AS event_seq, e.kind, t.thread_key, "
                + COMMENT_COLUMNS.replace("t.thread_key, ", "")
                + " FROM threads t LEFT JOIN thread_events e ON e.thread_id = t.id AND e.seq > ?"
                + " LEFT JOIN comments c ON c.id = e.comment_id WHERE t.thread_key = ? ORDER BY e.seq LIMIT ?";
        return db.read(conn -> ThreadRows.page(conn, sql, rs -> new ThreadEvent(thread, rs.getLong("event_seq"),
                EventType.fromWire(rs.getString("kind")), rows.visible(rs)), after, thread, limit));
    }

    @Override
    public ThreadStats stats(String thread) {
        return db.read(conn -> Sql.one(conn, "SELECT seq, comment_count, locked, score_seq FROM threads WHERE thread_key = ?",
                rs -> new ThreadStats(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getLong(4)), thread)
                .orElse(new ThreadStats(0, 0)));
    }

    @Override
    public Map<String, Long> latestSeqs(Collection<String> threads) {
        return ThreadRows.perThread(db, "seq", threads);
    }

    @Override
    public Map<String, Long> counts(Collection<String> threads) {
        return ThreadRows.perThread(db, "comment_count", threads);
    }

    @Override
    public PostChecks postChecks(NewComment c, Poster poster, Instant now, Instant duplicateSince) {
        return db.read(conn -> GuardQueries.postChecks(conn, c, poster, now, duplicateSince));
    }

    @Override
    public ChangeChecks changeChecks(String thread, String authorId, String ipHash, Instant now) {
        return db.read(conn -> GuardQueries.changeChecks(conn, thread, authorId, ipHash, now));
    }

    @Override
    public boolean banned(String authorId, String ipHash, String site, Instant now) {
        return db.read(conn -> GuardQueries.banned(conn, authorId, ipHash, site, now));
    }

    @Override
    public ModerationSettings settings(String site) {
        return settings.current(site);
    }

    /** How comment rows are read, shared with the moderation store and the personal-data queries. */
    CommentRows rows() {
        return rows;
    }

    /** The settings row, shared with the moderation store so a save here is seen here at once. */
    Settings settingsRow() {
        return settings;
    }

    /** Reserved names are compared by their confusable skeleton: {@code payрal} takes {@code paypal}. */
    static String nameKey(String name) {
        return AuthorName.key(name);
    }

    private static ThreadEvent creation(Comment c) {
        return new ThreadEvent(c.thread(), c.seq(), EventType.COMMENT, c);
    }

    private Optional<StoredComment> byKey(Connection conn, String thread, String key) throws SQLException {
        return Sql.one(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS
                + " WHERE t.thread_key = ? AND c.idempotency_key = ?", rows::stored, thread, key);
    }


    private boolean parentIsIn(Connection conn, long parent, String thread) throws SQLException {
        return rows.stored(conn, parent).map(p -> p.comment().thread().equals(thread) && !p.comment().pending()).orElse(false);
    }

    /** The thread's row, created empty (seq 0) if this is its first write. */
    static void ensureThread(Connection conn, String thread, long now) throws SQLException {
        Sql.update(conn, "INSERT INTO threads (thread_key, seq, comment_count, created_at) VALUES (?, 0, 0, ?)"
                + " ON CONFLICT (thread_key) DO NOTHING", thread, now);
    }

    static long[] nextSeq(Connection conn, String sql, String thread) throws SQLException {
        return Sql.one(conn, sql, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, thread)
                .orElseThrow(() -> new SQLException("thread row missing for " + thread));
    }

    static void recordEvent(Connection conn, long threadId, long seq, EventType type, long commentId, long now)
            throws SQLException {
        Sql.update(conn, "INSERT INTO thread_events (thread_id, seq, kind, comment_id, created_at) VALUES (?, ?, ?, ?, ?)",
                threadId, seq, type.wire(), commentId, now);
    }

    private static boolean isUniqueViolation(StorageException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
