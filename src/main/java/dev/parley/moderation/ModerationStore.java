package dev.parley.moderation;

import dev.parley.comment.ModerationSettings;
import dev.parley.comment.StoredComment;
import dev.parley.protocol.ThreadEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What {@link Moderation} needs from storage. Changes to threads take seqs like any other change. */
public interface ModerationStore {

    /** Newest first across threads; {@code status}: all, pending or deleted. */
    List<StoredComment> newest(int limit, Long beforeId, String status);

    /** Gives a pending comment the thread's next seq and records its creation event. */
    Optional<ThreadEvent> approve(long id, Instant now);

    /** Undoes a moderator's deletion (an author's own deletion erased the text and stays). */
    Optional<ThreadEvent> restore(long id, Instant now);

    /** Erases the author's text from every comment of theirs, each as an {@code updated} event. */
    List<ThreadEvent> eraseAuthor(String authorId, Instant now);

    List<StoredComment> byAuthor(String authorId);

    /** The author's requests to be mailed replies (their addresses), for their data export. */
    List<MailSubscription> mailSubscriptions(String authorId);

    Ban ban(String authorId, String ipHash, Instant until, String reason, Instant now);

    List<Ban> activeBans(Instant now);

    boolean unban(long id);

    /** Locks or unlocks a thread (creating its row if it has none yet). */
    void lock(String thread, boolean locked, Instant now);

    ModerationSettings settings();

    void saveSettings(ModerationSettings settings);

    void audit(AuditEntry entry);

    List<AuditEntry> audit(int limit);

    /** Forgets address hashes of comments older than {@code before}; returns how many. */
    int forgetAddressHashes(Instant before);
}
