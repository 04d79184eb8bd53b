package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.moderation.AuditEntry;
import dev.parley.moderation.Ban;
import dev.parley.moderation.ModerationStore;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ModerationStore} over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcModerationStore implements ModerationStore {
    private final Database db;
    private final Settings settings;

    public JdbcModerationStore(Database db, JdbcCommentStore comments) {
        this.db = db;
        this.settings = comments.settingsRow();
    }

    @Override
    public List<StoredComment> newest(int limit, Long beforeId, String status) {
        String filter = switch (status) {
            case "pending" -> " AND c.pending = ?";
            case "deleted" -> " AND c.deleted = ?";
            default -> " AND ? = ?";
        };
        List<Object> args = new ArrayList<>(List.of(beforeId == null ? Long.MAX_VALUE : beforeId, true));
        if (status.equals("all")) {
            args.add(true);
        }
        args.add(limit);
        return db.read(conn -> Sql.list(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + " WHERE c.id < ?"
                + filter + " ORDER BY c.id DESC LIMIT ?", Sql::stored, args.toArray()));
    }

    @Override
    public Optional<ThreadEvent> approve(long id, Instant now) {
        return db.write(conn -> {
            Optional<StoredComment> current = JdbcCommentStore.stored(conn, id);
            if (current.isEmpty() || !current.get().comment().pending()) {
                return Optional.empty();
            }
            long[] next = JdbcCommentStore.nextSeq(conn, "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count + 1 WHERE thread_key = ? RETURNING id, seq",
                    current.get().comment().thread());
            Sql.update(conn, "UPDATE comments SET pending = ?, seq = ? WHERE id = ?", false, next[1], id);
            JdbcCommentStore.recordEvent(conn, next[0], next[1], EventType.COMMENT, id, now.toEpochMilli());
            StoredComment approved = JdbcCommentStore.stored(conn, id).orElseThrow();
            return Optional.of(new ThreadEvent(approved.comment().thread(), next[1], EventType.COMMENT,
                    approved.comment().visible()));
        });
    }

    @Override
    public Optional<ThreadEvent> restore(long id, Instant now) {
        return db.write(conn -> {
            Optional<StoredComment> current = JdbcCommentStore.stored(conn, id);
            if (current.isEmpty() || !"moderator".equals(current.get().deletedBy())) {
                return Optional.empty();
            }
            Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = NULL WHERE id = ?", false, id);
            return Optional.of(JdbcCommentStore.change(conn, current.get().comment(), "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count + 1 WHERE thread_key = ? RETURNING id, seq", now));
        });
    }

    @Override
    public List<ThreadEvent> eraseAuthor(String authorId, Instant now) {
        return db.write(conn -> {
            PersonalMail.erase(conn, authorId);
            List<ThreadEvent> events = new ArrayList<>();
            for (StoredComment c : byAuthor(conn, authorId)) {
                boolean wasVisible = !c.comment().deleted();
                Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = 'author', author = '', body = '',"
                        + " html = '', avatar = NULL, ip_hash = NULL WHERE id = ?", true, c.comment().id());
                if (c.comment().pending()) {
                    continue;
                }
                String seqSql = wasVisible
                        ? "UPDATE threads SET seq = seq + 1, comment_count = comment_count - 1 WHERE thread_key = ? RETURNING id, seq"
                        : "UPDATE threads SET seq = seq + 1 WHERE thread_key = ? RETURNING id, seq";
                events.add(JdbcCommentStore.change(conn, c.comment(), seqSql, now));
            }
            return events;
        });
    }

    @Override
    public List<StoredComment> byAuthor(String authorId) {
        return db.read(conn -> byAuthor(conn, authorId));
    }

    @Override
    public List<dev.parley.moderation.MailSubscription> mailSubscriptions(String authorId) {
        return db.read(conn -> PersonalMail.export(conn, authorId));
    }

    private static List<StoredComment> byAuthor(Connection conn, String authorId) throws SQLException {
        return Sql.list(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + " WHERE c.author_id = ? ORDER BY c.id",
                Sql::stored, authorId);
    }

    @Override
    public Ban ban(String authorId, String ipHash, Instant until, String reason, Instant now) {
        return db.write(conn -> Sql.one(conn, "INSERT INTO bans (author_id, ip_hash, until_at, reason, created_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id", rs -> new Ban(rs.getLong(1), authorId, ipHash, until, reason),
                authorId, ipHash, until.toEpochMilli(), reason, now.toEpochMilli()).orElseThrow());
    }

    @Override
    public List<Ban> activeBans(Instant now) {
        return db.read(conn -> Sql.list(conn, "SELECT id, author_id, ip_hash, until_at, reason FROM bans"
                + " WHERE until_at > ? ORDER BY id DESC", rs -> new Ban(rs.getLong(1), rs.getString(2),
                rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)), now.toEpochMilli()));
    }

    @Override
    public boolean unban(long id) {
        return db.write(conn -> Sql.update(conn, "DELETE FROM bans WHERE id = ?", id) > 0);
    }

    @Override
    public void lock(String thread, boolean locked, Instant now) {
        db.write(conn -> {
            Sql.update(conn, "INSERT INTO threads (thread_key, seq, comment_count, created_at) VALUES (?, 0, 0, ?)"
                    + " ON CONFLICT (thread_key) DO NOTHING", thread, now.toEpochMilli());
            return Sql.update(conn, "UPDATE threads SET locked = ? WHERE thread_key = ?", locked, thread);
        });
    }

    @Override
    public ModerationSettings settings() {
        return settings.load();
    }

    @Override
    public void saveSettings(ModerationSettings value) {
        db.write(conn -> {
            settings.save(conn, value);
            return null;
        });
    }

    @Override
    public void audit(AuditEntry e) {
        db.write(conn -> Sql.update(conn, "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                e.at().toEpochMilli(), e.actor(), e.action(), e.target(), e.detail()));
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return db.read(conn -> Sql.list(conn, "SELECT at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?",
                rs -> new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), limit));
    }

    @Override
    public int forgetAddressHashes(Instant before) {
        return db.write(conn -> Sql.update(conn, "UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL"
                + " AND created_at < ?", before.toEpochMilli()));
    }
}
