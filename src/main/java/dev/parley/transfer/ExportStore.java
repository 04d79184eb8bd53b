package dev.parley.transfer;

import dev.parley.comment.StoredComment;
import java.time.Instant;
import java.util.List;

/** What an export reads: every thread and every comment, in pages by id (keyset), never all at once. */
public interface ExportStore {

    /** Up to {@code limit} threads with an id above {@code afterId}, by id. */
    List<ExportedThread> threadsAfter(long afterId, int limit);

    /** Up to {@code limit} comments with an id above {@code afterId}, by id, as stored (deleted and pending too). */
    List<StoredComment> commentsAfter(long afterId, int limit);

    record ExportedThread(long id, String thread, long seq, long comments, boolean locked, Instant createdAt) {
    }
}
