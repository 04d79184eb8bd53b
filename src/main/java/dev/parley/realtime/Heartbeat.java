package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;

/**
 * The heartbeat tick: pings sessions whose turn it is, closes those that did not answer in time
 * (4001), drops sockets whose close handshake stalled, and reports the bytes waiting in outbound
 * queues. Ticks are fine-grained so a tick's pings are a small batch (see Shard#accept for the
 * spread of first pings).
 */
final class Heartbeat {
    private final Sessions sessions;
    private final Metrics metrics;
    private final long pingEveryMillis;
    private final long pongTimeoutMillis;
    private long reportedPendingBytes;

    Heartbeat(Sessions sessions, Metrics metrics, RealtimeSettings settings) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.pingEveryMillis = settings.pingEvery().toMillis();
        this.pongTimeoutMillis = settings.pongTimeout().toMillis();
    }

    void tick(long now) {
        long pending = 0;
        for (Session s : sessions.snapshot()) {
            if (s.closed()) {
                s.outbox().dropIfCloseStalled(now);
                continue;
            }
            pending += s.outbox().pendingBytes();
            switch (s.beat(now, pingEveryMillis, pongTimeoutMillis)) {
                case TIMED_OUT -> {
                    metrics.heartbeatTimeouts.increment();
                    s.close(CloseCode.MISSED_HEARTBEAT, "missed heartbeat", now);
                }
                case PING -> s.outbox().ping();
                case NOTHING -> { }
            }
        }
        metrics.outboundQueueBytes.addAndGet(pending - reportedPendingBytes);
        reportedPendingBytes = pending;
    }
}
