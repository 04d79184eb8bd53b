package dev.parley.store;

import dev.parley.protocol.ThreadKey;
import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.AuditEntry;
import dev.parley.comment.CommentStore.Page;
import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import dev.parley.protocol.Score;
import dev.parley.vote.VoteStore;
import dev.parley.vote.Voter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link VoteStore} over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcVoteStore implements VoteStore {
    private final Database db;
    private final CommentRows rows;

    public JdbcVoteStore(Database db, JdbcCommentStore comments) {
        this.db = db;
        this.rows = comments.rows();
    }

    @Override
    public Cast cast(long commentId, Voter voter, int value, Instant now, Instant trustedBefore, Rules rules) {
        return db.write(conn -> {
            Optional<StoredComment> stored = rows.stored(conn, commentId).filter(s -> !s.comment().pending()
                    && ThreadKey.site(s.comment().thread()).equals(voter.site()));
            if (stored.isEmpty()) {
                rules.check(new Facts(Optional.empty(), null, false, false, false, 0));
                throw new IllegalStateException("the rules let a vote on a missing comment through");
            }
            // The thread row first: its lock orders this thread's votes (PostgreSQL), so the
            // address rule below reads what every earlier vote wrote.
            long[] thread = JdbcCommentStore.nextSeq(conn, "UPDATE threads SET score_seq = score_seq + 1"
                    + " WHERE thread_key = ? RETURNING id, score_seq", stored.get().comment().thread());
            Facts facts = facts(conn, stored.get(), voter, now, trustedBefore);
            rules.check(facts);
            if (facts.previous() == value) {
                return new Cast(VoteRows.score(conn, stored.get().comment().thread(), commentId)
                        .orElse(new Score(stored.get().comment().thread(), commentId, 0, 0, 0)), false);
            }
            if (value == 0) {
                Sql.update(conn, "DELETE FROM votes WHERE comment_id = ? AND voter_id = ?", commentId, voter.authorId());
            } else if (facts.previous() == 0) {
                Sql.update(conn, "INSERT INTO votes (comment_id, voter_id, value, ip_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                        commentId, voter.authorId(), value, voter.ipHash(), now.toEpochMilli());
            } else {
                Sql.update(conn, "UPDATE votes SET value = ?, ip_hash = ?, created_at = ? WHERE comment_id = ? AND voter_id = ?",
                        value, voter.ipHash(), now.toEpochMilli(), commentId, voter.authorId());
            }
            VoteRows.add(conn, thread[0], commentId, up(value) - up(facts.previous()),
                    down(value) - down(facts.previous()), thread[1]);
            return new Cast(VoteRows.score(conn, stored.get().comment().thread(), commentId).orElseThrow(), true);
        });
    }

    private static int up(int value) {
        return value > 0 ? 1 : 0;
    }

    private static int down(int value) {
        return value < 0 ? 1 : 0;
    }

    /** Everything the rules judge, in one statement (see {@link Facts}). */
    private static Facts facts(Connection conn, StoredComment c, Voter voter, Instant now, Instant trustedBefore)
            throws SQLException {
        long commentId = c.comment().id();
        return Sql.one(conn, "SELECT"
                + " " + GuardQueries.BANS + ","
                + " (SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author_id = ? AND created_at < ? LIMIT 1) a)"
                + " + (SELECT COUNT(*) FROM (SELECT 1 FROM votes WHERE voter_id = ? AND created_at < ? LIMIT 1) b),"
                + " (SELECT COUNT(*) FROM (SELECT 1 FROM votes WHERE comment_id = ? AND ip_hash = ? AND voter_id <> ?"
                + " LIMIT 1) c),"
                + " COALESCE((SELECT value FROM votes WHERE comment_id = ? AND voter_id = ?), 0)",
                rs -> new Facts(Optional.of(c.comment()), c.authorId(), rs.getLong(1) > 0, rs.getLong(2) > 0,
                        rs.getLong(3) > 0, rs.getInt(4)),
                now.toEpochMilli(), voter.authorId(), voter.ipHash(), voter.site(),
                voter.authorId(), trustedBefore.toEpochMilli(), voter.authorId(), trustedBefore.toEpochMilli(),
                commentId, voter.ipHash(), voter.authorId(), commentId, voter.authorId()).orElseThrow();
    }

    @Override
    public List<Score> clear(String voterId, String ipHash, String site, Optional<AuditEntry> audit) {
        return db.write(conn -> {
            List<Score> changed = VoteRows.clear(conn, voterId != null ? "voter_id" : "ip_hash",
                    voterId != null ? voterId : ipHash, site);
            if (audit.isPresent()) {
                AuditRows.insert(conn, audit.get());
            }
            return changed;
        });
    }

    @Override
    public Page<Score> scores(String thread, long after, int limit) {
        String sql = "SELECT t.score_seq AS thread_seq, s.comment_id AS id, s.up, s.down, s.version"
                + " FROM threads t LEFT JOIN scores s ON s.thread_id = t.id AND s.version > ?"
                + " WHERE t.thread_key = ? ORDER BY s.version LIMIT ?";
        return db.read(conn -> ThreadRows.page(conn, sql, rs -> VoteRows.score(thread, rs), after, thread, limit));
    }

    @Override
    public Top top(String thread, int offset, int limit, int maxReplies) {
        return db.read(conn -> TopRows.read(conn, rows, thread, offset, limit, maxReplies));
    }

    /** The comment rows of these ids, by seq. */
    static String commentsByIds(int n) {
        return "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + " WHERE c.id IN ("
                + String.join(", ", java.util.Collections.nCopies(n, "?")) + ") ORDER BY c.seq";
    }
}
