package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import dev.parley.transfer.ExportStore;
import dev.parley.transfer.ImportRow;
import dev.parley.transfer.ImportStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** {@link ImportStore} and {@link ExportStore} over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcTransferStore implements ImportStore, ExportStore {
    /** Keys per IN (...) query: well under SQLite's and PostgreSQL's parameter limits. */
    private static final int CHUNK = 500;
    /** The sign-in scope of names reserved by imported verified comments. */
    private static final String IMPORT_SCOPE = "import";
    private final Database db;
    private final CommentRows rows;

    /** {@code authorKey}: each author's public key (AuthorTokens#publicKey), for the comments it reads. */
    public JdbcTransferStore(Database db, UnaryOperator<String> authorKey) {
        this.db = db;
        this.rows = new CommentRows(authorKey);
    }

    @Override
    public Set<String> imported(String site, String format, Collection<String> sourceIds) {
        return inChunks(sourceIds, "SELECT source_id FROM import_sources WHERE site = ? AND format = ? AND source_id IN",
                site, format);
    }

    @Override
    public Set<String> reservedNames(Collection<String> nameKeys) {
        return inChunks(nameKeys, "SELECT name_key FROM verified_names WHERE name_key IN");
    }

    private Set<String> inChunks(Collection<String> keys, String select, Object... leading) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(new HashSet<>(keys));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String sql = select + " (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> args = new ArrayList<>(List.of(leading));
            args.addAll(chunk);
            found.addAll(db.read(conn -> Sql.list(conn, sql, rs -> rs.getString(1), args.toArray())));
        }
        return found;
    }

    @Override
    public List<ThreadEvent> insert(String site, String format, String thread, List<ImportRow> rows, Instant now) {
        long nowMillis = now.toEpochMilli();
        return db.write(conn -> {
            JdbcCommentStore.ensureThread(conn, thread, nowMillis);
            long threadId = Sql.one(conn, "SELECT id FROM threads WHERE thread_key = ?", rs -> rs.getLong(1), thread)
                    .orElseThrow();
            List<ThreadEvent> events = new ArrayList<>();
            for (ImportRow row : rows) {
                if (commentOf(conn, site, format, row.sourceId()).isEmpty()) {
                    insert(conn, site, format, thread, threadId, row, nowMillis).ifPresent(events::add);
                }
            }
            return events;
        });
    }

    /** One row, the way {@link JdbcCommentStore} stores a post: seq and event in the same transaction. */
    private Optional<ThreadEvent> insert(Connection conn, String site, String format, String thread, long threadId,
                                         ImportRow row, long now) throws SQLException {
        Long parent = row.parentSourceId() == null ? null
                : commentOf(conn, site, format, row.parentSourceId()).orElse(null);
        if (parent != null && !isVisibleIn(conn, parent, threadId)) {
            parent = null;
        }
        long seq = row.pending() ? -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)
                : JdbcCommentStore.nextSeq(conn, "UPDATE threads SET seq = seq + 1, comment_count = comment_count + "
                        + (row.deleted() ? 0 : 1) + " WHERE thread_key = ? RETURNING id, seq", thread)[1];
        long id;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO comments (thread_id, seq, parent_id, author,"
                + " body, html, created_at, edited_at, deleted, deleted_by, author_id, ip_hash, verified, avatar, pending)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, threadId, seq, parent, row.author(), row.body(), row.html(), row.createdAt().toEpochMilli(),
                    row.editedAt() == null ? null : row.editedAt().toEpochMilli(), row.deleted(), row.deletedBy(),
                    row.authorId(), row.ipHash(), row.verified(), row.avatar(), row.pending());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        Sql.update(conn, "INSERT INTO import_sources (site, format, source_id, comment_id) VALUES (?, ?, ?, ?)",
                site, format, row.sourceId(), id);
        if (row.verified() && !row.deleted()) {
            // Reserved under a scope of its own ("import"), with the author id, so an erasure of the
            // author removes it like any signed-in author's reservation.
            Sql.update(conn, "INSERT INTO verified_names (name_key, site, sso_user, author_id) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name_key, site) DO NOTHING", JdbcCommentStore.nameKey(row.author()), IMPORT_SCOPE,
                    row.authorId(), row.authorId());
        }
        if (row.pending()) {
            return Optional.empty();
        }
        JdbcCommentStore.recordEvent(conn, threadId, seq, EventType.COMMENT, id, now);
        Comment comment = new Comment(id, thread, seq, parent, row.author(), row.body(), row.html(), row.createdAt(),
                row.editedAt(), row.deleted(), row.verified(), row.avatar(), false, rows.authorKey(row.authorId()));
        return Optional.of(new ThreadEvent(thread, seq, EventType.COMMENT, comment.visible()));
    }

    private static Optional<Long> commentOf(Connection conn, String site, String format, String sourceId)
            throws SQLException {
        return Sql.one(conn, "SELECT comment_id FROM import_sources WHERE site = ? AND format = ? AND source_id = ?",
                rs -> rs.getLong(1), site, format, sourceId);
    }

    /** Replies may answer a comment of the same thread that readers can see in it (not a pending one). */
    private static boolean isVisibleIn(Connection conn, long commentId, long threadId) throws SQLException {
        return Sql.exists(conn, "SELECT 1 FROM comments WHERE id = ? AND thread_id = ? AND pending = ?",
                commentId, threadId, false);
    }

    @Override
    public void lock(String thread, Instant now) {
        db.write(conn -> {
            JdbcCommentStore.ensureThread(conn, thread, now.toEpochMilli());
            return Sql.update(conn, "UPDATE threads SET locked = ? WHERE thread_key = ?", true, thread);
        });
    }

    @Override
    public List<ExportedThread> threadsAfter(long afterId, int limit) {
        return db.read(conn -> Sql.list(conn, "SELECT id, thread_key, seq, comment_count, locked, created_at"
                + " FROM threads WHERE id > ? ORDER BY id LIMIT ?", rs -> new ExportedThread(rs.getLong(1),
                rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6))),
                afterId, limit));
    }

    @Override
    public List<StoredComment> commentsAfter(long afterId, int limit) {
        return db.read(conn -> Sql.list(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS
                + " WHERE c.id > ? ORDER BY c.id LIMIT ?", rows::stored, afterId, limit));
    }
}
