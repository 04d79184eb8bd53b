package dev.parley.realtime;

import java.util.ArrayDeque;

/**
 * One session's subscription to one thread.
 *
 * <p>While {@code joining}, live deliveries are held in {@code held} (bounded by bytes) and the
 * replay from storage is written; when the replay is done, held frames with a seq already sent are
 * dropped and the rest are written, so replay and live join with no gap and no duplicate.
 */
final class Subscription {
    final String thread;
    final Session session;
    /** Highest seq written to the client for this thread. */
    long lastSent;
    boolean joining = true;
    final ArrayDeque<Delivery> held = new ArrayDeque<>();
    long heldBytes;
    /** Repeated subscribes that arrived while joining: each is answered once the join is done. */
    int repeatedSubscribes;

    Subscription(String thread, Session session) {
        this.thread = thread;
        this.session = session;
    }
}
