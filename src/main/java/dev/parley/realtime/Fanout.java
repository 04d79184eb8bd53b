package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes each delivery a feed puts in order to the feed's subscribers: the same pre-encoded frame
 * to every socket, flushed once per batch. A subscription still joining holds it instead.
 */
final class Fanout {
    private final FlushBatch flushes;
    private final Metrics metrics;

    Fanout(FlushBatch flushes, Metrics metrics) {
        this.flushes = flushes;
        this.metrics = metrics;
    }

    void deliver(Feed feed, Delivery d) {
        List<Subscription> subscribers = feed.subscribers();
        int delivered = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            delivered += deliverTo(subscribers.get(i), d);
        }
        metrics.deliveries.add(delivered);
        metrics.framesOut(d.kind, delivered);
        metrics.deliveryLatency.record(System.nanoTime() - d.publishedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A frame outside the seq stream (a score): to every subscriber at once, joining ones too — it
     * depends on no event before it, and a reader that joins later reads the same counts over REST.
     */
    void deliverUnordered(Feed feed, Delivery d) {
        List<Subscription> subscribers = feed.subscribers();
        int delivered = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            Session s = subscribers.get(i).session;
            if (s.outbox().sendShared(d)) {
                flushes.mark(s);
                delivered++;
            }
        }
        metrics.framesOut(d.kind, delivered);
    }

    /** Returns 1 if a frame was written to this subscriber. */
    int deliverTo(Subscription sub, Delivery d) {
        Session s = sub.session;
        if (sub.joining()) {
            sub.hold(d); // over the session's budget, the outbox closes it with 4008
            return 0;
        }
        if (!sub.advanceTo(d.seq)) {
            return 0;
        }
        if (s.outbox().sendShared(d)) {
            flushes.mark(s);
        }
        return 1;
    }
}
