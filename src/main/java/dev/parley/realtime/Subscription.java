package dev.parley.realtime;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One session's subscription to one thread.
 *
 * <p>While joining, live deliveries are held (their bytes count against the session's budget) and
 * the replay from storage is written; when the replay is done, held frames with a seq already sent
 * are dropped and the rest are written, so replay and live join with no gap and no duplicate.
 */
final class Subscription {
    final String thread;
    final Session session;
    /** Highest seq written to the client for this thread. */
    private long lastSent;
    private boolean joining = true;
    private final ArrayDeque<Delivery> held = new ArrayDeque<>();
    /** Repeated subscribes that arrived while joining: each is answered once the join is done. */
    private int repeatedSubscribes;

    Subscription(String thread, Session session) {
        this.thread = thread;
        this.session = session;
    }

    boolean joining() {
        return joining;
    }

    long lastSent() {
        return lastSent;
    }

    /** The seq the replay starts after (or the live feed's position when nothing is replayed). */
    void startAt(long seq) {
        lastSent = seq;
    }

    /** Whether {@code seq} is new to this client; if so it counts as sent. */
    boolean advanceTo(long seq) {
        if (seq <= lastSent) {
            return false;
        }
        lastSent = seq;
        return true;
    }

    /** A live delivery while joining: false when holding it would overrun the session's budget. */
    boolean hold(Delivery d) {
        if (session.closed()) {
            return false;
        }
        held.add(d);
        return session.holdBytes(d.frame.length);
    }

    void subscribedAgainWhileJoining() {
        repeatedSubscribes++;
    }

    /** The join is done: live frames go straight to the client from now on. */
    void joined() {
        joining = false;
    }

    /** Subscribes repeated while joining, each owed a {@code subscribed} answer; counted once. */
    int takeRepeatedSubscribes() {
        int owed = repeatedSubscribes;
        repeatedSubscribes = 0;
        return owed;
    }

    /** The frames held while joining, in arrival order; their bytes go back to the session. */
    List<Delivery> takeHeld() {
        List<Delivery> waiting = List.copyOf(held);
        releaseHeld();
        return waiting;
    }

    /** Gives the held frames' bytes back to the session (the join ended or the subscription went). */
    void releaseHeld() {
        long bytes = 0;
        for (Delivery d : held) {
            bytes += d.frame.length;
        }
        held.clear();
        session.releaseBytes(bytes);
    }
}
