package dev.parley.realtime;

import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;

/** The single-node broker: events go straight to this node's hub. */
public final class LocalBroker implements Broker {
    private final Hub hub;

    public LocalBroker(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void publish(ThreadEvent event) {
        hub.dispatch(event);
    }

    @Override
    public void publish(Score score) {
        hub.dispatch(score);
    }

    @Override
    public void watch(String thread) {
    }

    @Override
    public void unwatch(String thread) {
    }

    @Override
    public void announceBan(String authorId, String ipHash, String site) {
        hub.closeBanned(authorId, ipHash, site);
    }

    @Override
    public void close() {
    }
}
