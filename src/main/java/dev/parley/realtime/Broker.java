package dev.parley.realtime;

import dev.parley.comment.EventPublisher;
import dev.parley.protocol.Score;
import dev.parley.protocol.ThreadEvent;

/**
 * Carries committed thread events to every node that has readers of the thread.
 *
 * <p>{@link #publish} is called only after the change committed. A broker may lose, duplicate or
 * reorder events (Redis pub/sub does); the {@link Hub} restores exact order from the database, so
 * a broker only makes delivery fast, never correct.
 */
public interface Broker extends EventPublisher, AutoCloseable {

    @Override
    void publish(ThreadEvent event);

    @Override
    void publish(Score score);

    /** This node now has readers of {@code thread}. */
    void watch(String thread);

    /** This node has no more readers of {@code thread}. */
    void unwatch(String thread);

    /**
     * A moderator banned an author or an address: every node closes their open connections to
     * {@code site} (null: to every site, a ban by the server's admin).
     */
    void announceBan(String authorId, String ipHash, String site);

    @Override
    void close();
}
