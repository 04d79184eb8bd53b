package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans committed events out to this node's shards (one per event loop). The frame is encoded once
 * here, on the publishing thread; each interested shard then gets one task on its own event loop,
 * so no lock is held while writing to sockets and no frame is encoded per subscriber.
 */
public final class Hub {
    private final Frames frames;
    private final List<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadChanges changes;

    /** Hears of every event this node sees, before its readers do (the page cache). */
    @FunctionalInterface
    public interface ThreadChanges {
        void changed(String thread, long seq);
    }

    public Hub(Frames frames, ThreadChanges changes) {
        this.frames = frames;
        this.changes = changes;
    }

    void add(Shard shard) {
        shards.add(shard);
    }

    void remove(Shard shard) {
        shards.remove(shard);
    }

    List<Shard> shards() {
        return shards;
    }

    /** Delivers a committed event to every local subscriber of its thread. Callable from any thread. */
    public void dispatch(ThreadEvent event) {
        dispatch(Delivery.of(event, frames.event(event)));
    }

    /**
     * Delivers a comment's new vote counts to every local subscriber of its thread. Not a thread
     * event: the page cache does not hear of it and feeds do not order it (see {@link Delivery#SCORE}).
     */
    public void dispatch(Score score) {
        dispatchScore(score.thread(), frames.score(score));
    }

    /** An encoded score frame, from this node or another one. */
    void dispatchScore(String thread, byte[] frame) {
        offer(new Delivery(thread, Delivery.SCORE, frame, Metrics.Out.SCORE, System.nanoTime()));
    }

    /** Delivers an already encoded event (from this node, or from another one through the broker). */
    void dispatch(Delivery delivery) {
        changes.changed(delivery.thread, delivery.seq);
        offer(delivery);
    }

    /** To every shard with readers of the thread. */
    private void offer(Delivery delivery) {
        for (Shard shard : shards) {
            if (shard.watches(delivery.thread)) {
                shard.offer(delivery);
            }
        }
    }

    /**
     * Events may have been lost on their way here (a broker outage): every shard reads what its
     * feeds are missing from the database, in order.
     */
    public void resync() {
        for (Shard shard : shards) {
            shard.resync();
        }
    }

    /** Closes this node's connections of a banned author or address to {@code site} (null: any) with 1008. Any thread. */
    public void closeBanned(String authorId, String ipHash, String site) {
        for (Shard shard : shards) {
            shard.closeBanned(authorId, ipHash, site);
        }
    }

    Frames frames() {
        return frames;
    }
}
