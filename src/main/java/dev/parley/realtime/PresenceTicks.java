package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.Frames;

/** Each tick, tells the readers of every thread whose reader count changed (one frame per thread). */
final class PresenceTicks {
    private final Feeds feeds;
    private final Presence presence;
    private final Frames frames;

    PresenceTicks(Feeds feeds, Presence presence, Frames frames) {
        this.feeds = feeds;
        this.presence = presence;
        this.frames = frames;
    }

    void tick() {
        for (Feed feed : feeds.all()) {
            long online = presence.online(feed.thread);
            if (feed.presenceChanged(online)) {
                byte[] frame = frames.presence(feed.thread, online);
                for (Subscription sub : java.util.List.copyOf(feed.subscribers())) {
                    if (!sub.joining()) {
                        sub.session.send(frame, Metrics.Out.PRESENCE);
                    }
                }
            }
        }
    }
}
