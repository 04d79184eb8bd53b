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
import dev.parley.protocol.ThreadKey;
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
    public List<StoredComment> newest(Query q) {
        StringBuilder where = new StringBuilder(" WHERE c.id < ?");
        List<Object> args = new ArrayList<>(List.of(q.beforeId() == null ? Long.MAX_VALUE : q.beforeId()));
        switch (q.status()) {
            case "pending" -> {
                where.append(" AND c.pending = ?");
                args.add(true);
            }
            case "deleted" -> {
                where.append(" AND c.deleted = ?");
                args.add(true);
            }
            default -> { }
        }
        if (q.site() != null) {
            // The default site's keys have no separator; another site's start with its name and one.
            where.append(q.site().equals(ThreadKey.DEFAULT_SITE) ? " AND t.thread_key NOT LIKE ?" : " AND t.thread_key LIKE ?");
            args.add(q.site().equals(ThreadKey.DEFAULT_SITE) ? "%" + ThreadKey.SEPARATOR + "%"
                    : q.site() + ThreadKey.SEPARATOR + "%");
        }
        if (q.thread() != null && q.site() != null) {
            where.append(" AND t.thread_key = ?");
            args.add(ThreadKey.of(q.site(), q.thread()));
        } else if (q.thread() != null) { // the same thread on every site: the default's key, or SITE<sep>thread
            where.append(" AND (t.thread_key = ? OR t.thread_key LIKE ? ESCAPE '!')");
            args.add(q.thread());
            args.add("%" + ThreadKey.SEPARATOR + escape(q.thread()));
        }
        // Substring searches read the rows the other conditions leave (bounded by the limit's scan).
        if (q.author() != null) {
            where.append(" AND LOWER(c.author) LIKE ? ESCAPE '!'");
            args.add(contains(q.author()));
        }
        if (q.text() != null) {
            where.append(" AND LOWER(c.body) LIKE ? ESCAPE '!'");
            args.add(contains(q.text()));
        }
        args.add(q.limit());
        return db.read(conn -> Sql.list(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + where
                + " ORDER BY c.id DESC LIMIT ?", rows::stored, args.toArray()));
    }

    /** A LIKE pattern for "contains", with the pattern's own characters escaped. */
    private static String contains(String text) {
        return "%" + escape(text.toLowerCase(java.util.Locale.ROOT)) + "%";
    }

    /** The text as a LIKE pattern matching itself (with ESCAPE '!'). */
    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
    public Ban ban(String authorId, String ipHash, String site, Instant until, String reason, Instant now,
                   AuditEntry audit) {
        return db.write(conn -> {
            Ban ban = Sql.one(conn, "INSERT INTO bans (author_id, ip_hash, until_at, reason, created_at, site)"
                    + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    rs -> new Ban(rs.getLong(1), authorId, ipHash, until, reason, site),
                    authorId, ipHash, until.toEpochMilli(), reason, now.toEpochMilli(), site).orElseThrow();
            AuditRows.insert(conn, audit);
            return ban;
        });
    }

    @Override
    public List<Ban> activeBans(Instant now, String site) {
        String scope = site == null ? "" : " AND site = ?";
        Object[] args = site == null ? new Object[] {now.toEpochMilli()} : new Object[] {now.toEpochMilli(), site};
        return db.read(conn -> Sql.list(conn, "SELECT id, author_id, ip_hash, until_at, reason, site FROM bans"
                + " WHERE until_at > ?" + scope + " ORDER BY id DESC", PersonalData::ban, args));
    }

    @Override
    public boolean unban(long id, String site, AuditEntry audit) {
        return db.write(conn -> {
            boolean removed = (site == null ? Sql.update(conn, "DELETE FROM bans WHERE id = ?", id)
                    : Sql.update(conn, "DELETE FROM bans WHERE id = ? AND site = ?", id, site)) > 0;
            if (removed) {
                AuditRows.insert(conn, audit);
            }
            return removed;
        });
    }

    @Override
    public void lock(String thread, boolean locked, Instant now, AuditEntry audit) {
        db.write(conn -> {
            JdbcCommentStore.ensureThread(conn, thread, now.toEpochMilli());
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
    public void record(AuditEntry entry) {
        db.write(conn -> {
            AuditRows.insert(conn, entry);
            return null;
        });
    }

    @Override
    public ModerationSettings settings(String site) {
        return settings.load(site);
    }

    @Override
    public void saveSettings(String site, ModerationSettings value, AuditEntry audit) {
        db.write(conn -> {
            settings.save(conn, site, value);
            AuditRows.insert(conn, audit);
            return null;
        });
    }

    @Override
    public List<AuditEntry> audit(int limit, String site) {
        String scope = site == null ? "" : " WHERE site = ?";
        Object[] args = site == null ? new Object[] {limit} : new Object[] {site, limit};
        return db.read(conn -> Sql.list(conn, "SELECT at, actor, action, target, detail, site FROM audit" + scope
                + " ORDER BY id DESC LIMIT ?", PersonalData::audit, args));
    }

    @Override
    public Optional<String> threadOf(long id) {
        return db.read(conn -> Sql.one(conn, "SELECT t.thread_key FROM comments c JOIN threads t ON t.id = c.thread_id"
                + " WHERE c.id = ?", rs -> rs.getString(1), id));
    }

    @Override
    public int forgetAddressHashes(Instant before, Instant now) {
        return db.write(conn -> PersonalData.forgetAddressHashes(conn, before, now));
    }
}
