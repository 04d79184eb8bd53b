package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.comment.Version;
import dev.parley.comment.AuditEntry;
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
import java.util.function.Function;

/** {@link ModerationStore} over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcModerationStore implements ModerationStore {
    private final Database db;
    private final Settings settings;
    private final CommentRows rows;

    public JdbcModerationStore(Database db, JdbcCommentStore comments) {
        this.db = db;
        this.settings = comments.settingsRow();
        this.rows = comments.rows();
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
                + filter + " ORDER BY c.id DESC LIMIT ?", rows::stored, args.toArray()));
    }

    @Override
    public Optional<ThreadEvent> approve(long id, Instant now, Function<ThreadEvent, AuditEntry> audit) {
        return db.write(conn -> {
            Optional<StoredComment> current = rows.stored(conn, id);
            if (current.isEmpty() || !current.get().comment().pending()) {
                return Optional.empty();
            }
            long[] next = JdbcCommentStore.nextSeq(conn, "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count + 1 WHERE thread_key = ? RETURNING id, seq",
                    current.get().comment().thread());
            Sql.update(conn, "UPDATE comments SET pending = ?, seq = ? WHERE id = ?", false, next[1], id);
            JdbcCommentStore.recordEvent(conn, next[0], next[1], EventType.COMMENT, id, now.toEpochMilli());
            StoredComment approved = rows.stored(conn, id).orElseThrow();
            ThreadEvent event = new ThreadEvent(approved.comment().thread(), next[1], EventType.COMMENT,
                    approved.comment().visible());
            AuditRows.insert(conn, audit.apply(event));
            return Optional.of(event);
        });
    }

    @Override
    public Optional<ThreadEvent> restore(long id, Instant now, Function<ThreadEvent, AuditEntry> audit) {
        return db.write(conn -> {
            Optional<StoredComment> current = rows.stored(conn, id);
            if (current.isEmpty() || !"moderator".equals(current.get().deletedBy())) {
                return Optional.empty();
            }
            Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = NULL WHERE id = ?", false, id);
            ThreadEvent event = rows.change(conn, current.get().comment(), "UPDATE threads SET seq = seq + 1,"
                    + " comment_count = comment_count + 1 WHERE thread_key = ? RETURNING id, seq", now);
            AuditRows.insert(conn, audit.apply(event));
            return Optional.of(event);
        });
    }

    @Override
    public Erasure eraseAuthor(String authorId, Instant now, Function<Erasure, AuditEntry> audit) {
        return db.write(conn -> {
            Erasure erasure = PersonalData.erase(conn, rows, authorId, now);
            AuditRows.insert(conn, audit.apply(erasure));
            return erasure;
        });
    }

    @Override
    public AuthorData authorData(String authorId, AuditEntry audit) {
        // A write: the export and its audit entry are one transaction (the entry is in the export).
        return db.write(conn -> {
            AuditRows.insert(conn, audit);
            return PersonalData.export(conn, rows, authorId);
        });
    }

    @Override
    public Ban ban(String authorId, String ipHash, Instant until, String reason, Instant now, AuditEntry audit) {
        return db.write(conn -> {
            Ban ban = Sql.one(conn, "INSERT INTO bans (author_id, ip_hash, until_at, reason, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id", rs -> new Ban(rs.getLong(1), authorId, ipHash, until, reason),
                    authorId, ipHash, until.toEpochMilli(), reason, now.toEpochMilli()).orElseThrow();
            AuditRows.insert(conn, audit);
            return ban;
        });
    }

    @Override
    public List<Ban> activeBans(Instant now) {
        return db.read(conn -> Sql.list(conn, "SELECT id, author_id, ip_hash, until_at, reason FROM bans"
                + " WHERE until_at > ? ORDER BY id DESC", PersonalData::ban, now.toEpochMilli()));
    }

    @Override
    public boolean unban(long id, AuditEntry audit) {
        return db.write(conn -> {
            boolean removed = Sql.update(conn, "DELETE FROM bans WHERE id = ?", id) > 0;
            if (removed) {
                AuditRows.insert(conn, audit);
            }
            return removed;
        });
    }

    @Override
    public void lock(String thread, boolean locked, Instant now, AuditEntry audit) {
        db.write(conn -> {
            Sql.update(conn, "INSERT INTO threads (thread_key, seq, comment_count, created_at) VALUES (?, 0, 0, ?)"
                    + " ON CONFLICT (thread_key) DO NOTHING", thread, now.toEpochMilli());
            Sql.update(conn, "UPDATE threads SET locked = ? WHERE thread_key = ?", locked, thread);
            AuditRows.insert(conn, audit);
            return null;
        });
    }

    @Override
    public Optional<List<Version>> history(long id) {
        return db.read(conn -> Sql.exists(conn, "SELECT 1 FROM comments WHERE id = ?", id)
                ? Optional.of(Versions.of(conn, id)) : Optional.empty());
    }

    @Override
    public ModerationSettings settings() {
        return settings.load();
    }

    @Override
    public void saveSettings(ModerationSettings value, AuditEntry audit) {
        db.write(conn -> {
            settings.save(conn, value);
            AuditRows.insert(conn, audit);
            return null;
        });
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return db.read(conn -> Sql.list(conn, "SELECT at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?",
                PersonalData::audit, limit));
    }

    @Override
    public int forgetAddressHashes(Instant before, Instant now) {
        return db.write(conn -> PersonalData.forgetAddressHashes(conn, before, now));
    }
}
