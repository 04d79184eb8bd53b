package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;

import dev.parley.comment.StoredComment;
import dev.parley.notify.MailStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link MailStore} over JDBC: mail_subscriptions, mail_outbox and mail_addresses (V8). */
public final class JdbcMailStore implements MailStore {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Database db;
    private final CommentRows rows;
    private final Limits limits;

    public JdbcMailStore(Database db, Limits limits, UnaryOperator<String> authorKey) {
        this.rows = new CommentRows(authorKey);
        this.db = db;
        this.limits = limits;
    }

    @Override
    public Queued subscribe(long commentId, String authorId, String address, Instant now) {
        return db.write(conn -> {
            if (!Sql.exists(conn, "SELECT 1 FROM comments WHERE id = ? AND author_id = ?", commentId, authorId)) {
                return Queued.ALREADY;
            }
            boolean confirmedBefore = Sql.exists(conn, "SELECT 1 FROM mail_subscriptions WHERE author_id = ?"
                    + " AND address = ? AND confirmed_at IS NOT NULL LIMIT 1", authorId, address);
            int added = Sql.update(conn, "INSERT INTO mail_subscriptions (comment_id, author_id, address, confirmed_at,"
                    + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (comment_id) DO NOTHING",
                    commentId, authorId, address, confirmedBefore ? now.toEpochMilli() : null, now.toEpochMilli());
            if (added == 0 || confirmedBefore) {
                return Queued.ALREADY;
            }
            return queue(conn, Kind.CONFIRM, address, commentId, authorId, now);
        });
    }

    @Override
    public List<Queued> noticeModerators(long commentId, List<String> addresses, Instant now) {
        return db.write(conn -> {
            List<Queued> outcomes = new java.util.ArrayList<>();
            for (String address : addresses) {
                outcomes.add(queue(conn, Kind.MODERATOR, address, commentId, null, now));
            }
            return outcomes;
        });
    }

    @Override
    public Queued noticeReply(StoredComment reply, Instant now) {
        Long parent = reply.comment().parent();
        if (parent == null) {
            return Queued.ALREADY;
        }
        return db.write(conn -> {
            Optional<String[]> subscriber = Sql.one(conn, "SELECT author_id, address FROM mail_subscriptions"
                    + " WHERE comment_id = ? AND confirmed_at <= ?", rs -> new String[] {rs.getString(1), rs.getString(2)},
                    parent, reply.comment().createdAt().toEpochMilli());
            if (subscriber.isEmpty() || subscriber.get()[0].equals(reply.authorId())) {
                return Queued.ALREADY;
            }
            return queue(conn, Kind.REPLY, subscriber.get()[1], reply.comment().id(), subscriber.get()[0], now);
        });
    }

    /**
     * The one way into the outbox, with every bound checked in the mail's own transaction: the
     * outbox and the address's share of it, then the address's mails this hour and its last
     * confirmation (each an atomic conditional update, so concurrent writers cannot both pass).
     */
    private Queued queue(Connection conn, Kind kind, String address, long commentId, String authorId, Instant now)
            throws SQLException {
        long at = now.toEpochMilli();
        if (Sql.exists(conn, "SELECT 1 FROM mail_outbox WHERE kind = ? AND comment_id = ? AND address = ?",
                kind.wire(), commentId, address)) {
            return Queued.ALREADY;
        }
        if (count(conn, "SELECT COUNT(*) FROM mail_outbox") >= limits.maxPending()) {
            return Queued.OUTBOX_FULL;
        }
        if (count(conn, "SELECT COUNT(*) FROM mail_outbox WHERE address = ?", address) >= limits.maxPendingPerAddress()) {
            return Queued.ADDRESS_FULL;
        }
        Sql.update(conn, "INSERT INTO mail_addresses (address, window_start, in_window, confirm_sent_at)"
                + " VALUES (?, ?, 0, 0) ON CONFLICT (address) DO NOTHING", address, at);
        if (kind == Kind.CONFIRM && Sql.update(conn, "UPDATE mail_addresses SET confirm_sent_at = ? WHERE address = ?"
                + " AND confirm_sent_at <= ?", at, address, at - limits.confirmEvery().toMillis()) == 0) {
            return Queued.CONFIRM_RATE;
        }
        if (kind != Kind.MODERATOR) {
            Sql.update(conn, "UPDATE mail_addresses SET window_start = ?, in_window = 0 WHERE address = ?"
                    + " AND window_start <= ?", at, address, at - HOUR.toMillis());
            if (Sql.update(conn, "UPDATE mail_addresses SET in_window = in_window + 1 WHERE address = ?"
                    + " AND in_window < ?", address, limits.perAddressPerHour()) == 0) {
                return Queued.ADDRESS_RATE;
            }
        }
        Sql.update(conn, "INSERT INTO mail_outbox (kind, address, comment_id, author_id, created_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, comment_id, address) DO NOTHING",
                kind.wire(), address, commentId, authorId, at, at);
        return Queued.QUEUED;
    }

