package dev.parley.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a {@link Relay} needs from the database: per consumer, a cursor per thread over the stored
 * thread events, claimed by one node at a time with a lease.
 */
public interface RelayStore {

    /** Makes the consumer known; a new one takes the events recorded from {@code now} on. Idempotent. */
    void register(String consumer, Instant now);

    /**
     * Threads that may hold events past the consumer's cursor and that no live claim holds: those
     * with events recorded since the consumer's scan mark less {@code slack}, and cursors marked
     * behind whose retry is due. At most {@code limit}; {@code complete} when there were no more.
     */
    Candidates candidates(String consumer, Instant now, Duration slack, int limit);

    record Candidates(List<Long> threads, boolean complete) {
    }

    /** Every thread with events before {@code to} is caught up or marked behind: the scan may start there. */
    void scanned(String consumer, Instant to);

    /**
     * Creates the thread's cursor if it has none (just before the first event from the consumer's
     * start), marks it behind, and claims it until {@code until} if no live claim holds it and its
     * retry is due. Returns the failed attempts so far when claimed, empty when not.
     */
    OptionalInt claim(String consumer, long threadId, String claimant, Instant now, Instant until);

    /** Up to {@code limit} events past the cursor, oldest first. */
    List<RelayEvent> next(String consumer, long threadId, int limit);

    /** Moves the cursor to {@code seq} and extends the claim; false when the claim was lost (stop). */
    boolean advance(String consumer, long threadId, long seq, String claimant, Instant until);

    /** Caught up: no longer behind, attempts reset, claim released. */
    void release(String consumer, long threadId, String claimant);

    /** Failed: {@code attempts} so far, retried from {@code due}, claim released (still behind). */
    void retryAt(String consumer, long threadId, String claimant, int attempts, Instant due);

    /** This node stops: its claims are released at once (still behind), so a restart need not wait out a lease. */
    void abandon(String consumer, String claimant);
}
