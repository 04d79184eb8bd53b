package dev.parley.store;

import dev.parley.comment.CommentStore.Tree;
import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A thread read as a tree (docs/protocol.md, "Tree pages"): a page of top-level comments by seq,
 * newest or oldest first, each with all its replies; and one comment's context, its top-level
 * comment's whole tree. Top-level comments come from the {@code (thread_id, seq)} index, replies
 * from one recursive query over {@code comments_parent}. Pending comments are never read (a reply
 * under one neither); deleted ones keep their place, blank.
 *
 * <p>The thread's seq is read before the rows: whatever changed after it is replayed by a
 * subscription from it, and replaying a change the rows already show is harmless.
 */
final class TreeRows {
    private TreeRows() {
    }

    /**
     * Up to {@code limit} top-level comments after the cursor (newest first: seq below it, 0 for
     * none; oldest first: seq above it), each followed by its replies, at most {@code maxReplies}
     * replies in all. Replies are read in the page's order of top-level comments, so when the cap
     * is hit only the last top-level comment read can be incomplete: the page ends before it, or,
     * if it is the first, it comes with the replies that fit and {@code repliesCut}.
     */
    static Tree page(Connection conn, CommentRows rows, String thread, boolean newestFirst, long cursor, int limit,
                     int maxReplies) throws SQLException {
        long[] stats = Sql.one(conn, "SELECT seq, comment_count, id FROM threads WHERE thread_key = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, thread).orElse(null);
        if (stats == null) {
            return new Tree(0, 0, List.of(), false, false);
        }
        String sql = "SELECT id FROM comments WHERE thread_id = ? AND parent_id IS NULL AND pending = ? AND seq "
                + (newestFirst ? "< ? ORDER BY seq DESC" : "> ? ORDER BY seq") + " LIMIT ?";
        long from = newestFirst && cursor == 0 ? Long.MAX_VALUE : cursor;
        List<Long> roots = Sql.list(conn, sql, rs -> rs.getLong(1), stats[2], false, from, limit + 1);
        boolean more = roots.size() > limit;
        roots = new ArrayList<>(roots.subList(0, Math.min(limit, roots.size())));
        if (roots.isEmpty()) {
            return new Tree(stats[0], stats[1], List.of(), false, false);
        }
        Map<Long, Long> rootOf = new HashMap<>();
        List<Long> replies = replies(conn, roots, maxReplies, rootOf);
        boolean cut = false;
        if (replies.size() > maxReplies) {
            long incomplete = rootOf.get(replies.get(maxReplies));
            replies = replies.subList(0, maxReplies);
            int at = roots.indexOf(incomplete);
            if (at == 0) {
                cut = true;
                more |= roots.size() > 1;
                roots = roots.subList(0, 1);
            } else {
                more = true;
                roots = roots.subList(0, at);
            }
            Set<Long> kept = Set.copyOf(roots);
            replies = replies.stream().filter(id -> kept.contains(rootOf.get(id))).toList();
        }
        List<Long> ids = new ArrayList<>(roots);
        ids.addAll(replies);
        return new Tree(stats[0], stats[1], ordered(read(conn, rows, ids), roots, rootOf), more, cut);
    }

    /**
     * Comment {@code id} (empty when there is none, or it waits for moderation) with its ancestors,
     * the nearest {@code maxReplies} of them, and its top-level comment's replies: the replies that
     * fit in {@code maxReplies} beside the ancestors ({@code repliesCut} when some did not).
     */
    static Optional<Tree> context(Connection conn, CommentRows rows, long id, int maxReplies) throws SQLException {
        Optional<StoredComment> target = rows.stored(conn, id);
        if (target.isEmpty() || target.get().comment().pending()) {
            return Optional.empty();
        }
        String thread = target.get().comment().thread();
        long[] stats = Sql.one(conn, "SELECT seq, comment_count FROM threads WHERE thread_key = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, thread).orElseThrow();
        // From the comment up: each row is the parent of the one before, at most maxReplies + 1 rows.
        List<long[]> up = Sql.list(conn, "WITH RECURSIVE up (id, parent_id, n) AS ("
                + " SELECT id, parent_id, 0 FROM comments WHERE id = ?"
                + " UNION ALL SELECT c.id, c.parent_id, up.n + 1 FROM comments c JOIN up ON c.id = up.parent_id"
                + " WHERE up.n < ?) SELECT id, parent_id FROM up ORDER BY n",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, id, maxReplies);
        Set<Long> ids = new LinkedHashSet<>();
        up.forEach(row -> ids.add(row[0]));
        long root = up.get(up.size() - 1)[0];
        boolean reachedRoot = up.get(up.size() - 1)[1] == 0;
        Map<Long, Long> rootOf = new HashMap<>();
        List<Long> replies = reachedRoot ? replies(conn, List.of(root), maxReplies, rootOf) : List.of();
        boolean cut = !reachedRoot || replies.size() > maxReplies;
        ids.addAll(replies.subList(0, Math.min(maxReplies, replies.size())));
        List<Comment> comments = new ArrayList<>(read(conn, rows, List.copyOf(ids)));
        comments.sort(Comparator.<Comment>comparingInt(c -> c.id() == root ? 0 : 1).thenComparingLong(Comment::seq));
        return Optional.of(new Tree(stats[0], stats[1], comments, false, cut));
    }

    /**
     * The replies under these top-level comments, not pending, ordered by their top-level comment's
     * place in {@code roots}, then by id; at most {@code max + 1} (one more says the cap was hit).
     * Fills {@code rootOf} with each reply's top-level comment.
     */
    private static List<Long> replies(Connection conn, List<Long> roots, int max, Map<Long, Long> rootOf)
            throws SQLException {
        String in = String.join(", ", Collections.nCopies(roots.size(), "?"));
        StringBuilder rank = new StringBuilder("CASE root");
        for (int i = 0; i < roots.size(); i++) {
            rank.append(" WHEN ").append(roots.get(i)).append(" THEN ").append(i); // ids: numbers, never text
        }
        rank.append(" END");
        List<Object> args = new ArrayList<>(roots);
        args.addAll(List.of(false, false, max + 1));
        return Sql.list(conn, "WITH RECURSIVE tree (id, root) AS ("
                + " SELECT id, parent_id FROM comments WHERE parent_id IN (" + in + ") AND pending = ?"
                + " UNION ALL SELECT c.id, tree.root FROM comments c JOIN tree ON c.parent_id = tree.id"
                + " WHERE c.pending = ?) SELECT id, root FROM tree ORDER BY " + rank + ", id LIMIT ?", rs -> {
                    rootOf.put(rs.getLong(1), rs.getLong(2));
                    return rs.getLong(1);
                }, args.toArray());
    }

    private static List<Comment> read(Connection conn, CommentRows rows, List<Long> ids) throws SQLException {
        return ids.isEmpty() ? List.of() : Sql.list(conn, JdbcVoteStore.commentsByIds(ids.size()), rows::visible, ids.toArray());
    }

    /** Each top-level comment in the page's order, followed by its replies by seq (a parent before its replies). */
    private static List<Comment> ordered(List<Comment> comments, List<Long> roots, Map<Long, Long> rootOf) {
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            rank.put(roots.get(i), i);
        }
        List<Comment> out = new ArrayList<>(comments);
        out.sort(Comparator.<Comment>comparingInt(c -> rank.get(rootOf.getOrDefault(c.id(), c.id())))
                .thenComparing(c -> c.parent() != null).thenComparingLong(Comment::seq));
        return out;
    }
}
