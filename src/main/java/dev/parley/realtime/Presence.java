package dev.parley.realtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many readers each thread has on this node. Entries exist only while a thread has readers,
 * so the map is bounded by the number of live subscriptions.
 */
public final class Presence {
    private final ConcurrentHashMap<String, AtomicLong> online = new ConcurrentHashMap<>();

    void join(String thread) {
        online.computeIfAbsent(thread, t -> new AtomicLong()).incrementAndGet();
    }

    void leave(String thread) {
        online.computeIfPresent(thread, (t, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    public long online(String thread) {
        AtomicLong n = online.get(thread);
        return n == null ? 0 : n.get();
    }
}
