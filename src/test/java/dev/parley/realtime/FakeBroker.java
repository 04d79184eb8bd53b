package dev.parley.realtime;

import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker for tests that loses events on demand, as Redis pub/sub does while a node is away
 * ({@code failOnPublish(true)}); the realtime core must deliver everything anyway.
 */
final class FakeBroker implements Broker {
    private final Hub hub;
    private boolean failing;
    final List<ThreadEvent> dropped = new ArrayList<>();
    final List<String> watched = new ArrayList<>();

    FakeBroker(Hub hub) {
        this.hub = hub;
    }

    void failOnPublish(boolean fail) {
        this.failing = fail;
    }

    @Override
    public void publish(ThreadEvent event) {
        if (failing) {
            dropped.add(event);
        } else {
            hub.dispatch(event);
        }
    }

    @Override
    public void publish(Score score) {
        if (!failing) {
            hub.dispatch(score);
        }
    }

    @Override
    public void watch(String thread) {
        watched.add(thread);
    }

    @Override
    public void unwatch(String thread) {
        watched.remove(thread);
    }

    @Override
    public void announceBan(String authorId, String ipHash, String site) {
        hub.closeBanned(authorId, ipHash, site);
    }

    @Override
    public void close() {
    }
}
