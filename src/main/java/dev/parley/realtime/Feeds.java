package dev.parley.realtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads this shard has readers of, one {@link Feed} each. The broker hears (through
 * {@link Interest}) when the first reader of a thread arrives and when the last one leaves.
 */
final class Feeds {
    private final Map<String, Feed> feeds = new HashMap<>();
    /** The same threads, readable from any thread: the hub asks before handing over a delivery. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Interest interest;
    private final Feed.Fanout fanout;
    private final ShardLoop loop;

    Feeds(Interest interest, Feed.Fanout fanout, ShardLoop loop) {
        this.interest = interest;
        this.fanout = fanout;
        this.loop = loop;
    }

    /** Any thread. */
    boolean watches(String thread) {
        return watched.contains(thread);
    }

    Feed get(String thread) {
        return feeds.get(thread);
    }

    /** The thread's feed, opened (and watched through the broker) if this is its first reader. */
    Feed open(String thread) {
        return feeds.computeIfAbsent(thread, t -> {
            watched.add(t);
            interest.watch(t);
            return new Feed(t, fanout, loop.nowMillis());
        });
    }

    /** Takes a subscriber off its feed; the feed closes with its last subscriber. */
    void leave(Subscription sub) {
        Feed feed = feeds.get(sub.thread);
        if (feed != null && feed.remove(sub)) {
            feeds.remove(sub.thread);
            watched.remove(sub.thread);
            interest.unwatch(sub.thread);
        }
    }

    /** Whether {@code feed} is still the open feed of its thread (not closed and reopened). */
    boolean current(Feed feed) {
        return feeds.get(feed.thread) == feed;
    }

    Collection<Feed> all() {
        return List.copyOf(feeds.values());
    }
}
