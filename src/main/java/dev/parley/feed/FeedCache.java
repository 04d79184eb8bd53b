package dev.parley.feed;

import dev.parley.protocol.ThreadKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Written feeds, bounded in bytes (Caffeine evicts by weight: no sequence of requests makes it
 * hold more). Kept exact by thread events as the page cache is: an event drops its thread's feeds
 * and the site's, and moves their versions on; a feed read from the database is kept only if no
 * version it depends on moved while it was read. On a cluster, where this node does not hear every
 * event, a thread's feed is served only while its seq is the thread's latest, and the site's for
 * a few seconds ({@link Syndication}).
 */
final class FeedCache {
    /** A written feed: its bytes, the thread seq it was read at, when it was written (millis). */
    record Feed(byte[] bytes, long seq, long writtenAt) {
    }

    private static final int ENTRY_OVERHEAD = 150;
    private static final int VERSION_SLOTS = 4096;

    private final Cache<String, Feed> feeds;
    private final AtomicLongArray versions = new AtomicLongArray(VERSION_SLOTS);
    private final AtomicLong siteVersion = new AtomicLong();

    FeedCache(long maxBytes, Duration ttl) {
        this.feeds = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Feed feed) -> ENTRY_OVERHEAD + 2 * key.length() + feed.bytes().length)
                .expireAfterWrite(ttl)
                .build();
    }

    /** A thread changed: its feeds and its site's are dropped. Any thread may call this. */
    void changed(String thread) {
        versions.incrementAndGet(slot(thread));
        siteVersion.incrementAndGet();
        for (Format format : Format.values()) {
            feeds.invalidate(threadKey(format, thread));
            feeds.invalidate(siteKey(format, ThreadKey.site(thread)));
        }
    }

    /** The versions a feed of this thread (null: a site's, any site) depends on; take it before reading. */
    long version(String thread) {
        return thread == null ? siteVersion.get() : versions.get(slot(thread));
    }

    Feed get(String key) {
        return feeds.getIfPresent(key);
    }

    void put(String key, String thread, long versionAtRead, Feed feed) {
        feeds.asMap().compute(key, (k, old) -> version(thread) == versionAtRead ? feed : old);
    }

    /** Bytes held, as weighed. */
    long weight() {
        feeds.cleanUp();
        return feeds.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    static String threadKey(Format format, String thread) {
        return format.name() + ":t:" + thread;
    }

    static String siteKey(Format format, String site) {
        return format.name() + ":site:" + site;
    }

    private static int slot(String thread) {
        return (thread.hashCode() & 0x7fffffff) % VERSION_SLOTS;
    }
}
