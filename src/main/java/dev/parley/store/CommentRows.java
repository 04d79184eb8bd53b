package dev.parley.store;

import static dev.parley.store.Sql.COMMENT_COLUMNS;
import static dev.parley.store.Sql.FROM_COMMENTS;

import dev.parley.comment.StoredComment;
import dev.parley.protocol.Comment;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Comment rows as the stores read them, each with its public {@code authorKey}: derived from the
 * row's author id with the server secret as rows are read (keys are not stored), so every path
 * that hands out a comment gives the same key for one author and none reveals the author id.
 */
final class CommentRows {
    private final UnaryOperator<String> authorKey;

    CommentRows(UnaryOperator<String> authorKey) {
        this.authorKey = authorKey;
    }

    /** The comment's author key from its author id (null when there is none). */
    String authorKey(String authorId) {
        return authorId == null ? null : authorKey.apply(authorId);
    }

    /** A comment row as stored: content kept even when deleted (for moderators). */
    StoredComment stored(ResultSet rs) throws SQLException {
        return Sql.stored(rs, authorKey);
    }

    /** A comment row as readers may see it. */
    Comment visible(ResultSet rs) throws SQLException {
        return stored(rs).comment().visible();
    }

    Optional<StoredComment> stored(Connection conn, long id) throws SQLException {
        return Sql.one(conn, "SELECT " + COMMENT_COLUMNS + FROM_COMMENTS + " WHERE c.id = ?", this::stored, id);
    }

    /**
     * Takes the thread's next seq for a change of comment {@code before} and records the event. A
     * pending comment has no place in the thread yet: it changes silently (seq 0, nothing recorded).
     */
    ThreadEvent change(Connection conn, Comment before, String seqSql, Instant now) throws SQLException {
        if (before.pending()) {
            return new ThreadEvent(before.thread(), 0, EventType.UPDATED, stored(conn, before.id()).orElseThrow().comment());
        }
        long[] next = JdbcCommentStore.nextSeq(conn, seqSql, before.thread());
        JdbcCommentStore.recordEvent(conn, next[0], next[1], EventType.UPDATED, before.id(), now.toEpochMilli());
        return new ThreadEvent(before.thread(), next[1], EventType.UPDATED,
                stored(conn, before.id()).orElseThrow().comment().visible());
    }
}
