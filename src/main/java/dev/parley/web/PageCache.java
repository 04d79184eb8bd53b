package dev.parley.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The first page of hot threads ({@code GET /api/v1/comments} without {@code after}): one
 * canonical page per thread with every comment encoded once; a request for fewer comments gets a
 * slice of it. Bounded in bytes ({@code PARLEY_PAGE_CACHE_BYTES}): Caffeine evicts by weight, so
 * no sequence of requests makes it hold more, whatever limits they ask for.
 *
 * <p>Kept exact by thread events: an event drops the thread's page and moves the thread's version
 * on, and a page read from the database is kept only if its thread's version did not move while it
 * was read (so a read racing a post can never store a stale page). Versions live in a fixed array
 * indexed by the thread's hash, never evicted; two threads sharing a slot only cost a skipped put.
 * On a single node every commit passes through here before its answer is sent, so the cache is
 * exact; on a cluster a cached page is served only after a one-row check that its seq is still the
 * thread's latest (Cluster.Freshness).
 */
public final class PageCache {
    /**
     * A first page read at {@code seq}: its comments, each encoded once, and whether more follow
     * (comments past the page's count or its byte cap).
     */
    record Page(long seq, List<byte[]> comments, boolean more, long bytes) {
    }

    /** Key, map and list overhead per entry, counted beside the comments' bytes. */
    private static final int ENTRY_OVERHEAD = 200;
    private static final int VERSION_SLOTS = 4096;

    private final Cache<String, Page> threads;
    private final AtomicLongArray versions = new AtomicLongArray(VERSION_SLOTS);

    public PageCache(long maxBytes, Duration ttl) {
        this.threads = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String thread, Page page) -> (int) Math.min(Integer.MAX_VALUE,
                        ENTRY_OVERHEAD + 2L * thread.length() + page.bytes() + 16L * page.comments().size()))
                .expireAfterWrite(ttl)
                .build();
    }

    /** A thread changed: any thread may call this, before or after readers hear about it. */
    public void changed(String thread, long seq) {
        versions.incrementAndGet(slot(thread));
        threads.invalidate(thread);
    }

    /** The thread's version now: take it before reading a page from the database, give it to {@link #put}. */
    long version(String thread) {
        return versions.get(slot(thread));
    }

    /** The cached page; null when there is none (or it was dropped by an event). */
    Page get(String thread) {
        return threads.getIfPresent(thread);
    }

    /** Keeps a page read from the database, unless its thread changed since {@code versionAtRead}. */
    void put(String thread, long versionAtRead, Page page) {
        threads.asMap().compute(thread, (t, old) -> versions.get(slot(thread)) == versionAtRead ? page : old);
    }

    /** Bytes held, as the cache weighs them (after pending evictions). */
    public long weight() {
        threads.cleanUp();
        return threads.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private static int slot(String thread) {
        return (thread.hashCode() & 0x7fffffff) % VERSION_SLOTS;
    }
}
