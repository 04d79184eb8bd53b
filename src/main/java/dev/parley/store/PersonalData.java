package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.StoredComment;
import dev.parley.comment.AuditEntry;
import dev.parley.moderation.Ban;
import dev.parley.moderation.ModerationStore.AuthorData;
import dev.parley.moderation.ModerationStore.CastVote;
import dev.parley.protocol.Score;
import dev.parley.moderation.ModerationStore.Erasure;
import dev.parley.moderation.ModerationStore.NameReservation;
import dev.parley.protocol.ThreadEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where personal data lives, for export, erasure and the address retention. What identifies a
 * person: an author id (comments, name reservations, bans, votes), an address hash (comments, bans,
 * audit targets, votes), a signed-in user (name reservations), and what they wrote or were told
 * (comment name, text, avatar, earlier texts; ban reasons; audit entries about them). A table or column added with such data must
 * be added here too (ErasureTest reads the schema and fails until it is).
 */
final class PersonalData {
    /** The address hashes an author's comments came from, as a subquery with one parameter: the author id. */
    private static final String HASHES_OF = "(SELECT ip_hash FROM comments WHERE author_id = ? AND ip_hash IS NOT NULL)";
    /** Audit targets naming those addresses, likewise. */
    private static final String ADDRESS_TARGETS_OF = "(SELECT '" + AuditEntry.ADDRESS + "' || ip_hash FROM comments"
            + " WHERE author_id = ? AND ip_hash IS NOT NULL)";

    private PersonalData() {
    }

    static AuthorData export(Connection conn, CommentRows rows, String authorId) throws SQLException {
        return new AuthorData(comments(conn, rows, authorId),
                Sql.list(conn, "SELECT site, name_key, sso_user FROM verified_names WHERE author_id = ? ORDER BY name_key",
                        rs -> new NameReservation(rs.getString(1), rs.getString(2), rs.getString(3)), authorId),
                Sql.list(conn, "SELECT id, author_id, ip_hash, until_at, reason, site FROM bans WHERE author_id = ?"
                        + " OR ip_hash IN " + HASHES_OF + " ORDER BY id", PersonalData::ban, authorId, authorId),
                Sql.list(conn, "SELECT at, actor, action, target, detail, site FROM audit WHERE target = ?"
                        + " OR target IN " + ADDRESS_TARGETS_OF + " ORDER BY id", PersonalData::audit,
                        AuditEntry.AUTHOR + authorId, authorId),
                PersonalMail.export(conn, authorId),
                Sql.list(conn, "SELECT comment_id, value, ip_hash, created_at FROM votes WHERE voter_id = ? ORDER BY created_at",
                        rs -> new CastVote(rs.getLong(1), rs.getInt(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
                        authorId),
                Versions.ofAuthor(conn, authorId));
    }

    /**
     * Everything but the comments goes first: it finds the author's addresses through their
     * comments, which lose them last, each taking the thread's next seq like any change.
     */
    static Erasure erase(Connection conn, CommentRows rows, String authorId, Instant now) throws SQLException {
        PersonalMail.erase(conn, authorId);
        List<String> hashes = Sql.list(conn, "SELECT DISTINCT ip_hash FROM comments WHERE author_id = ?"
                + " AND ip_hash IS NOT NULL", rs -> rs.getString(1), authorId);
        Sql.update(conn, "UPDATE audit SET target = ?, detail = '' WHERE target = ? OR target IN " + ADDRESS_TARGETS_OF,
                AuditEntry.ERASED, AuditEntry.AUTHOR + authorId, authorId);
        // An active ban keeps its author id or hash (it still keeps them out), not its reason.
        Sql.update(conn, "DELETE FROM bans WHERE until_at <= ? AND (author_id = ? OR ip_hash IN " + HASHES_OF + ")",
                now.toEpochMilli(), authorId, authorId);
        Sql.update(conn, "UPDATE bans SET reason = '' WHERE author_id = ? OR ip_hash IN " + HASHES_OF, authorId, authorId);
        Sql.update(conn, "DELETE FROM verified_names WHERE author_id = ?", authorId);
        List<Score> scores = VoteRows.clear(conn, "voter_id", authorId, null);
        for (String hash : hashes) {
            Sql.update(conn, "UPDATE votes SET ip_hash = NULL WHERE ip_hash = ?", hash);
        }
        List<ThreadEvent> events = new ArrayList<>();
        for (StoredComment c : comments(conn, rows, authorId)) {
            boolean wasVisible = !c.comment().deleted();
            Versions.remove(conn, c.comment().id());
            Sql.update(conn, "UPDATE comments SET deleted = ?, deleted_by = 'author', author = '', body = '', html = '',"
                    + " avatar = NULL, ip_hash = NULL, author_id = NULL WHERE id = ?", true, c.comment().id());
            if (c.comment().pending()) {
                continue;
            }
            String seqSql = wasVisible
                    ? "UPDATE threads SET seq = seq + 1, comment_count = comment_count - 1 WHERE thread_key = ? RETURNING id, seq"
                    : "UPDATE threads SET seq = seq + 1 WHERE thread_key = ? RETURNING id, seq";
            events.add(rows.change(conn, c.comment(), seqSql, now));
        }
        return new Erasure(events, hashes, scores);
    }

    /** See {@link dev.parley.moderation.ModerationStore#forgetAddressHashes}. */
    static int forgetAddressHashes(Connection conn, Instant before, Instant now) throws SQLException {
        long cutoff = before.toEpochMilli();
        return Sql.update(conn, "UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < ?", cutoff)
                + Sql.update(conn, "UPDATE votes SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < ?", cutoff)
                + Sql.update(conn, "DELETE FROM bans WHERE ip_hash IS NOT NULL AND created_at < ? AND until_at <= ?",
                        cutoff, now.toEpochMilli())
                + Sql.update(conn, "UPDATE audit SET target = ? WHERE target LIKE '" + AuditEntry.ADDRESS + "%' AND at < ?"
                        + " AND target NOT IN (SELECT '" + AuditEntry.ADDRESS + "' || ip_hash FROM bans"
                        + " WHERE ip_hash IS NOT NULL AND until_at > ?)", AuditEntry.FORGOTTEN, cutoff, now.toEpochMilli());
    }

    static List<StoredComment> comments(Connection conn, CommentRows rows, String authorId) throws SQLException {
        return Sql.list(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + " WHERE c.author_id = ? ORDER BY c.id",
                rows::stored, authorId);
    }

    static Ban ban(java.sql.ResultSet rs) throws SQLException {
        return new Ban(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5),
                rs.getString(6));
    }

    static AuditEntry audit(java.sql.ResultSet rs) throws SQLException {
        return new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }
}
