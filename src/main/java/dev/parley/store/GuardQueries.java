package dev.parley.store;

import dev.parley.comment.CommentStore.ChangeChecks;
import dev.parley.comment.CommentStore.PostChecks;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import dev.parley.protocol.ThreadKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The queries behind the checks a post or a change passes (comment/Guard): each a single
 * statement, so every answer comes from one snapshot and costs one round trip.
 */
final class GuardQueries {
    /** A ban on every site (site NULL: the server's admin's) or on this one (a site moderator's). */
    private static final String OF_SITE = " AND (site IS NULL OR site = ?)";
    /**
     * Active bans of an author or an address on a site, as a subquery of a check: parameters
     * now (epoch ms), author id, address hash, site.
     */
    static final String BANS = "(SELECT COUNT(*) FROM bans WHERE until_at > ? AND (author_id = ? OR ip_hash = ?)" + OF_SITE + ")";

    private GuardQueries() {
    }

    static PostChecks postChecks(Connection conn, NewComment c, Poster poster, Instant now, Instant duplicateSince)
            throws SQLException {
        String sql = "SELECT"
                + " (SELECT COUNT(*) FROM threads WHERE thread_key = ? AND locked = ?),"
                + " " + BANS + ","
                + " (SELECT COUNT(*) FROM verified_names WHERE name_key = ?),"
                + recentSame("author_id") + " + " + recentSame("ip_hash");
        return Sql.one(conn, sql, rs -> new PostChecks(rs.getLong(1) > 0, rs.getLong(2) > 0,
                        rs.getLong(3) > 0, rs.getLong(4) > 0),
                c.thread(), true, now.toEpochMilli(), poster.authorId(), poster.ipHash(), ThreadKey.site(c.thread()),
                JdbcCommentStore.nameKey(c.author()), poster.authorId(), duplicateSince.toEpochMilli(), c.body(),
                c.thread(), poster.ipHash(), duplicateSince.toEpochMilli(), c.body(), c.thread()).orElseThrow();
    }

    /**
     * Among the last 20 comments by one author (or address), whether one has this body in this
     * thread and is recent. Bounded on purpose: a busy thread or a shared address can have
     * thousands of recent comments, and a post must not scan them (indexes (author_id, id) and
     * (ip_hash, id) make this 20 index steps).
     */
    private static String recentSame(String column) {
        return "(SELECT COUNT(*) FROM (SELECT r.body, r.created_at, r.thread_id FROM comments r WHERE r." + column
                + " = ? ORDER BY r.id DESC LIMIT 20) last WHERE last.created_at >= ? AND last.body = ?"
                + " AND last.thread_id = (SELECT id FROM threads WHERE thread_key = ?))";
    }

    static ChangeChecks changeChecks(Connection conn, String thread, String authorId, String ipHash, Instant now)
            throws SQLException {
        return Sql.one(conn, "SELECT"
                + " (SELECT COUNT(*) FROM threads WHERE thread_key = ? AND locked = ?),"
                + " " + BANS,
                rs -> new ChangeChecks(rs.getLong(1) > 0, rs.getLong(2) > 0),
                thread, true, now.toEpochMilli(), authorId, ipHash, ThreadKey.site(thread)).orElseThrow();
    }

    static boolean banned(Connection conn, String authorId, String ipHash, String site, Instant now) throws SQLException {
        return Sql.exists(conn, "SELECT 1 FROM bans WHERE until_at > ?"
                + " AND (author_id = ? OR ip_hash = ?)" + OF_SITE + " LIMIT 1", now.toEpochMilli(), authorId, ipHash, site);
    }
}
