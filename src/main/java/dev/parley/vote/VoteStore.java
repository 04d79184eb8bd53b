package dev.parley.vote;

import dev.parley.comment.AuditEntry;
import dev.parley.comment.CommentStore;
import dev.parley.protocol.Comment;
import dev.parley.protocol.Score;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Votes} needs from storage. A vote is one transaction: the thread's score version
 * moves on (which also orders concurrent votes of one thread), the facts the rules need are read,
 * the rules decide, then the vote row and the comment's counts change together. Scores never take a
 * thread seq: the comments' seq stream, its replay window and the page cache do not see votes.
 */
public interface VoteStore {

    /**
     * Casts (+1, -1) or withdraws (0) {@code voter}'s vote on a comment. {@code rules} sees the
     * facts inside the transaction and throws to refuse (nothing changes). {@code trustedBefore}: a
     * voter first seen (first comment or vote) before it is not new to the address rule.
     */
    Cast cast(long commentId, Voter voter, int value, Instant now, Instant trustedBefore, Rules rules);

    /** The rules, applied to what the store read in the vote's transaction. */
    @FunctionalInterface
    interface Rules {
        void check(Facts facts);
    }

    /**
     * {@code comment}: the comment voted on (empty: none, or pending); {@code authorId}: its author;
     * {@code banned}: a ban covers the voter or their address; {@code trusted}: the voter was first
     * seen before the trust age; {@code addressTaken}: another voter already voted on this comment
     * from this address; {@code previous}: the voter's vote before this one (0: none).
     */
    record Facts(Optional<Comment> comment, String authorId, boolean banned, boolean trusted, boolean addressTaken,
                 int previous) {
    }

    /** The comment's counts after the vote, and whether they changed (a repeated vote changes nothing). */
    record Cast(Score score, boolean changed) {
    }

    /**
     * Removes every vote of an author ({@code voterId}) or cast from an address ({@code ipHash}),
     * exactly one of them set, with the moderator's audit entry, in one transaction; the counts of
     * each comment they had voted on, each with a new score version.
     */
    List<Score> clear(String voterId, String ipHash, String site, Optional<AuditEntry> audit);

    /** Scores of the thread that changed after score version {@code after}, oldest change first. */
    CommentStore.Page<Score> scores(String thread, long after, int limit);

    /**
     * The "Top" order: top-level comments by score (up minus down, then older first), {@code offset}
     * of them skipped, at most {@code limit}, each followed by its replies (at most
     * {@code maxReplies} in all, oldest first), with the scores of all of them.
     */
    Top top(String thread, int offset, int limit, int maxReplies);

    /** {@code more}: top-level comments after these exist; {@code repliesCut}: some replies were left out. */
    record Top(long seq, long scoreSeq, List<Comment> comments, List<Score> scores, boolean more, boolean repliesCut) {
    }
}