    private static long count(Connection conn, String sql, Object... args) throws SQLException {
        return Sql.one(conn, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    @Override
    public boolean confirm(String authorId, String address, Instant now) {
        return db.write(conn -> {
            Sql.update(conn, "UPDATE mail_subscriptions SET confirmed_at = ? WHERE author_id = ? AND address = ?"
                    + " AND confirmed_at IS NULL", now.toEpochMilli(), authorId, address);
            return Sql.exists(conn, "SELECT 1 FROM mail_subscriptions WHERE author_id = ? AND address = ?",
                    authorId, address);
        });
    }

    @Override
    public List<String> addresses(String authorId) {
        return db.read(conn -> Sql.list(conn, "SELECT DISTINCT address FROM mail_subscriptions WHERE author_id = ?",
                rs -> rs.getString(1), authorId));
    }

    @Override
    public int unsubscribe(String authorId, String address) {
        return db.write(conn -> {
            Sql.update(conn, "DELETE FROM mail_outbox WHERE author_id = ? AND address = ?", authorId, address);
            return Sql.update(conn, "DELETE FROM mail_subscriptions WHERE author_id = ? AND address = ?",
                    authorId, address);
        });
    }

    @Override
    public List<Long> due(Instant now, int limit) {
        return db.read(conn -> Sql.list(conn, "SELECT id FROM mail_outbox WHERE due_at <= ? AND claimed_until < ?"
                + " ORDER BY id LIMIT ?", rs -> rs.getLong(1), now.toEpochMilli(), now.toEpochMilli(), limit));
    }

    @Override
    public Optional<Letter> claim(long id, String claimant, Instant now, Instant until) {
        return db.write(conn -> {
            if (Sql.update(conn, "UPDATE mail_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?"
                    + " AND claimed_until < ? AND due_at <= ?", claimant, until.toEpochMilli(), id, now.toEpochMilli(),
                    now.toEpochMilli()) == 0) {
                return Optional.empty();
            }
            return Sql.one(conn, "SELECT " + COMMENT_COLUMNS + ", o.kind AS mail_kind, o.address AS mail_address,"
                    + " o.author_id AS mail_author, o.attempts AS mail_attempts, o.created_at AS mail_at,"
                    + " p.url AS page_url FROM mail_outbox o JOIN comments c ON c.id = o.comment_id"
                    + " JOIN threads t ON t.id = c.thread_id LEFT JOIN thread_pages p ON p.thread_id = t.id"
                    + " WHERE o.id = ?", rs -> new Letter(id, Kind.valueOf(rs.getString("mail_kind").toUpperCase()),
                    rs.getString("mail_address"), rs.getString("mail_author"), rs.getInt("mail_attempts"),
                    Instant.ofEpochMilli(rs.getLong("mail_at")), rows.stored(rs), rs.getString("page_url")), id);
        });
    }

    @Override
    public void done(long id) {
        db.write(conn -> Sql.update(conn, "DELETE FROM mail_outbox WHERE id = ?", id));
    }

    @Override
    public void failed(long id, int attempts, Instant due) {
        db.write(conn -> Sql.update(conn, "UPDATE mail_outbox SET attempts = ?, due_at = ?, claimed_by = NULL,"
                + " claimed_until = 0 WHERE id = ?", attempts, due.toEpochMilli(), id));
    }

    @Override
    public void abandon(String claimant) {
        db.write(conn -> Sql.update(conn, "UPDATE mail_outbox SET claimed_by = NULL, claimed_until = 0"
                + " WHERE claimed_by = ?", claimant));
    }

    @Override
    public int forget(Instant before, Instant tooOld) {
        return db.write(conn -> Sql.update(conn, "DELETE FROM mail_outbox WHERE created_at < ?", tooOld.toEpochMilli())
                + Sql.update(conn, "DELETE FROM mail_addresses WHERE window_start < ? AND confirm_sent_at < ?"
                + " AND address NOT IN (SELECT address FROM mail_outbox)", before.toEpochMilli(), before.toEpochMilli()));
    }
}
