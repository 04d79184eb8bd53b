package dev.parley.comment;

import dev.parley.protocol.Comment;
import dev.parley.protocol.ThreadEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link CommentService} needs from storage. Every method that changes a thread takes the
 * thread's next seq inside the same transaction as the change, so seqs are gap-free and unique
 * under any concurrency, and the event row doubles as the outbox that replays read from.
 * Comments handed out here are as readers may see them ({@link Comment#visible()}).
 */
public interface CommentStore {

    /**
     * Stores a new comment and, unless {@code pending}, its creation event. When
     * {@code c.idempotencyKey()} already committed in that thread, stores nothing and returns the
     * original with {@code replayed = true} and no owner (who may see it is the caller's rule). A
     * parent that is missing or in another thread fails with {@code invalid_parent}. A verified
     * poster's name is reserved (for their site) in the same transaction.
     */
    Posted create(NewComment c, Poster poster, String html, Instant now, boolean pending);

    /** The comment stored under this idempotency key in this thread, with its author and address hash. */
    Optional<StoredComment> findByKey(String thread, String key);

    /** Whether this comment is its author's first: none of theirs has a smaller id. */
    boolean firstOfAuthor(long id, String authorId);

    /** The comment with its author id, even when deleted or pending. */
    Optional<StoredComment> findStored(long id);

    /** Replaces a comment's body; empty when there is no such comment. Fails with conflict if deleted. */
    Optional<ThreadEvent> edit(long id, String body, String html, Instant now, Optional<AuditEntry> audit);

    /**
     * Deletes a comment (it keeps its place); empty when there is no such comment or it was already
     * deleted. {@code byModerator} keeps the text so a moderator can restore it; an author's own
     * deletion erases it.
     */
    Optional<ThreadEvent> delete(long id, Instant now, Optional<AuditEntry> moderatorAudit);

    Optional<Comment> find(long id);

    /** Comments created after seq {@code after}, by seq, in their current state, with the latest seq. */
    Page<Comment> comments(String thread, long after, int limit);

    /**
     * A page of the thread as a tree: up to {@code limit} top-level comments after {@code cursor}
     * (a seq; newest first: below it, 0 meaning from the newest; oldest first: above it), each with
     * its replies, at most {@code maxReplies} replies in all (docs/protocol.md, "Tree pages").
     */
    Tree tree(String thread, boolean newestFirst, long cursor, int limit, int maxReplies);

    /**
     * Comment {@code id} in its context: its ancestors and its top-level comment's replies, at most
     * {@code maxReplies} of each; empty when there is no such comment or it waits for moderation.
     */
    Optional<Tree> context(long id, int maxReplies);

    /** Events after seq {@code after}, by seq, each with its comment's current state, with the latest seq. */
    Page<ThreadEvent> events(String thread, long after, int limit);

    ThreadStats stats(String thread);

    /** The latest event seq of each of these threads (absent: never written). One query. */
    Map<String, Long> latestSeqs(Collection<String> threads);

    /** The comments shown to readers (not deleted, not waiting) of each thread; absent: never written. */
    Map<String, Long> counts(Collection<String> threads);

    /**
     * Everything a new post is checked against, read in one statement: whether the thread is
     * locked, an active ban covers the author or address, a signed-in author has used this name or
     * one that looks the same ({@link AuthorName#key}), and the author or address posted this exact
     * body in this thread since {@code duplicateSince}.
     */
    PostChecks postChecks(NewComment c, Poster poster, Instant now, Instant duplicateSince);

    record PostChecks(boolean locked, boolean banned, boolean nameReserved, boolean duplicate) {
    }

    /** What an author's edit or deletion is checked against, in one statement: the thread's lock and bans. */
    ChangeChecks changeChecks(String thread, String authorId, String ipHash, Instant now);

    record ChangeChecks(boolean locked, boolean banned) {
    }

    /** Whether an active ban covers this author or address. */
    boolean banned(String authorId, String ipHash, String site, Instant now);

    /** The moderation settings; may be up to a second old (every post reads them). */
    /** A site's moderation settings. */
    ModerationSettings settings(String site);

    /**
     * A post's answer. {@code ownerId}: the author whose token the answer may carry (the poster's
     * for a new comment); null when it may carry none (a replay by someone else).
     */
    record Posted(ThreadEvent event, boolean replayed, String ownerId) {
    }

    /**
     * Comments of a thread as a tree, each top-level one followed by its replies (a parent before
     * its replies), with the thread's seq read before them and its count of comments readers see;
     * {@code more}: top-level comments follow; {@code repliesCut}: some replies were left out.
     */
    record Tree(long seq, long count, List<Comment> comments, boolean more, boolean repliesCut) {
    }

    /** A page of a thread read in one snapshot: {@code seq} is the latest event seq of that snapshot. */
    record Page<T>(long seq, List<T> items) {
    }

    /**
     * Latest event seq, the number of comments not deleted, whether a moderator has locked the
     * thread to new comments, and its latest score version (votes); zeros and unlocked for a thread
     * never written.
     */
    record ThreadStats(long seq, long count, boolean locked, long scoreSeq) {
        public ThreadStats(long seq, long count) {
            this(seq, count, false, 0);
        }

        public ThreadStats(long seq, long count, boolean locked) {
            this(seq, count, locked, 0);
        }
    }
}
