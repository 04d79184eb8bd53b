package dev.parley.realtime;

import dev.parley.protocol.Frames;
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

    public Hub(Frames frames) {
        this.frames = frames;
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
        Delivery delivery = null;
        for (Shard shard : shards) {
            if (shard.watches(event.thread())) {
                if (delivery == null) {
                    delivery = Delivery.of(event, frames.event(event));
                }
                shard.offer(delivery);
            }
        }
    }
}
