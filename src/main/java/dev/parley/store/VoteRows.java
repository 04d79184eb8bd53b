package dev.parley.store;

import dev.parley.protocol.ThreadKey;
import dev.parley.protocol.Score;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vote and score rows, shared by the vote store and the personal-data queries (erasure). A comment's
 * {@code scores} row holds its counts and the thread's score version of their last change; every
 * change of counts takes a new version, so versions are unique within a thread and a catch-up read
 * paged by version misses nothing.
 */
final class VoteRows {
    private VoteRows() {
    }

    /** Adds to a comment's counts (the deltas may be negative once the row exists) at this version. */
    static void add(Connection conn, long threadId, long commentId, int up, int down, long version) throws SQLException {
        Sql.update(conn, "INSERT INTO scores (comment_id, thread_id, up, down, version) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (comment_id) DO UPDATE SET up = scores.up + excluded.up,"
                + " down = scores.down + excluded.down, version = excluded.version",
                commentId, threadId, up, down, version);
    }

    static Optional<Score> score(Connection conn, String thread, long commentId) throws SQLException {
        return Sql.one(conn, "SELECT comment_id AS id, up, down, version FROM scores WHERE comment_id = ?",
                rs -> score(thread, rs), commentId);
    }

    /** A score row selected as {@code id, up, down, version}. */
    static Score score(String thread, ResultSet rs) throws SQLException {
        return new Score(thread, rs.getLong("id"), rs.getLong("up"), rs.getLong("down"), rs.getLong("version"));
    }

    /**
     * Removes every vote whose {@code column} (voter_id or ip_hash) is {@code value} and takes each
     * out of its comment's counts, each changed comment at a new version of its thread. Returns the
     * changed counts.
     */
    /** Removes the votes of one voter or address: on {@code site}'s comments, or on every site's (null). */
    static List<Score> clear(Connection conn, String column, String value, String site) throws SQLException {
        record Removed(long commentId, long threadId, String thread, int value) {
        }
        List<Removed> removed = Sql.list(conn, "SELECT v.comment_id, c.thread_id, t.thread_key, v.value FROM votes v"
                + " JOIN comments c ON c.id = v.comment_id JOIN threads t ON t.id = c.thread_id WHERE v." + column + " = ?"
                + " ORDER BY v.comment_id", rs -> new Removed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)),
                value).stream().filter(r -> site == null || ThreadKey.site(r.thread()).equals(site)).toList();
        for (Removed r : removed) {
            Sql.update(conn, "DELETE FROM votes WHERE comment_id = ? AND " + column + " = ?", r.commentId(), value);
        }
        // One address may have cast several votes on one comment: each comment changes once.
        Map<Long, int[]> deltas = new LinkedHashMap<>();
        Map<Long, Removed> comments = new LinkedHashMap<>();
        for (Removed r : removed) {
            int[] d = deltas.computeIfAbsent(r.commentId(), id -> new int[2]);
            d[r.value() > 0 ? 0 : 1]--;
            comments.putIfAbsent(r.commentId(), r);
        }
        List<Score> changed = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : deltas.entrySet()) {
            Removed r = comments.get(e.getKey());
            long version = Sql.one(conn, "UPDATE threads SET score_seq = score_seq + 1 WHERE id = ? RETURNING score_seq",
                    rs -> rs.getLong(1), r.threadId()).orElseThrow();
            add(conn, r.threadId(), r.commentId(), e.getValue()[0], e.getValue()[1], version);
            changed.add(score(conn, r.thread(), r.commentId()).orElseThrow());
        }
        return changed;
    }
}
