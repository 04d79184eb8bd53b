package dev.parley.realtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many readers each thread has on this node. Entries exist only while a thread has readers,
 * so the map is bounded by the number of live subscriptions.
 */
public final class Presence {
    private final ConcurrentHashMap<String, AtomicLong> online = new ConcurrentHashMap<>();
    /** Readers on other nodes, as last reported through the broker; empty on a single node. */
    private final ConcurrentHashMap<String, Long> remote = new ConcurrentHashMap<>();

    void join(String thread) {
        online.computeIfAbsent(thread, t -> new AtomicLong()).incrementAndGet();
    }

    void leave(String thread) {
        online.computeIfPresent(thread, (t, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Readers of a thread on every node. */
    public long online(String thread) {
        return local(thread) + remote.getOrDefault(thread, 0L);
    }

    public long local(String thread) {
        AtomicLong n = online.get(thread);
        return n == null ? 0 : n.get();
    }

    /** Threads with readers on this node right now. */
    public java.util.Set<String> localThreads() {
        return online.keySet();
    }

    void remote(String thread, long readers) {
        if (readers <= 0) {
            remote.remove(thread);
        } else {
            remote.put(thread, readers);
        }
    }

    void forgetRemote(java.util.Collection<String> threads) {
        remote.keySet().retainAll(threads);
    }
}
