package dev.parley.feed;

import dev.parley.protocol.ThreadKey;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * The feeds of a thread and of the site: the newest {@link #ENTRIES} comments readers see, written
 * once and served from {@link FeedCache} until a thread event drops them. Blocking (database
 * reads): the web edge calls it from worker threads.
 *
 * <p>Threads are internal keys (protocol/ThreadKey): a feed names its thread as pages give it, and
 * its self link carries {@code site=} for a named site.
 */
public final class Syndication {
    public static final int ENTRIES = 50;
    /** On a cluster, how long the site's feed is served without a check (this node may miss events). */
    static final Duration SITE_FRESH_ON_CLUSTER = Duration.ofSeconds(5);

    private final FeedStore store;
    private final FeedCache cache;
    private final FeedWriter writer;
    private final String publicUrl;
    private final ToLongFunction<String> latestSeq;
    private final Clock clock;

    /**
     * {@code publicUrl}: this node's public base URL (empty: unknown, so feeds carry no self link);
     * {@code latestSeq}: on a cluster, reads a thread's latest seq to check a cached feed (null on a
     * single node, where every event passes through {@link #changed}).
     */
    public Syndication(FeedStore store, long cacheBytes, String publicUrl, ToLongFunction<String> latestSeq, Clock clock) {
        this.store = store;
        this.cache = new FeedCache(cacheBytes, Duration.ofMinutes(10));
        this.publicUrl = publicUrl;
        this.writer = new FeedWriter(publicUrl.isEmpty() ? "parley" : URI.create(publicUrl).getHost());
        this.latestSeq = latestSeq;
        this.clock = clock;
    }

    /** A thread changed (any thread may call this). */
    public void changed(String thread) {
        cache.changed(thread);
    }

    public long cachedBytes() {
        return cache.weight();
    }

    public byte[] thread(Format format, String thread) {
        String key = FeedCache.threadKey(format, thread);
        FeedCache.Feed hit = cache.get(key);
        if (hit != null && (latestSeq == null || latestSeq.applyAsLong(thread) == hit.seq())) {
            return hit.bytes();
        }
        long version = cache.version(thread);
        FeedStore.Entries read = store.thread(thread, ENTRIES);
        String page = read.entries().isEmpty() ? null : read.entries().get(0).pageUrl();
        String shown = ThreadKey.thread(thread);
        String query = siteQuery(ThreadKey.site(thread)) + "thread=" + URLEncoder.encode(shown, StandardCharsets.UTF_8);
        String self = self(format, "thread", "?" + query);
        FeedWriter.Head head = new FeedWriter.Head("Comments on " + (page != null ? page : shown), self, page,
                self != null ? self : "tag:parley,2025:thread:" + query);
        byte[] bytes = write(format, head, read);
        cache.put(key, thread, version, new FeedCache.Feed(bytes, read.seq(), clock.millis()));
        return bytes;
    }

    public byte[] site(Format format, String site) {
        String key = FeedCache.siteKey(format, site);
        FeedCache.Feed hit = cache.get(key);
        if (hit != null && (latestSeq == null
                || clock.millis() - hit.writtenAt() < SITE_FRESH_ON_CLUSTER.toMillis())) {
            return hit.bytes();
        }
        long version = cache.version(null);
        FeedStore.Entries read = store.site(site, ENTRIES);
        String query = siteQuery(site);
        String self = self(format, "site", query.isEmpty() ? "" : "?" + query.substring(0, query.length() - 1));
        FeedWriter.Head head = new FeedWriter.Head("Latest comments", self, null,
                self != null ? self : "tag:parley,2025:site" + (query.isEmpty() ? "" : ":" + site));
        byte[] bytes = write(format, head, read);
        cache.put(key, null, version, new FeedCache.Feed(bytes, 0, clock.millis()));
        return bytes;
    }

    private byte[] write(Format format, FeedWriter.Head head, FeedStore.Entries read) {
        return format == Format.ATOM ? writer.atom(head, read.entries())
                : writer.rss(head, publicUrl.isEmpty() ? "http://localhost/" : publicUrl + "/", read.entries());
    }

    /** {@code site=S&} for a named site, empty for the default one (whose links stay as they were). */
    private static String siteQuery(String site) {
        return site.equals(ThreadKey.DEFAULT_SITE) ? "" : "site=" + site + "&";
    }

    private String self(Format format, String name, String query) {
        return publicUrl.isEmpty() ? null
                : publicUrl + "/feed/" + name + (format == Format.ATOM ? ".atom" : ".rss") + query;
    }
}
