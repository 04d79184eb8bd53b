package dev.parley.notify;

import dev.parley.comment.StoredComment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What mail needs from the database: subscriptions, the outbox and the per-address counters.
 *
 * <p>Every mail is a row of the outbox before it is sent, queued through one method that applies
 * the bounds ({@link Limits}) in the same transaction, so no path can mail past them. A row leaves
 * the outbox when it was sent (or is too old to matter): mail is sent at least once, and a node
 * that dies mid-send leaves a claim that runs out, so another node sends it again.
 */
public interface MailStore {

    enum Kind {
        CONFIRM, REPLY, MODERATOR;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /**
     * The bounds: mails waiting overall and per address, mails queued per address per hour
     * (moderators exempt: the operator chose them), and one confirmation per address per
     * {@code confirmEvery}. What would go past them is not queued.
     */
    record Limits(int maxPending, int maxPendingPerAddress, int perAddressPerHour, Duration confirmEvery) {
    }

    /** What became of a mail to queue. */
    enum Queued { QUEUED, ALREADY, CONFIRM_RATE, ADDRESS_RATE, ADDRESS_FULL, OUTBOX_FULL }

    /**
     * Records that the author of {@code commentId} wants mail about replies to it at
     * {@code address} (nothing when the comment is not theirs, or is already subscribed). Confirmed
     * at once when this author confirmed this address before; otherwise a confirmation is queued.
     */
    Queued subscribe(long commentId, String authorId, String address, Instant now);

    /** Queues a notice of this comment to each moderator address; what became of each. */
    List<Queued> noticeModerators(long commentId, List<String> addresses, Instant now);

    /**
     * Queues a notice of this reply to the parent's subscriber, if the subscription was confirmed
     * before the reply was posted and the reply is not by the subscriber.
     */
    Queued noticeReply(StoredComment reply, Instant now);

    /**
     * Confirms every subscription of this author at this address (replies from {@code now} on are
     * mailed); false when there is none.
     */
    boolean confirm(String authorId, String address, Instant now);

    /** The addresses this author subscribed with. */
    List<String> addresses(String authorId);

    /** Ends every subscription of this author at this address, and drops their mails not yet sent. */
    int unsubscribe(String authorId, String address);

    /** Ids of mails due and not claimed, oldest first. */
    List<Long> due(Instant now, int limit);

    /** Claims a due mail until {@code until}; empty when another node has it (or it is gone). */
    Optional<Letter> claim(long id, String claimant, Instant now, Instant until);

    /** Sent, or not worth sending: the row goes. */
    void done(long id);

    /** Failed: retried from {@code due}. */
    void failed(long id, int attempts, Instant due);

    /** This node stops: its claims are released at once, so a restart need not wait out a lease. */
    void abandon(String claimant);

    /** Removes counters of addresses idle since {@code before}, and mails queued before {@code tooOld}. */
    int forget(Instant before, Instant tooOld);

    /** A claimed mail and what its text needs: the comment it is about, the thread's page if known. */
    record Letter(long id, Kind kind, String address, String authorId, int attempts, Instant queuedAt,
                  StoredComment comment, String pageUrl) {
    }
}
