package dev.parley.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encoded first page of hot threads ({@code GET /api/v1/comments} without {@code after}),
 * kept exact by thread events: every event this node sees for a thread drops the thread's pages
 * and raises its known seq, and a page read from the database is kept only if it is at least that
 * new (so a read racing a post can never store a stale page). On a single node every commit
 * passes through here before its answer is sent, so the cache is exact. On a cluster another node
 * may commit first, so a cached page is served only after a one-row check that its seq is still
 * the thread's latest (Cluster.Freshness). Bounded by thread count; entries also expire.
 */
public final class PageCache {
    /** One thread's cached pages, by limit, and the newest seq any event has announced. */
    static final class Entry {
        final ConcurrentHashMap<Integer, Page> pages = new ConcurrentHashMap<>();
        volatile long knownSeq;
    }

    record Page(long seq, byte[] body) {
    }

    private final Cache<String, Entry> threads;

    public PageCache(int maxThreads, Duration ttl) {
        this.threads = Caffeine.newBuilder().maximumSize(maxThreads).expireAfterWrite(ttl).build();
    }

    /** A thread changed: any thread may call this, before or after readers hear about it. */
    public void changed(String thread, long seq) {
        Entry entry = threads.get(thread, t -> new Entry());
        synchronized (entry) {
            if (seq > entry.knownSeq) {
                entry.knownSeq = seq;
            }
            entry.pages.clear();
        }
    }

    /** The entry to read from and later store into. */
    Entry entry(String thread) {
        return threads.get(thread, t -> new Entry());
    }

    /** The cached page if no event newer than it has been seen (and, when given, it is at {@code latest}). */
    static byte[] get(Entry entry, int limit, long latest) {
        Page page = entry.pages.get(limit);
        boolean current = page != null && page.seq >= entry.knownSeq && (latest < 0 || page.seq == latest);
        return current ? page.body : null;
    }

    static void put(Entry entry, int limit, long seq, byte[] body) {
        synchronized (entry) {
            if (seq >= entry.knownSeq) {
                entry.pages.put(limit, new Page(seq, body));
            }
        }
    }
}
