package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which threads this node has readers of, counted over its shards. The broker hears about a
 * thread once when the first shard starts watching it and once when the last one stops, so a
 * Redis broker subscribes to exactly the threads this node needs.
 */
public final class Interest {
    private final ConcurrentHashMap<String, AtomicInteger> shardsWatching = new ConcurrentHashMap<>();
    private final Broker broker;
    private final Metrics metrics;

    public Interest(Broker broker, Metrics metrics) {
        this.broker = broker;
        this.metrics = metrics;
    }

    void watch(String thread) {
        shardsWatching.compute(thread, (t, n) -> {
            if (n == null) {
                metrics.activeThreads.incrementAndGet();
                broker.watch(t);
                return new AtomicInteger(1);
            }
            n.incrementAndGet();
            return n;
        });
    }

    void unwatch(String thread) {
        shardsWatching.computeIfPresent(thread, (t, n) -> {
            if (n.decrementAndGet() > 0) {
                return n;
            }
            metrics.activeThreads.decrementAndGet();
            broker.unwatch(t);
            return null;
        });
    }
}
