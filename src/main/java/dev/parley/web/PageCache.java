package dev.parley.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The first page of hot threads ({@code GET /api/v1/comments} without {@code after}): one
 * canonical page per thread with every comment encoded once; a request for fewer comments gets a
 * slice of it. Likewise the first tree page of each order ({@code order=newest|oldest}, what the
 * widget loads), under the thread's key and a NUL (never in a thread key) with the order. Bounded in bytes ({@code PARLEY_PAGE_CACHE_BYTES}): Caffeine evicts by weight, so
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
    record Page(long seq, List<byte[]> comments, boolean more, long bytes) implements Entry {
    }

    /**
     * A first tree page read at {@code seq}: its comments, each encoded once, a top-level one first
     * in each of its {@code roots} (index of the top-level comment, and its seq); the thread's
     * {@code count}; whether more top-level comments follow and whether replies were left out.
     */
    record Tree(long seq, long count, List<byte[]> comments, List<long[]> roots, boolean more, boolean repliesCut,
                long bytes) implements Entry {
    }

    /** What the cache weighs. */
    sealed interface Entry permits Page, Tree {
        long bytes();

        List<byte[]> comments();
    }

    /** Key, map and list overhead per entry, counted beside the comments' bytes. */
    private static final int ENTRY_OVERHEAD = 200;
    private static final int VERSION_SLOTS = 4096;

    private final Cache<String, Entry> threads;
    private final AtomicLongArray versions = new AtomicLongArray(VERSION_SLOTS);

    public PageCache(long maxBytes, Duration ttl) {
        this.threads = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String thread, Entry page) -> (int) Math.min(Integer.MAX_VALUE,
                        ENTRY_OVERHEAD + 2L * thread.length() + page.bytes() + 16L * page.comments().size()
                                + (page instanceof Tree tree ? 32L * tree.roots().size() : 0)))
                .expireAfterWrite(ttl)
                .build();
    }

    /** A thread changed: any thread may call this, before or after readers hear about it. */
    public void changed(String thread, long seq) {
        versions.incrementAndGet(slot(thread));
        threads.invalidateAll(List.of(thread, treeKey(thread, true), treeKey(thread, false)));
    }

    /** The thread's version now: take it before reading a page from the database, give it to {@link #put}. */
    long version(String thread) {
        return versions.get(slot(thread));
    }

    /** The cached page; null when there is none (or it was dropped by an event). */
    Page get(String thread) {
        return threads.getIfPresent(thread) instanceof Page page ? page : null;
    }

    /** The cached first tree page of this order; null when there is none. */
    Tree tree(String thread, boolean newestFirst) {
        return threads.getIfPresent(treeKey(thread, newestFirst)) instanceof Tree tree ? tree : null;
    }

    /** Keeps a first tree page read from the database, unless its thread changed since {@code versionAtRead}. */
    void putTree(String thread, boolean newestFirst, long versionAtRead, Tree tree) {
        keep(treeKey(thread, newestFirst), thread, versionAtRead, tree);
    }

    /** Keeps a page read from the database, unless its thread changed since {@code versionAtRead}. */
    void put(String thread, long versionAtRead, Page page) {
        keep(thread, thread, versionAtRead, page);
    }

    private void keep(String key, String thread, long versionAtRead, Entry entry) {
        threads.asMap().compute(key, (k, old) -> versions.get(slot(thread)) == versionAtRead ? entry : old);
    }

    /** Bytes held, as the cache weighs them (after pending evictions). */
    public long weight() {
        threads.cleanUp();
        return threads.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private static String treeKey(String thread, boolean newestFirst) {
        return thread + (newestFirst ? "\u0000newest" : "\u0000oldest");
    }

    private static int slot(String thread) {
        return (thread.hashCode() & 0x7fffffff) % VERSION_SLOTS;
    }
}
