package dev.parley.store;

import dev.parley.protocol.Comment;
import dev.parley.protocol.Score;
import dev.parley.vote.VoteStore.Top;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Top" order of a thread: its top-level comments by score, each followed by its replies. The
 * server orders, not the reader: a long thread is read a page of top-level comments at a time, and
 * only the server knows which of them score highest. Sorting is one indexed pass over the thread's
 * top-level comments (scores joined by primary key); replies come from one recursive query over
 * {@code comments_parent}.
 */
final class TopRows {
    private TopRows() {
    }

    static Top read(Connection conn, CommentRows rows, String thread, int offset, int limit, int maxReplies)
            throws SQLException {
        long[] seqs = Sql.one(conn, "SELECT seq, score_seq, id FROM threads WHERE thread_key = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, thread).orElse(null);
        if (seqs == null) {
            return new Top(0, 0, List.of(), List.of(), false, false);
        }
        List<Long> roots = Sql.list(conn, "SELECT c.id FROM comments c LEFT JOIN scores s ON s.comment_id = c.id"
                + " WHERE c.thread_id = ? AND c.parent_id IS NULL AND c.pending = ?"
                + " ORDER BY COALESCE(s.up, 0) - COALESCE(s.down, 0) DESC, c.id LIMIT ? OFFSET ?",
                rs -> rs.getLong(1), seqs[2], false, limit + 1, offset);
        boolean more = roots.size() > limit;
        roots = roots.subList(0, Math.min(limit, roots.size()));
        if (roots.isEmpty()) {
            return new Top(seqs[0], seqs[1], List.of(), List.of(), more, false);
        }
        String in = String.join(", ", Collections.nCopies(roots.size(), "?"));
        List<Object> args = new ArrayList<>(roots);
        args.addAll(List.of(false, false, maxReplies + 1)); // pending = false in both parts, the limit
        // Each reply with the top-level comment it hangs under, oldest first.
        Map<Long, Long> rootOf = new HashMap<>();
        List<Long> replies = Sql.list(conn, "WITH RECURSIVE tree (id, root) AS ("
                + " SELECT id, parent_id FROM comments WHERE parent_id IN (" + in + ") AND pending = ?"
                + " UNION ALL SELECT c.id, tree.root FROM comments c JOIN tree ON c.parent_id = tree.id"
                + " WHERE c.pending = ?) SELECT id, root FROM tree ORDER BY id LIMIT ?", rs -> {
                    rootOf.put(rs.getLong(1), rs.getLong(2));
                    return rs.getLong(1);
                }, args.toArray());
        boolean cut = replies.size() > maxReplies;
        replies = replies.subList(0, Math.min(maxReplies, replies.size()));
        List<Long> ids = new ArrayList<>(roots);
        ids.addAll(replies);
        Map<Long, Comment> byId = new HashMap<>();
        for (Comment c : Sql.list(conn, JdbcVoteStore.commentsByIds(ids.size()), rows::visible, ids.toArray())) {
            byId.put(c.id(), c);
        }
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            rank.put(roots.get(i), i);
        }
        List<Comment> ordered = new ArrayList<>(byId.values());
        ordered.sort(Comparator.<Comment>comparingInt(c -> rank.get(rootOf.getOrDefault(c.id(), c.id())))
                .thenComparing(c -> c.parent() != null).thenComparingLong(Comment::seq));
        List<Score> scores = Sql.list(conn, "SELECT comment_id AS id, up, down, version FROM scores WHERE comment_id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY version",
                rs -> VoteRows.score(thread, rs), ids.toArray());
        return new Top(seqs[0], seqs[1], ordered, scores, more, cut);
    }
}
